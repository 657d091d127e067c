#!/bin/sh
# Rebuilds the seed corpora in fuzz/corpus/ from samples/, the rule files
# and ../shared/frontmatter/ (run from the repository's top folder).  Each
# target reads option bits from the first byte of an input, so a seed is
# one option byte followed by a file; the hand-written seeds in
# fuzz/seeds/ are copied as they are.
set -eu
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
for t in frontmatter passage rules regex note utf8 dic config; do
	rm -rf "fuzz/corpus/$t"
	mkdir -p "fuzz/corpus/$t"
done
seed() {	# target option-byte file: named by a checksum of the result
	tmp="fuzz/corpus/$1/.new"
	{ printf "$2"; cat "$3"; } >"$tmp"
	mv "$tmp" "fuzz/corpus/$1/seed-$(cksum <"$tmp" | cut -d' ' -f1)"
}
{ ls samples/*/*.md; find "$shared/frontmatter" -type f -name '*.md' 2>/dev/null; } |
LC_ALL=C sort | while IFS= read -r f; do
	[ "$(wc -c <"$f")" -le 65536 ] || continue
	seed frontmatter '\000' "$f"
	seed passage '\000' "$f"
done
for f in samples/*/*.md; do
	seed utf8 '' "$f"
	seed note '\000' "$f"
	seed note '\005' "$f"
	seed note '\246' "$f"
done
for f in rules/*.yaml tests/data/rules/*.yaml; do
	cp "$f" "fuzz/corpus/rules/seed-$(basename "$f")"
done
find tests/data -name '*.dic' | LC_ALL=C sort | while IFS= read -r f; do
	cp "$f" "fuzz/corpus/dic/seed-$(cksum <"$f" | cut -d' ' -f1)"
done
for t in frontmatter passage rules regex note utf8 dic config; do
	[ -d "fuzz/seeds/$t" ] && cp fuzz/seeds/$t/* "fuzz/corpus/$t/" 2>/dev/null || true
done
echo "seeds: $(find fuzz/corpus -type f | wc -l) files"
