#!/bin/sh
# The visual reports read by real renderers: cmark-gfm turns --format=markdown
# into HTML tables with the expected rows.  A renderer that is not installed
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

echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
