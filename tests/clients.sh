#!/bin/sh
# banter's output read by the programs people feed it to: jq for JSON and
# JSON Lines, Python's csv module for CSV and TSV, and a real Vim loading
# --annotate into its quickfix list.  Ends with "clients: N passed, N failed".
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
		echo "FAIL: clients $name"
		head -n 20 "$tmp/log"
	fi
}

# JSON: one document; jq finds every client, the totals and the schema
json_client() {
	"$B" $T --format=json samples/ >"$tmp/c.json" &&
	[ "$(jq -r '.schema' "$tmp/c.json")" = 1 ] &&
	[ "$(jq -r '.clients | length' "$tmp/c.json")" = 6 ] &&
	[ "$(jq -r '.totals.notes' "$tmp/c.json")" = 25 ] &&
	[ "$(jq -r '[.clients[] | select(.flags | index("chatty")) | .client] | join(",")' "$tmp/c.json")" = "Lantern Bakery" ] &&
	jq -e '[.clients[] | .social_share | (type == "number" and . >= 0 and . <= 1)] | all' "$tmp/c.json" >/dev/null &&
	# the totals count each note once: they are the sum of the note rows
	[ "$(jq '.totals.words.social' "$tmp/c.json")" = \
	  "$("$B" $T --by=note --format=json samples/ | jq '[.notes[].words.social] | add')" ]
}
check json-client json_client

json_levels() {
	for by in note passage; do
		"$B" $T --by=$by --format=json samples/ tests/data/notes/ >"$tmp/l.json" 2>/dev/null
		jq -e ".${by}s | length > 0" "$tmp/l.json" >/dev/null || return 1
	done
	# passages of one note add up to the note's words
	a=$("$B" --by=passage --format=json samples/misc | jq '[.passages[].words] | add')
	b=$("$B" --by=note --format=json samples/misc | jq '.notes[0].words | .business + .social + .mixed + .neutral')
	[ "$a" = "$b" ]
}
check json-levels json_levels

# JSON Lines: every line parses alone, one per client; at every level
jsonl() {
	"$B" $T --format=jsonl samples/ >"$tmp/c.jsonl" &&
	[ "$(wc -l <"$tmp/c.jsonl")" -eq 6 ] &&
	[ "$(jq -c . "$tmp/c.jsonl" | wc -l)" -eq 6 ] &&
	[ "$(jq -r .client "$tmp/c.jsonl" | head -n 1)" = "Brightwater Dental" ] &&
	"$B" --by=passage --format=jsonl samples/ >"$tmp/p.jsonl" &&
	[ "$(jq -s length "$tmp/p.jsonl")" = "$("$B" --by=passage --format=json samples/ | jq '.passages | length')" ]
}
check jsonl jsonl

# hostile names stay valid JSON, with control characters escaped
json_hostile() {
	"$B" --by=note --format=json tests/data/notes/ >"$tmp/h.json" 2>/dev/null
	jq -e '[.notes[].client] | index("Acme \\x1B[31mRed\\x1B[0m, Inc") != null' "$tmp/h.json" >/dev/null &&
	! grep -q "$(printf '\033')" "$tmp/h.json"
}
check json-hostile json_hostile

# CSV and TSV: a real reader sees a header and rows of the same width
csv_read() {
	for fmt in csv tsv; do
		for by in client note passage; do
			"$B" $T --by=$by --format=$fmt samples/ tests/data/notes/ >"$tmp/out.$fmt" 2>/dev/null
			python3 - "$tmp/out.$fmt" "$fmt" "$by" <<'PY' || return 1
import csv, sys
path, fmt, by = sys.argv[1:]
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, delimiter="," if fmt == "csv" else "\t",
                           quoting=csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE))
head, body = rows[0], rows[1:]
assert head[0] == {"client": "client", "note": "path", "passage": "path"}[by], head
assert body, "no rows"
for r in body:
    assert len(r) == len(head), (r, head)
