#!/bin/sh
# The visual reports read by real renderers: cmark-gfm turns --format=markdown
# into HTML tables with the expected rows, and headless Chromium opens the
# --format=html page and its DOM is checked against --format=json.  A renderer that is not installed
# is reported as "skipped", not failed.  Ends with "report: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C
TZ=UTC
export LC_ALL TZ
unset XDG_CONFIG_HOME COLUMNS
B="$(pwd)/${BANTER_BIN:-banter}"
T=--today=2026-11-22
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
HOME="$tmp"
export HOME
pass=0
fail=0

check() {
	name=$1
	shift
	if "$@" >"$tmp/log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: report $name"
		head -n 20 "$tmp/log"
	fi
}

# rows of the first <table> cmark-gfm makes: "<tr>" count, minus the header
md_rows() {
	cmark-gfm -e table "$1" | grep -c '^<tr>'
}

# the client table: a header and a row per client and the total, each cell
# a <td>; the flags in <strong>
md_client() {
	"$B" $T --format=markdown samples/ >"$tmp/c.md" &&
	cmark-gfm -e table "$tmp/c.md" >"$tmp/c.html" &&
	[ "$(grep -c '^<table>' "$tmp/c.html")" = 1 ] &&
	[ "$(md_rows "$tmp/c.md")" = $((6 + 1 + 1)) ] &&
	[ "$(grep -c '^<td>' "$tmp/c.html")" = $(((6 + 1) * 4)) ] &&
	grep -q '^<td>Lantern Bakery</td>$' "$tmp/c.html" &&
	grep -q '^<td><strong>chatty, drifting</strong></td>$' "$tmp/c.html"
}

# note and passage level: a row per note, per passage
md_levels() {
	"$B" $T --format=markdown --by=note samples/ >"$tmp/n.md" &&
	[ "$(md_rows "$tmp/n.md")" = 26 ] &&
	"$B" $T --format=markdown --by=passage samples/ >"$tmp/p.md" &&
	[ "$(md_rows "$tmp/p.md")" = $(($("$B" $T --format=jsonl --by=passage samples/ | wc -l) + 1)) ] &&
	"$B" $T --format=markdown --period=month samples/ >"$tmp/m.md" &&
	[ "$(md_rows "$tmp/m.md")" = $(($("$B" $T --format=csv --period=month samples/ | wc -l))) ]
}

# hostile names stay text: no element from a name, a pipe does not split
# a cell, and a backslash is kept
md_hostile() {
	"$B" $T --format=markdown tests/data/hostile/ >"$tmp/h.md" &&
	cmark-gfm -e table -e strikethrough -e autolink -e tagfilter "$tmp/h.md" >"$tmp/h.html" &&
	! grep -q '<img\|<script\|<code>\|<em>\|<del>\|<a ' "$tmp/h.html" &&
	grep -q '^<td>&lt;img src=x onerror=alert(1)&gt;</td>$' "$tmp/h.html" &&
	grep -q '^<td>Pipe | Back\\slash \*star\* _u_ `code` \[l\](x) &amp; &amp;amp; ' "$tmp/h.html" &&
	[ "$(grep -c '^<td' "$tmp/h.html")" = $((4 * 8)) ]
}

if command -v cmark-gfm >/dev/null 2>&1; then
	check md_client md_client
	check md_levels md_levels
	check md_hostile md_hostile
else
	echo "report: skipped the cmark-gfm tests: cmark-gfm is not installed (apt-get install cmark-gfm)"
fi

# the page without a browser: one file, nothing fetched, names escaped
html_static() {
	"$B" $T --format=html samples/ >"$tmp/s.html" &&
	head -n 1 "$tmp/s.html" | grep -q '^<!-- banter report' &&
	! grep -qi '<link\|src=\|href="http\|@import\|url(' "$tmp/s.html" &&
	"$B" $T --format=html tests/data/hostile/ >"$tmp/h.html" &&
	[ "$(grep -c '<img\|<script>alert' "$tmp/h.html")" = 0 ] &&
	[ "$(grep -c '<script>' "$tmp/h.html")" = 1 ] &&
	"$B" $T --format=html --by=passage samples/ >"$tmp/p.html" &&
	[ "$(grep -c '<td class="l-' "$tmp/p.html")" = "$("$B" $T --format=jsonl --by=passage samples/ | wc -l)" ]
}
check html_static html_static

chromium_dom() {
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$tmp/profile" --dump-dom "file://$1" 2>/dev/null
}

# a chart per client, and the page's numbers are --format=json's
html_dom_samples() {
	chromium_dom "$tmp/s.html" >"$tmp/s.dom" &&
	"$B" $T --format=json samples/ >"$tmp/s.json" &&
	python3 - "$tmp/s.dom" "$tmp/s.json" <<'PY'
import json, sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.cards = []; s.charts = 0; s.tags = set(); s.cell = None; s.rows = []; s.intbody = False
    def handle_starttag(s, tag, a):
        a = dict(a); s.tags.add(tag)
        if tag == 'section' and a.get('class') == 'card':
            s.cards.append(a); s.charts_in = 0
        if tag == 'svg' and a.get('class') in ('balance', 'trend-chart'):
            s.cards[-1].setdefault('charts', 0); s.cards[-1]['charts'] += 1
        if tag == 'tbody': s.intbody = True
        if tag == 'tr' and s.intbody: s.rows.append([])
        if tag == 'td' and s.intbody: s.cell = a; s.rows[-1].append([a, ''])
    def handle_endtag(s, tag):
        if tag == 'tbody': s.intbody = False
        if tag == 'td': s.cell = None
    def handle_data(s, d):
        if s.cell is not None and s.rows and s.rows[-1]: s.rows[-1][-1][1] += d
p = P(); p.feed(open(sys.argv[1]).read())
j = json.load(open(sys.argv[2]))
assert len(p.cards) == len(j['clients']), (len(p.cards), len(j['clients']))
for c in p.cards: assert c.get('charts') == 2, c
byname = {c['client']: c for c in j['clients']}
summary = [r for r in p.rows if len(r) == 7][:len(j['clients'])]
assert len(summary) == len(j['clients'])
for r in summary:
    name = r[0][1]; c = byname[name]
    assert int(r[1][1]) == c['notes'], name
    assert int(r[3][1]) == sum(c['words'].values()), name
    assert float(r[4][0]['data-v']) == c['social_share'], name
    assert round(c['social_share'] * 100 + 1e-9) == int(r[4][1]) or abs(c['social_share'] * 100 - int(r[4][1])) <= .5, name
assert 'img' not in p.tags
PY
}

# hostile names show as text: no element is built from them
html_dom_hostile() {
	chromium_dom "$tmp/h.html" >"$tmp/h.dom" &&
	python3 - "$tmp/h.dom" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.tags = []; s.text = ''; s.scripts = 0
    def handle_starttag(s, tag, a):
        s.tags.append(tag)
        if tag == 'script': s.scripts += 1
        assert not any(k.startswith('on') for k, v in a), (tag, a)
    def handle_data(s, d): s.text += d
p = P(); p.feed(open(sys.argv[1]).read())
assert 'img' not in p.tags
assert p.scripts == 1, p.scripts
assert '<img src=x onerror=alert(1)>' in p.text
assert '</script><script>alert(2)</script>' in p.text
PY
}

if command -v chromium >/dev/null 2>&1; then
	check html_dom_samples html_dom_samples
	check html_dom_hostile html_dom_hostile
else
	echo "report: skipped the Chromium tests: chromium is not installed (apt-get install chromium)"
fi

echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
