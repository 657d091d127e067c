#!/bin/sh
# Runs every test: the unit tests (cmocka), the built-in rules' own examples,
# the golden CLI cases, the clients (jq, csv, Vim, bash), make eval's
# arithmetic, the README's examples, the pathological inputs and the fuzz
# replays.  The last line is "N passed, N failed".
# BANTER_WRAP (e.g. "valgrind -q ...") wraps every run of the binary.
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C
TZ=UTC
export LC_ALL TZ

pass=0
fail=0
for t in "${TEST_DIR:-build}"/test_*; do
	[ -x "$t" ] || continue
	out=$(${BANTER_WRAP:-} "$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed, or a harness failure
	fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out"
		echo "FAIL: $t"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done

# The built-in rules must match every example and no counterexample.
if out=$(${BANTER_WRAP:-} "${BANTER_BIN:-./banter}" --check-rules 2>&1); then
	pass=$((pass + 1))
else
	printf '%s\n' "$out"
	echo "FAIL: banter --check-rules"
	fail=$((fail + 1))
fi

# Runs a suite whose last line is "NAME: N passed, N failed" and adds its
# counts; a suite that ends otherwise counts as one failure.
suite() {
	name=$1
	shift
	out=$("$@" 2>&1)
	printf '%s\n' "$out" | grep -v "^ok \|^$name: [0-9]* passed"
	p=$(printf '%s\n' "$out" | sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\$/\1/p")
	f=$(printf '%s\n' "$out" | sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\$/\2/p")
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-1}))
}

suite golden sh tests/golden.sh

# Real clients read the output: jq, Python's csv module, Vim, bash.
suite clients sh tests/clients.sh

# The visual reports read by real renderers: cmark-gfm (and Chromium).
suite report sh tests/report.sh

# make eval's arithmetic, on six items whose verdicts are known.
suite eval sh tests/eval.sh

# The README's examples must still print what the README shows.
if [ -z "${BANTER_WRAP:-}" ] && [ -z "${BANTER_BIN:-}" ]; then
	suite readme python3 tests/readme.py
fi

# Pathological inputs with a time bound, and the fuzz regressions and seeds
# replayed without libFuzzer (fuzz/replay.c).
suite pathological sh tests/pathological.sh

# The combined scan gives what running every rule gives.
suite prefilter sh tests/prefilter.sh
for t in frontmatter passage rules regex note utf8 dic config; do
	r="${TEST_DIR:-build}/replay_$t"
	if [ ! -x "$r" ]; then
		echo "FAIL: $r is missing"
		fail=$((fail + 1))
	elif out=$(${BANTER_WRAP:-} "$r" "fuzz/corpus/$t" "fuzz/regressions/$t" 2>&1); then
		pass=$((pass + 1))
	else
		printf '%s\n' "$out" | tail -n 30
		echo "FAIL: fuzz replay $t"
		fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
