#!/bin/sh
# Pathological inputs with a time bound, as cmark's pathological tests do
# (ROBUSTNESS.md 5.4).  Each input is generated at run time in a scratch
# folder; each case runs the real binary under `timeout`, checks its exit
# status and a pattern in its stderr (and stdout), and fails on a timeout.
#
#   BANTER_BIN   the binary (default ./banter)
#   BANTER_WRAP  a wrapper such as valgrind: limits grow tenfold and the
#                biggest inputs shrink
#   PATHO_TIME   seconds allowed per case (default 5; 10 under ASan or a
#                wrapper, 60 under valgrind)
#   PATHO_ONLY   run only the cases whose name contains this
#
# The last line is "pathological: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C
TZ=UTC
export LC_ALL TZ
bin="$(pwd)/${BANTER_BIN:-banter}"
BANTER="${BANTER_WRAP:+$BANTER_WRAP }$bin"
big=1
limit=${PATHO_TIME:-5}
case "${BANTER_WRAP:-}" in
*valgrind*) limit=${PATHO_TIME:-60}; big=0 ;;
?*) limit=${PATHO_TIME:-10}; big=0 ;;
esac
case "$BANTER_BIN" in
*asan*) limit=${PATHO_TIME:-10}; big=0 ;;
esac

rules="$(pwd)/tests/data/hostile-rules.yaml"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# gen NAME PYTHON: runs a Python snippet in $tmp to build an input.
gen() {
	(cd "$tmp" && python3 -c "$2") || { echo "pathological: cannot generate $1"; exit 2; }
}

# run NAME STATUS ERR_PATTERN OUT_PATTERN ARGS...: runs banter in $tmp;
# STATUS is the exit status wanted ('-': any but a crash or a timeout),
# the patterns are grep -E patterns
# ('' for "anything", EMPTY for "nothing at all").
run() {
	name=$1 want=$2 errpat=$3 outpat=$4
	shift 4
	if [ -n "${PATHO_ONLY:-}" ]; then
		case "$name" in *"$PATHO_ONLY"*) ;; *) return ;; esac
	fi
	start=$(date +%s.%N)
	(cd "$tmp" && timeout -k 5 "$limit" ${PREFIX:-} $BANTER --no-config "$@" >"$tmp/.out" 2>"$tmp/.err")
	rc=$?
	end=$(date +%s.%N)
	secs=$(echo "$start $end" | awk '{ printf "%.2f", $2 - $1 }')
	why=
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="timed out after ${limit}s"
	elif [ "$want" = - ] && [ "$rc" -ge 128 ]; then
		why="exit status $rc (a signal)"
	elif [ "$want" != - ] && [ "$rc" -ne "$want" ]; then
		why="exit status $rc, wanted $want"
	elif [ "$errpat" = EMPTY ] && [ -s "$tmp/.err" ]; then
		why="stderr is not empty"
	elif [ -n "$errpat" ] && [ "$errpat" != EMPTY ] && ! grep -Eq -- "$errpat" "$tmp/.err"; then
		why="stderr does not match /$errpat/"
	elif [ -n "$outpat" ] && ! grep -Eq -- "$outpat" "$tmp/.out"; then
		why="stdout does not match /$outpat/"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok   $name (${secs}s)"
	else
		fail=$((fail + 1))
		echo "FAIL $name (${secs}s): $why"
		head -c 600 "$tmp/.err" | head -n 5 | sed 's/^/     stderr: /'
	fi
}

# ---- front matter (ROBUSTNESS C3-C9) ----

gen yaml-flow-50k 'open("flow.md","w").write("---\na: " + "["*50000 + "]"*50000 + "\n---\nbody\n")'
# the 100 KB front matter passes its limit only when raised
run yaml-flow-50k-deep 2 "flow.md:2:[0-9]+: error: front matter: nesting deeper than 64 levels" '' \
	--limit front-matter=1M flow.md
run yaml-flow-50k-too-long 2 "flow.md:2:1: error: front matter of [0-9]+ bytes is longer than 65536" '' flow.md