if by == "note":
    names = [r[head.index("client")] for r in body]
    assert "Acme \\x1B[31mRed\\x1B[0m, Inc" in names, names
if by == "client":
    shares = [float(r[head.index("social_share")]) for r in body if r[head.index("social_share")]]
    assert all(0 <= s <= 1 for s in shares), shares
PY
		done
	done
}
check csv-tsv csv_read

# Vim: --annotate loads as it is into the quickfix list
vim_quickfix() {
	command -v vim >/dev/null || { echo "vim is not installed"; return 1; }
	printf -- '---\nclient: Acme\n---\nHer kids loved the match.\n\n- We sent the invoice.\n' >"$tmp/v.md"
	cat >"$tmp/t.vim" <<VIM
set nocompatible
cexpr system('$B --annotate $tmp/v.md')
let out = []
for e in getqflist()
  call add(out, bufname(e.bufnr) . '|' . e.lnum . '|' . e.col . '|' . e.valid . '|' . e.text)
endfor
call writefile(out, '$tmp/qf.txt')
" an unsaved buffer: its lines go to banter on standard input
enew!
call setline(1, ['---', 'client: Beta', '---', '', 'We agreed the contract.'])
cgetexpr system('$B --annotate --stdin-name=draft.md -', getline(1, '\$'))
call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . '|' . e.lnum . '|' . e.col . '|' . e.text}), '$tmp/qf2.txt')
qall!
VIM
	timeout 30 vim -es -N -u NONE -i NONE -S "$tmp/t.vim" </dev/null || return 1
	cat >"$tmp/want.txt" <<EOF2
$tmp/v.md|4|1|1| social (business 0.0, social 2.0) social/family: Her kids loved the match.
$tmp/v.md|6|3|1| business (business 2.0, social 0.0) business/pricing: We sent the invoice.
EOF2
	diff -u "$tmp/want.txt" "$tmp/qf.txt" &&
	grep -q '^draft.md|5|1| business' "$tmp/qf2.txt"
}
check vim-quickfix vim_quickfix

# bash: the completion offers every option --help lists, and their values
bash_completion() {
	[ -f /usr/share/bash-completion/bash_completion ] || { echo "bash-completion is not installed"; return 1; }
	PATH="$(pwd):$PATH" bash -c '
		. /usr/share/bash-completion/bash_completion
		. completions/banter.bash
		comp() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			COMPREPLY=(); _banter banter "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
			echo "${COMPREPLY[*]}"; }
		[ "$(comp banter --by "")" = "client note passage" ] || exit 1
		[ "$(comp banter --period "")" = "week month quarter year none" ] || exit 1
		# --print-rules takes its value only after "="
		COMP_WORDS=(banter --print-rules = ""); COMP_CWORD=3; COMP_LINE="banter --print-rules="
		COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _banter banter "" "=" 2>/dev/null
		[ "${COMPREPLY[*]}" = "patterns" ] || exit 1
		COMP_WORDS=(banter --print-rules ""); COMP_CWORD=2; COMP_LINE="banter --print-rules "
		COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _banter banter "" --print-rules 2>/dev/null
		case " ${COMPREPLY[*]} " in *" patterns "*) exit 1;; esac
		# so does --redact, and --format offers the page and the table formats
		COMP_WORDS=(banter --redact = ""); COMP_CWORD=3; COMP_LINE="banter --redact="
		COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _banter banter "" "=" 2>/dev/null
		[ "${COMPREPLY[*]}" = "clients" ] || exit 1
		[ "$(comp banter --format "")" = "text json jsonl csv tsv markdown html" ] || exit 1
		all=$(comp banter --)
		for o in $(banter --help | grep -o -- "--[a-z][a-z-]*" | sort -u); do
			case " $all " in *" $o "*|*" $o= "*) ;; *) echo "missing $o"; exit 1;; esac
		done'
}
check bash-completion bash_completion

echo "clients: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
