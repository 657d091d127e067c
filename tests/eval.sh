#!/bin/sh
# tools/eval.py (make eval) on six labelled items whose verdicts are known:
# two right per label, one business item called social, one social item
# called business, one social item with no evidence.  Checks the arithmetic
# of precision, recall, F1, macro-F1, coverage and the even/odd halves, and
# that the bootstrap interval around macro-F1 holds it and is the same on
# every run.
# Last line: "eval: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
bin=${BANTER_BIN:-./banter}
pass=0
fail=0
run_eval() { python3 tools/eval.py --banter="$bin" --items tests/data/eval 2>&1; }
out=$(run_eval)

# check DESCRIPTION COMMAND...: one pass if COMMAND succeeds, else one failure.
check() {
	what=$1
	shift
	if "$@"; then
		echo "ok $what"
		pass=$((pass + 1))
	else
		echo "FAIL: eval: $what"
		fail=$((fail + 1))
	fi
}

has_line() { printf '%s\n' "$out" | grep -qxF -- "$1"; }
has_miss() { printf '%s\n' "$out" | grep -q "^MISS	$1	"; }
three_misses() { [ "$(printf '%s\n' "$out" | grep -c '^MISS	[0-9]')" -eq 3 ]; }

expect() {
	check "line '$1'" has_line "$1"
}

expect 'tiny: 6 items (3 business, 3 social)'
expect '  business      0.667   0.667   0.667'
expect '  social        0.500   0.333   0.400'
expect '  macro-F1  0.533 (95 % interval 0.143 to 0.833)'
expect '  coverage  83.3 %'
expect "  banter's labels: business 50.0 %, social 33.3 %, mixed 0.0 %, neutral 16.7 %"
expect 'tiny                    0.5333   0.1429 to 0.8333     83.3%   0.3333 / 0.6667   50.0 /   0.0    0.0 /  50.0'
# Hand-labelled notes (tests/data/eval/tinynotes): b.md:5 and b.md:7 are
# labelled the opposite of what they say, and the mixed passage at b.md:9
# spans two of banter's passages, a social one of 4 words and a business
# one of 13, so banter's label for it is business.
expect 'tinynotes: 6 passages of 2 notes (2 business, 2 social, 1 mixed, 1 neutral)'
expect '  business      0.667   0.667   0.667'
expect '  social        0.500   0.333   0.400'
expect '  b.md          48.5   38.2'
expect '  all           49.1   42.6'
expect '  social passages missed: 2'
expect 'tinynotes            0.500 / 0.333, 49.1/42.6 1.000 / 1.000, 50.0/50.0 0.000 / 0.000, 48.5/38.2'
check "miss 'b.md:9 mixed business'" has_miss 'b.md:9	mixed	business'
# The interval is drawn from a generator seeded with the set's name: a
# second run prints the same bytes, and the interval holds the estimate.
same_again() {
	[ "$(run_eval)" = "$out" ]
}
check "the same output on a second run" same_again
holds_estimate() {
	printf '%s\n' "$out" | awk '$1 == "tiny" && $3 <= $2 && $2 <= $5 { ok = 1 } END { exit !ok }'
}
check "interval holds macro-F1" holds_estimate
# The misses, one line each, with the label banter gave.
for m in '3	business	social' '4	social	business' '5	social	None'; do
	check "miss '$m'" has_miss "$m"
done
check "three misses" three_misses
# A wrong argument gets one line naming it and exit 1, not a traceback.
refuses() {
	err=$(python3 tools/eval.py --banter="$bin" "$@" 2>&1 >/dev/null)
	st=$?
	[ "$st" -eq 1 ] && printf '%s\n' "$err" | grep -q "^eval: .*$1" &&
		! printf '%s\n' "$err" | grep -q Traceback
}
check "an unknown option is refused" refuses --itmes tests/data/eval
check "a missing folder is named" refuses tests/data/no-such-folder
[ "$fail" -eq 0 ] || printf '%s\n' "$out"
echo "eval: $pass passed, $fail failed"
