#!/bin/sh
# The combined scan (src/match.c) only ever skips rules that cannot match a
# passage: banter and a build that runs every rule on every passage
# (MATCH_EVERY_RULE) must print the same bytes -- labels, scores, every
# rule's first match -- over the samples, the test notes, the front-matter
# fixtures, a generated corpus and, when ../shared/eval is there, the
# labelled eval texts.  The last line is "prefilter: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
bin=${BANTER_BIN:-./banter}
ref=${TEST_DIR:-build}/banter-every-rule
tmp=$(mktemp -d "${TMPDIR:-/tmp}/banter-prefilter.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

notes=150
[ -n "${BANTER_WRAP:-}" ] && notes=20	# valgrind is slow
python3 tools/bench/gen_corpus.py "$tmp/corpus" --notes "$notes" >/dev/null 2>&1 || {
	echo "prefilter: cannot generate a corpus"
	fail=$((fail + 1))
}
if [ -d ../shared/eval ] && [ -z "${BANTER_WRAP:-}" ]; then
	python3 - "$tmp/eval" ../shared/eval/*.tsv <<'PY'
import csv, os, sys
out = sys.argv[1]
os.mkdir(out)
csv.field_size_limit(1 << 30)
for path in sys.argv[2:]:
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(r)
        for n, row in enumerate(r):
            if len(row) < 3 or n % 8:
                continue	# an eighth of each set is enough
            name = "%s-%06d.md" % (os.path.basename(path)[:-4], n)
            with open(os.path.join(out, name), "w", encoding="utf-8") as g:
                g.write("---\nclient: c%d\ndate: 2020-01-01\n---\n%s\n" % (n % 7, row[2]))
PY
fi

for d in samples tests/data/notes tests/frontmatter "$tmp/corpus" "$tmp/eval"; do
	[ -d "$d" ] || continue
	modes="--by=passage --format=json --explain"
	case $d in "$tmp"/*) ;; *) modes="$modes|--by=client --format=csv" ;; esac
	IFS='|'
	for args in $modes; do
		IFS=' '

		# shellcheck disable=SC2086
		${BANTER_WRAP:-} "$bin" $args --today=2026-01-01 --limit=regex-budget=1G "$d" \
			>"$tmp/out" 2>&1
		# shellcheck disable=SC2086
		${BANTER_WRAP:-} "$ref" $args --today=2026-01-01 --limit=regex-budget=1G "$d" \
			>"$tmp/ref" 2>&1
		if cmp -s "$tmp/out" "$tmp/ref" && [ -s "$tmp/out" ]; then
			pass=$((pass + 1))
		else
			echo "FAIL: prefilter: $d $args differs from running every rule"
			diff "$tmp/ref" "$tmp/out" | head -n 10
			fail=$((fail + 1))
		fi
	done
	IFS=' '
done
echo "prefilter: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
