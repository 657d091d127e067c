#!/bin/sh
# Golden CLI cases.  Each folder under tests/golden/ holds
#   cmd     a shell command line; $BANTER is the binary
#   stdin   (optional) its standard input, else /dev/null
#   out     the expected standard output
#   err     the expected standard error
#   status  the expected exit status
# Commands run from the repository's top folder.  With UPDATE=1 the
# expected files are written from what the binary does now.
# BANTER_WRAP (e.g. "valgrind -q --error-exitcode=99") wraps the binary.
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C
TZ=UTC
export LC_ALL TZ
BANTER="${BANTER_WRAP:+$BANTER_WRAP }$(pwd)/${BANTER_BIN:-banter}"
export BANTER

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# no configuration file of the person running the tests may leak in
mkdir -p "$tmp/home"
HOME="$tmp/home"
export HOME
unset XDG_CONFIG_HOME COLUMNS NO_COLOR
pass=0
fail=0
for dir in tests/golden/*/; do
	dir=${dir%/}
	name=${dir#tests/golden/}
	[ -f "$dir/cmd" ] || continue
	input=/dev/null
	[ -f "$dir/stdin" ] && input="$dir/stdin"
	timeout 60 sh -c "$(cat "$dir/cmd")" <"$input" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/status"
	if [ -n "${UPDATE:-}" ]; then
		cp "$tmp/out" "$dir/out"
		cp "$tmp/err" "$dir/err"
		cp "$tmp/status" "$dir/status"
	fi
	ok=1
	for f in out err status; do
		if ! diff -u "$dir/$f" "$tmp/$f" >"$tmp/diff" 2>&1; then
			ok=0
			echo "--- $name: $f differs"
			head -n 40 "$tmp/diff"
		fi
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: golden $name"
	fi
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