gen yaml-block-50k 'open("block.md","w").write("---\na:\n" + "- "*50000 + "x\n---\nbody\n")'
run yaml-block-50k-deep 2 "block.md:3:[0-9]+: error: front matter: nesting deeper than 64 levels" '' \
	--limit front-matter=1M block.md

gen yaml-depth-raised 'open("deep.md","w").write("---\na: " + "["*50000 + "]"*50000 + "\n---\nbody\n")'
run yaml-depth-raised-to-1000 2 "deep.md:2:[0-9]+: error: front matter: nesting deeper than 1000 levels \(limit 'yaml-depth'\)" '' \
	--limit front-matter=1M --limit yaml-depth=1000 deep.md

gen billion-laughs 'open("lol.md","w").write("---\n" + "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join("%s: &%s [%s]\n" % (c, c, ",".join(["*"+p]*9)) for p, c in zip("abcdefgh", "bcdefghi")) + "---\nbody\n")'
run billion-laughs 2 "lol.md:2:4: error: front matter: anchors are not supported \('&a'\)" '' lol.md

gen anchors-20k 'open("anchors.md","w").write("---\n" + "".join("a%d: &a%d x\n" % (i, i) for i in range(20000)) + "".join("b%d: *a%d\n" % (i, i) for i in range(20000)) + "---\nbody\n")'
run anchors-20k 2 "anchors.md:2:5: error: front matter: anchors are not supported" '' --limit front-matter=2M anchors.md

mb=50
[ "$big" = 1 ] || mb=9
gen scalar-50m "open('scalar.md','w').write('---\\ntitle: ' + 'x'*($mb<<20) + '\\n---\\nbody\\n')"
run scalar-50m-file-size 2 "scalar.md: error: larger than 8388608 bytes \(limit 'file-size'\); skipped" '' scalar.md
run scalar-50m-scalar-limit 2 "scalar.md:2:8: error: front matter: a value longer than 65536 bytes \(limit 'scalar'\)" '' \
	--limit file-size=64M --limit front-matter=64M scalar.md

gen events-1m 'open("events.md","w").write("---\ntags: [" + "a,"*1000000 + "a]\n---\nbody\n")'
run events-1m 2 "events.md:2:[0-9]+: error: front matter: more than 100000 YAML events \(limit 'yaml-events'\)" '' \
	--limit front-matter=4M events.md

# ---- bodies ----

mb=10
[ "$big" = 1 ] || mb=9
gen line-10m "open('line.md','w').write('---\\nclient: Acme\\n---\\n' + 'we talked about golf and pricing ' * ($mb * 1024 * 1024 // 33) + '\\n')"
run line-10m-skipped 2 "line.md: error: larger than 8388608 bytes" '' line.md
# read, split and classified; the excerpt stays short (ROBUSTNESS E9)
run line-10m 0 '' '^line\.md:4:1: (business|social|mixed) .{0,400}$' --annotate --max-filesize=16M line.md

n=1000000
[ "$big" = 1 ] || n=50000
gen passages-1m "open('words.md','w').write('---\nclient: Acme\n---\n' + 'golf\n\n' * $n)"
run passages-1m 0 EMPTY "^Acme,1,,,0,$n,0,0,0,$n," --no-default-rules --rules="$rules" --format=csv words.md
# the built-in rules, too, within the time allowed
run passages-1m-default-rules 0 '' "^Acme,1,," --format=csv words.md

# links, autolinks, URLs, wikilinks and footnote markers are blanked in
# one linear pass: unclosed openers by the million stay linear
n=1000000
[ "$big" = 1 ] || n=100000
gen links-unclosed "open('links.md','w').write('---\nclient: Acme\n---\n' + '[](' * ($n // 3) + ' ' + '[[' * ($n // 2) + ' ' + '<a@' * ($n // 3) + ' ' + '[a](' + '(' * 30 + ' golf\n')"
run links-unclosed 0 EMPTY '^links\.md,' --limit passage=4M --max-filesize=16M --by=note --format=csv links.md

gen invalid-utf8 'open("latin1.md","wb").write(b"---\nclient: Acme\n---\n" + b"caf\xe9 au lait \xff\xfe\n\n" * 20000)'
run invalid-utf8-one-warning 0 "^banter: latin1.md:4:4: warning: invalid UTF-8 \(60000 bytes\)" '' latin1.md

