/*
 * render: what the renderers share (render.h).
 * Layer: report, its bottom; calls tally and the primitives (buf, esc,
 * util), and no renderer.
 */
#include "render.h"
#include "buf.h"
#include "esc.h"
#include "label.h"
#include "rules.h"
#include "result.h"
#include "tally.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void render_init(struct render *r, const struct report_opts *o, FILE *out)
{
	memset(r, 0, sizeof(*r));
	r->o = o;
	r->out = out;
	buf_init(&r->b);
}

void render_release(struct render *r)
{
	buf_release(&r->b);
}

void render_flush(struct render *r)
{
	if (r->b.len)
		fwrite(r->b.ptr, 1, r->b.len, r->out);
	buf_reset(&r->b);
}

static void cut_escaped(struct buf *out, const char *s, size_t len, size_t max_width,
			int fold, unsigned esc)
{
	struct buf piece = BUF_INIT;
	size_t i, n, w = 0, cw, start = out->len, mark = out->len;
	size_t max_bytes = max_width * EXCERPT_BYTES_PER_COLUMN;
	int space = 0;

	/* One source character at a time, escaped, so that a cut never
	 * splits an escape such as \x7F.  With `fold`, runs of white space
	 * are one space, and none is kept at either end.  Zero-width
	 * characters (combining marks) take no column, so bytes are bounded
	 * too: at most EXCERPT_BYTES_PER_COLUMN a column. */
	for (i = 0; i < len; i += n) {
		n = utf8_seq_len((const unsigned char *)s + i, len - i);
		if (!n)
			n = 1;
		if (fold && is_space((unsigned char)s[i])) {
			space = out->len > start;
			continue;
		}
		buf_reset(&piece);
		if (space)
			buf_addch(&piece, ' ');
		space = 0;
		esc_text(&piece, s + i, n, esc);
		cw = utf8_width(piece.ptr, piece.len);
		if (max_width && (w + cw > max_width || out->len - start + piece.len > max_bytes)) {
			/* too long: back to the last place that leaves room for
			 * the ellipsis */
			out->len = mark;
			buf_adds(out, "\xE2\x80\xA6");
			break;
		}
		buf_add(out, piece.ptr, piece.len);
		w += cw;
		if (max_width && w <= max_width - 1 &&
		    out->len - start <= (max_width - 1) * EXCERPT_BYTES_PER_COLUMN)
			mark = out->len;
	}
	buf_release(&piece);
}

void render_excerpt(struct buf *out, const char *s, size_t len, size_t max_width,
		    unsigned esc)
{
	cut_escaped(out, s, len, max_width, 1, esc);
}

void render_name(struct buf *out, const char *s, size_t len, size_t max_width)
{
	cut_escaped(out, s, len, max_width, 0, 0);
}

void render_num(struct buf *out, double x, int max_decimals)
{
	char tmp[64];
	int n;

	if (!isfinite(x))
		x = 0;
	if (fabs(x) < 0.5 * pow(10, -max_decimals))
		x = 0;
	n = snprintf(tmp, sizeof(tmp), "%.*f", max_decimals, x);
	if (n <= 0)
		return;
	/* trim trailing zeros, keeping one decimal */
	if (max_decimals > 0) {
		while (n > 2 && tmp[n - 1] == '0' && tmp[n - 2] != '.')
			n--;
	}
	buf_add(out, tmp, (size_t)n);
}

void render_clients(struct buf *out, const struct note_result *n)
{
	size_t i;

	for (i = 0; i < n->clients.n; i++) {
		if (i)
			buf_addch(out, ';');
		esc_text(out, n->clients.v[i], strlen(n->clients.v[i]), ESC_DATA | ESC_LIST);
	}
}

void render_topics(struct buf *out, const struct ruleset *rs, const struct note_result *n,
		   size_t passage, const char *sep)
{
	const struct passage_result *p = &n->p[passage];
	size_t i;

	for (i = 0; i < p->topic_n; i++) {
		if (i)
			buf_adds(out, sep);
		buf_adds(out, rs->topics.v[n->topics[p->topic_start + i]]);
	}
}

void render_flags(struct buf *out, unsigned flags, const char *sep)
{
	size_t i;
	int first = 1;

	for (i = 0; i < FLAG_COUNT; i++) {
		if (!(flags & (1u << i)))
			continue;
		if (!first)
			buf_adds(out, sep);
		buf_adds(out, flag_names[i]);
		first = 0;
	}
}

int render_shows(const struct render *r, const struct client *c)
{
	return !r->o->quiet || (c->flags & r->o->check_flags);
}

int render_anything(const struct render *r, const struct tally *t)
{
	size_t i;

	if (!r->o->quiet)
		return 1;
	for (i = 0; i < t->n; i++)
		if (render_shows(r, t->v[i]))
			return 1;
	return 0;
}

unsigned long render_total_words(const unsigned long *words)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < LABEL_COUNT; i++)
		n += words[i];
	return n;
}
