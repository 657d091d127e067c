#!/bin/sh
# The combined scan (src/prefilter.c) only ever skips rules that cannot match a
# passage: banter and a build that runs every rule on every passage
# (PREFILTER_EVERY_RULE) must print the same bytes -- labels, scores, every
# rule's first match -- over the samples, the test notes, the front-matter
# fixtures, a generated corpus and, when ../shared/eval is there, the
# labelled eval texts; then again with a dictionary of words and prefixes
# (the*, über*) mapped, over those and text that puts its words inside
# others and next to non-ASCII letters.  The last line is
# "prefilter: N passed, N failed".
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

# A dictionary compiles to "(?<!\w)(?:work|the\w*|...)(?!\w)" (dic.c).
mkdir "$tmp/dic" "$tmp/hostile"
printf '%s\n' '%' '1	work' '2	money' '3	family' '4	friend' '%' \
	'the*	1' 'an*	2' 'work	1' 'pay*	2' 'invoic*	1	2' 'mum	3' 'kid*	3' \
	"don't*	4" ':)	4' 'catch up	4' 'über*	3' 'café*	4' 'été	3' \
	'_x*	1' '9th	2' 'mate	4' 'holiday*	3' >"$tmp/dic/d.dic"
printf '%s\n' 'dictionaries:' '  - file: d.dic' '    business: [work, money]' \
	'    social: [family, friend]' >"$tmp/dic/d.yaml"
{
	printf '%s\n' '---' 'client: Hostile' 'date: 2025-01-01' '---'
	printf '%s\n' 'other mother bathe homework repay kidney ANother_the the_ _the 9the' '' \
		'üthe éthe theé ü-the (the) "The" THE’s the9 Kthe' '' \
		'ÜBERALL über-the üüber xcafé cafés étés l’été' '' \
		'mum-mum mummy dont don’tknow :):) x:) catch  up catchup _xy a_x 9th 19th 9thx' '' \
		'٥9th ９th worḱ thé ́the anſ ſan 🎉the'
} >"$tmp/hostile/h.md"

run() {	# run NAME ARGS...: the prefilter and every rule must agree
	name=$1
	shift
	${BANTER_WRAP:-} "$bin" "$@" >"$tmp/out" 2>&1
	${BANTER_WRAP:-} "$ref" "$@" >"$tmp/ref" 2>&1
	if cmp -s "$tmp/out" "$tmp/ref" && [ -s "$tmp/out" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: prefilter: $name differs from running every rule"
		diff "$tmp/ref" "$tmp/out" | head -n 10
		fail=$((fail + 1))
	fi
}

for d in samples tests/data/notes tests/frontmatter "$tmp/corpus" "$tmp/eval"; do
	[ -d "$d" ] || continue
	modes="--by=passage --format=json --explain"
	case $d in "$tmp"/*) ;; *) modes="$modes|--by=client --format=csv" ;; esac
	IFS='|'
	for args in $modes; do
		IFS=' '
		# shellcheck disable=SC2086
		run "$d $args" $args --today=2026-01-01 --limit=regex-budget=1G "$d"
	done
	IFS=' '
done
for d in "$tmp/hostile" samples tests/data/notes "$tmp/corpus"; do
	[ -d "$d" ] || continue
	run "$d with a dictionary" --by=passage --format=json --explain --today=2026-01-01 \
		--limit=regex-budget=1G --rules="$tmp/dic/d.yaml" "$d"
done
# A built-in rule replaced in its place (its strings are not the table's),
# and rules enough that the automaton's states no longer fit in 16 bits.
python3 - "$tmp/many" <<'PY'
import os, random, sys
out = sys.argv[1]
os.mkdir(out)
random.seed(7)
words = sorted({''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(10))
                for _ in range(9000)})
with open(os.path.join(out, 'rules.yaml'), 'w') as f:
    f.write("rules:\n  - id: social.family.children\n    category: business\n"
            "    topic: invoices\n    pattern: '\\bnewborn\\b|invoice'\n    weight: 2\n")
    for i, w in enumerate(words):
        f.write("  - id: w%d\n    category: %s\n    topic: t%d\n    pattern: '\\b%s\\b'\n"
                "    weight: 1\n" % (i, 'business' if i % 2 else 'social', i % 5, w))
os.mkdir(os.path.join(out, 'notes'))
with open(os.path.join(out, 'notes', 'n.md'), 'w') as f:
    f.write('---\nclient: A\n---\nour kids and the newborn; the invoice\n\n')
    for i in range(100):
        f.write(' '.join(random.choice(words)[:random.choice((7, 10, 10))]
                         for _ in range(12)) + '\n\n')
PY
run "many rules, one replaced" --by=passage --format=json --explain --today=2026-01-01 \
	--limit=regex-budget=1G --rules="$tmp/many/rules.yaml" "$tmp/many/notes"
echo "prefilter: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