# memory pressure (ROBUSTNESS E8): out of memory is a message and status 2,
# or the run fits; never a crash.  Not under ASan or valgrind, which need
# address space of their own.
if [ "$big" = 1 ]; then
	printf 'ulimit -v 262144 || exit 0\nexec "$@"\n' >"$tmp/ulimit-v.sh"
	gen memory-pressure "open('mem.md','w').write('---\\nclient: Acme\\n---\\n' + 'golf pricing family\\n\\n' * 350000)"
	PREFIX="sh $tmp/ulimit-v.sh"
	run memory-pressure - '' '' --by=passage --format=csv mem.md
	printf 'ulimit -v 100000 || exit 0\nexec "$@"\n' >"$tmp/ulimit-v.sh"
	run memory-pressure-oom 2 '^banter: error: out of memory$' '' -j1 --by=passage --format=csv mem.md
	PREFIX=
fi

# ---- regexes from a rule file (ROBUSTNESS D4-D6, D12) ----

cat >"$tmp/cata.yaml" <<'EOF'
rules:
  - id: cata
    category: social
    topic: cata
    pattern: '(a+)+$'
EOF
gen regex-d4 'open("d4.md","w").write("---\nclient: Acme\n---\nfirst\n\n" + "a"*5000 + "b\n\nlast\n")'
# the limit is reported naming the passage's line, and the run goes on
run regex-catastrophic-d4 - "d4.md:6(:[0-9]+)?: (warning|error): .*(limit|budget)" '^d4\.md,8,1,' \
	--rules=cata.yaml --by=passage --format=csv d4.md
gen regex-d5 'open("d5.md","w").write("---\nclient: Acme\n---\nfirst\n\n" + ("a"*19 + "b")*2000 + "\n\nlast\n")'
run regex-catastrophic-d5-budget - "d5.md:6(:[0-9]+)?: (warning|error): .*(limit|budget)" '^d5\.md,8,1,' \
	--rules=cata.yaml --by=passage --format=csv d5.md
gen regex-lines 'open("lines.md","w").write("---\nclient: Acme\n---\n" + "".join(("a"*19 + "b")*500 + "\n\n" for i in range(40)))'
run regex-catastrophic-many-lines - "lines.md:[0-9]+(:[0-9]+)?: (warning|error): .*(limit|budget)" '^lines\.md,82,1,' \
	--rules=cata.yaml --by=passage --format=csv lines.md

cat >"$tmp/alt.yaml" <<'EOF'
rules:
  - id: alt
    category: social
    topic: alt
    pattern: '^(a|b)*$'
EOF
gen regex-d6 'open("d6.md","w").write("---\nclient: Acme\n---\n" + "ab"*100000 + "\n")'
# the JIT stack grows as needed: the 200k-character passage matches, with no error
run regex-jit-stack-d6 0 EMPTY '^d6\.md,4,1,Acme,social,' --rules=alt.yaml --no-default-rules \
	--limit passage=1M --by=passage --format=csv d6.md

cat >"$tmp/a.yaml" <<'EOF'
rules:
  - id: a
    category: business
    topic: a
    pattern: 'a'
EOF
gen regex-d12 'open("d12.md","w").write("---\nclient: Acme\n---\n" + "a "*100000 + "\n")'
run regex-many-matches-d12 0 EMPTY '^d12\.md,4,1,Acme,business,' --rules=a.yaml --no-default-rules \
	--limit passage=1M --by=passage --format=csv d12.md

# ---- the file system (ROBUSTNESS A8, A16) ----

files=100000
[ "$big" = 1 ] || files=5000
gen many-files "
import os
os.mkdir('many')
for i in range($files):
    with open('many/n%06d.md' % i, 'w') as f:
        f.write('---\nclient: C%d\n---\nwe played golf\n' % (i % 7))
"
run many-files-one-folder 0 EMPTY "^C6,$((files / 7)),,,0,$((files / 7)),0,0," \
	--no-default-rules --rules="$rules" --format=csv many
rm -rf "$tmp/many"

