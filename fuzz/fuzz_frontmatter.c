/*
 * Fuzz target: the front-matter reader (note_split + meta_parse_limits, so
 * ynode and libyaml's event API under banter's limits).  The first byte
 * picks small limits half the time, so the limit paths are reached.
 * Invariants: every message is one escaped line; an error names a line of
 * the file; the tree obeys the depth limit; nothing leaks (ASan).
 */
#include "fuzz.h"

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "limits.h"
#include "meta.h"
#include "note.h"
#include "ynode.h"

#define MAX_INPUT (256 * 1024)

static unsigned depth_of(const struct ynode *n, unsigned level)
{
	unsigned best = level, d;
	size_t i;

	if (!n || n->kind == YNODE_SCALAR)
		return level;
	for (i = 0; i < n->n; i++)
		if ((d = depth_of(n->kids[i], level + 1)) > best)
			best = d;
	return best;
}

static unsigned count_lines(const char *s, size_t len)
{
	unsigned n = 1;
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
			n++;
	return n;
}

/* The line number in "banter: PATH:LINE:..." (PATH has no ':'), or 0. */
static void check_lines(const char *s, size_t len, unsigned max_line)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *c = memchr(p, ':', (size_t)(eol - p));

		if (c && (c = memchr(c + 1, ':', (size_t)(eol - c - 1))) && c[1] >= '0' && c[1] <= '9')
			FUZZ_CHECK(strtoul(c + 1, NULL, 10) <= max_line);
		p = eol + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits lim = limits_default;
	struct note n;
	struct meta m;
	struct diag d;
	struct buf out = BUF_INIT;

	if (size < 1 || size > MAX_INPUT)
		return 0;
	if (data[0] & 1) {
		lim.front_matter = 64 + (data[0] & 0x0E) * 64;
		lim.yaml_depth = 1 + (data[0] >> 4);
		lim.yaml_events = 20;
		lim.scalar = 16;
	}
	data++;
	size--;
	note_init(&n);
	meta_init(&m);
	diag_init(&d, NULL);
	d.capture = &out;
	note_set_text(&n, "fuzz/note.md", (const char *)data, size);
	if (note_split(&n, &d) == 0) {
		FUZZ_CHECK(n.body_off <= n.text.len);
		FUZZ_CHECK(!n.has_fm || n.fm_off + n.fm_len <= n.text.len);
		if (meta_parse_limits(&m, &n, &meta_default_keys, &lim, &d) != META_TEMPLATE && m.tree)
			FUZZ_CHECK(depth_of(m.tree, 0) <= lim.yaml_depth);
	}
	fuzz_check_diags(out.ptr, out.len);
	check_lines(out.ptr, out.len, count_lines((const char *)data, size));
	meta_release(&m);
	note_release(&n);
	buf_release(&out);
	return 0;
}