gen deep-tree '
import os
fd = os.open(".", os.O_RDONLY)
os.mkdir("deep", dir_fd=fd)
d = os.open("deep", os.O_RDONLY, dir_fd=fd)
for i in range(3000):
    os.mkdir("d", dir_fd=d)
    n = os.open("d", os.O_RDONLY, dir_fd=d)
    os.close(d)
    d = n
f = os.open("bottom.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=d)
os.write(f, b"---\nclient: Deep\n---\nwe played golf\n")
os.close(f)
'
run deeper-than-path-max 0 EMPTY '^Deep +1 ' deep
run deeper-than-path-max-note 0 EMPTY '^deep/(d/){3000}bottom\.md,Deep,' --by=note --format=csv deep
rm -rf "$tmp/deep" 2>/dev/null || python3 -c 'import shutil; shutil.rmtree("'"$tmp"'/deep")'

# ---- --check-rules: a slow pattern with thousands of examples ----

# Each of 20,000 counterexamples ran to the match limit: 34 s.  A rule
# file's rule now has one note's regex budget for all its examples.
gen check-rules-slow "
q, d = chr(39), chr(36)
ex = ''.join('      - aaaaaaaaaaaaaaaaaaaaaaaaaaaab\\n' for i in range(20000))
open('slow.yaml', 'w').write('rules:\\n  - id: x.slow\\n    category: social\\n    topic: t\\n'
    + '    pattern: ' + q + '(a+)+' + d + q + '\\n    examples: [aaa]\\n    counterexamples:\\n' + ex)
"
run check-rules-slow-examples 2 "slow\.yaml:[0-9]+: error: rule 'x\.slow': its examples used up the regex budget" '' \
	--no-default-rules --rules=slow.yaml --check-rules

# ---- the tally: many clients, periods and introductions ----

# Twelve notes naming 8,000 clients each, all introduced by one, took a
# minute when every pair and every name in a note was compared with every
# other; and a client seen in 20,000 months.
k=8000
[ "$big" = 1 ] || k=2000
gen tally-many "
import os
os.mkdir('tally')
for n in range(12):
    names = ','.join('c%d_%d' % (n, i) for i in range($k)) + ',C%d_0' % n
    open('tally/%02d.md' % n, 'w').write('---\nintroduced_by: Z\nclient: [' + names + ']\n---\ngolf\n')
open('tally/z.md', 'w').write('---\nclient: Z\n---\ngolf\n')
os.mkdir('months')
for i in range(20000):
    open('months/%05d.md' % i, 'w').write('---\nclient: A\ndate: %04d-%02d-01\n---\ngolf\n' % (1000 + i // 12, i % 12 + 1))
"
run tally-many-clients 0 EMPTY "^Z,1,.*,1\.0,0,$((12 * k))," --format=csv --limit=front-matter=1M tally
run tally-many-months 0 EMPTY '^A,20000,1000-01-01,2666-08-01,' --format=csv months
rm -rf "$tmp/tally" "$tmp/months"

# Transcripts: a run of alternating turns, lines that are only speaker
# headers, and "Key: value" lines each read once or twice, never once per
# line.
t=200000
[ "$big" = 1 ] || t=20000
gen transcript-turns "open('turns.md','w').write('---\\nclient: Acme\\n---\\n' + 'A: x\\nB: y\\n' * ($t // 2))"
run transcript-turns 0 EMPTY "^Acme,1,,,0,0,0,$t," --format=csv turns.md
gen transcript-headers "open('heads.md','w').write('---\\nclient: Acme\\n---\\n' + 'Name  0:03\\n' * $t)"
run transcript-headers - '' "^Acme,1,,,0,0,0,1," --format=csv heads.md
gen transcript-keys "open('keys.md','w').write('---\\nclient: Acme\\n---\\n' + ''.join('Key%d: value\\n' % i for i in range($t)))"
run transcript-keys - '' "^Acme,1,,,0,0,0,1," --format=csv keys.md
gen transcript-fence "open('fence.md','w').write('---\\nclient: Acme\\n---\\n\\x60\\x60\\x60\\n' + 'Name  0:03\\n' * $t)"
run transcript-fence 0 EMPTY '^fence\.md,Acme,,,0,0,0,0,0,0,0,0,,0,'"$t"'$' --by=note --format=csv fence.md

echo "pathological: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
