/*
 * report_text: the readable, aligned report, and the editor's line format
 * (report_text.h).
 * Layer: report, a renderer; calls render.c, tally and the primitives.
 */
#include "report_text.h"
#include "buf.h"
#include "label.h"
#include "esc.h"
#include "meta.h"
#include "render.h"
#include "rules.h"
#include "result.h"
#include "tally.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define BAR_WIDTH 20
#define NAME_WIDTH 40
#define MIN_SHRUNK 16
#define EXCERPT_WIDTH 60
#define ANNOTATE_WIDTH 160

#define SGR_BOLD "\033[1m"
#define SGR_FLAG "\033[33m"
#define SGR_OFF "\033[0m"

struct table {
	size_t ncols;
	char *align;		/* 'l' or 'r' per column */
	int shrink;		/* the column cut to fit the width, or -1 */
	int cut_left;		/* cut it at its start (paths keep their file name) */
	int optional;		/* a column left out when even that does not fit, or -1 */
	int flag_col;		/* the column coloured when not empty, or -1 */
	struct strlist cells;	/* row after row; the first is the header */
};

static struct table *table_new(const char *align, int shrink, int flag_col)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = strlen(align);
	t->align = xstrdup(align);
	t->shrink = shrink;
	t->flag_col = flag_col;
	t->optional = -1;
	return t;
}

static void cell(struct table *t, const struct buf *b)
{
	strlist_add(&t->cells, b->ptr, b->len);
}

static void cells(struct table *t, const char *s)
{
	strlist_add(&t->cells, s, strlen(s));
}

static struct table *table_with_header(const char *align, int shrink, int flag_col,
				       const char *const *names)
{
	struct table *t = table_new(align, shrink, flag_col);
	size_t i;

	for (i = 0; names[i]; i++)
		cells(t, names[i]);
	return t;
}

/* Appends s cut to `width` columns, an ellipsis marking the cut: at the
 * end, or with `left` at the start. */
static void cut(struct buf *out, const char *s, size_t width, int left)
{
	size_t len = strlen(s), i = 0, w = 0, n, cw;

	if (utf8_width(s, len) <= width) {
		buf_add(out, s, len);
		return;
	}
	if (left) {
		/* skip characters until what is left fits beside the ellipsis */
		while (i < len && utf8_width(s + i, len - i) + 1 > width) {
			n = utf8_seq_len((const unsigned char *)s + i, len - i);
			i += n ? n : 1;
		}
		buf_adds(out, "\xE2\x80\xA6");
		buf_add(out, s + i, len - i);
		return;
	}
	while (i < len) {
		n = utf8_seq_len((const unsigned char *)s + i, len - i);
		if (!n)
			n = 1;
		cw = utf8_width(s + i, n);
		if (w + cw + 1 > width)
			break;
		buf_add(out, s + i, n);
		w += cw;
		i += n;
	}
	buf_adds(out, "\xE2\x80\xA6");
}

static void table_print(struct table *t, struct buf *out, int width, int color)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w)), i, c, rows = t->cells.n / t->ncols, total = 0;
	struct buf tmp = BUF_INIT;
	int hide = -1;

	for (i = 0; i < t->cells.n; i++) {
		size_t cw = utf8_width(t->cells.v[i], strlen(t->cells.v[i]));

		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	for (c = 0; c < t->ncols; c++)
		total += w[c] + (c ? 2 : 0);
	if (width > 0 && (size_t)width < total && t->shrink >= 0) {
		size_t over = total - (size_t)width, sw = w[t->shrink];

		w[t->shrink] = sw > over + MIN_SHRUNK ? sw - over : (sw < MIN_SHRUNK ? sw : MIN_SHRUNK);
		total -= sw - w[t->shrink];
	}
	if (width > 0 && (size_t)width < total && t->optional >= 0)
		hide = t->optional;
	for (i = 0; i < rows; i++) {
		size_t end = t->ncols;

		/* no padding after the last non-empty cell */
		while (end > 1 && !t->cells.v[i * t->ncols + end - 1][0])
			end--;
		for (c = 0; c < end; c++) {
			const char *s = t->cells.v[i * t->ncols + c];
			const char *sgr = !color ? NULL : i == 0 ? SGR_BOLD
					: ((int)c == t->flag_col && s[0]) ? SGR_FLAG : NULL;
			size_t sw, pad;

			if ((int)c == hide)
				continue;
			buf_reset(&tmp);
			cut(&tmp, s, w[c], t->cut_left && (int)c == t->shrink);
			sw = utf8_width(tmp.ptr, tmp.len);
			pad = w[c] > sw ? w[c] - sw : 0;
			if (c)
				buf_adds(out, "  ");
			if (t->align[c] == 'r')
				buf_addrep(out, ' ', pad);
			if (sgr)
				buf_adds(out, sgr);
			buf_add(out, tmp.ptr, tmp.len);
			if (sgr)
				buf_adds(out, SGR_OFF);
			if (t->align[c] == 'l' && c + 1 < end)
				buf_addrep(out, ' ', pad);
		}
		buf_addch(out, '\n');
	}
	buf_release(&tmp);
	free(w);
}

static void table_free(struct table *t)
{
	if (!t)
		return;
	free(t->align);
	strlist_release(&t->cells);
	free(t);
}

static const char *const client_header[] = {
	"CLIENT", "NOTES", "LAST", "WORDS", "BUS%", "SOC%", "SPLIT", "FLAGS", NULL
};
static const char *const note_header[] = {
	"PATH", "CLIENT", "DATE", "MIN", "WORDS", "BUS%", "SOC%", "SPLIT", "", NULL
};
static const char *const passage_header[] = {
	"LOCATION", "LABEL", "BUS", "SOC", "WORDS", "TOPICS", "EXCERPT", "", NULL
};

static void release(struct render *r)
{
	table_free(r->state);
	r->state = NULL;
}

static void bar(struct buf *b, int has, const unsigned long *words)
{
	size_t social = tally_share_round(words, BAR_WIDTH);

	buf_reset(b);
	if (!has)
		return;
	buf_addch(b, '[');
	buf_addrep(b, '#', BAR_WIDTH - social);
	buf_addrep(b, '~', social);
	buf_addch(b, ']');
}

static void share_cells(struct table *t, const unsigned long *words, struct buf *b)
{
	double share;
	int has = tally_share(words, &share);

	/* the two round to whole percents that add up to 100 */
	buf_reset(b);
	if (has)
		buf_addf(b, "%u", 100 - tally_share_round(words, 100));
	else
		buf_adds(b, "-");
	cell(t, b);
	buf_reset(b);
	if (has)
		buf_addf(b, "%u", tally_share_round(words, 100));
	else
		buf_adds(b, "-");
	cell(t, b);
	bar(b, has, words);
	cell(t, b);
}

static void scores(struct buf *b, const double *score)
{
	buf_adds(b, "business ");
	render_num(b, score[CAT_BUSINESS], 2);
	buf_adds(b, ", social ");
	render_num(b, score[CAT_SOCIAL], 2);
}

static void explain(struct buf *b, const struct render *r, const struct note_result *n,
		    const struct passage_result *p)
{
	size_t i;

	if (!r->o->explain || !p->hit_n)
		return;
	buf_adds(b, " [");
	for (i = 0; i < p->hit_n; i++) {
		const struct hit *h = &n->hits[p->hit_start + i];

		if (i)
			buf_adds(b, ", ");
		buf_adds(b, r->o->rules->v[h->rule].id);
		buf_adds(b, " '");
		render_excerpt(b, n->note.text.ptr + p->off + h->off, h->len, 40, 0);
		buf_addch(b, '\'');
	}
	buf_addch(b, ']');
}

static void annotate(struct render *r, const struct note_result *n)
{
	struct buf *b = &r->b;
	size_t i;

	for (i = 0; i < n->np; i++) {
		const struct passage_result *p = &n->p[i];

		esc_text(b, n->note.path, strlen(n->note.path), 0);
		buf_addf(b, ":%u:%u: %s (", p->line, p->col, label_names[p->label]);
		scores(b, p->score);
		buf_addch(b, ')');
		if (p->topic_n) {
			buf_addch(b, ' ');
			render_topics(b, r->o->rules, n, i, ", ");
		}
		buf_adds(b, ": ");
		render_excerpt(b, n->note.text.ptr + p->off, p->len, ANNOTATE_WIDTH, 0);
		explain(b, r, n, p);
		buf_addch(b, '\n');
	}
	render_flush(r);
}

/* The table of a note or passage report, made with its header by the
 * first note, or at the end when there was none. */
static struct table *row_table(struct render *r)
{
	struct table *tab = r->state;

	if (tab)
		return tab;
	tab = r->o->by == BY_NOTE ? table_with_header("lllrrrrll", 0, -1, note_header)
				  : table_with_header("llrrrlll", 6, -1, passage_header);
	tab->cut_left = r->o->by == BY_NOTE;
	r->state = tab;
	return tab;
}

static void note_row(struct table *tab, const struct note_result *n, struct buf *b)
{
	size_t i;

	esc_text(b, n->note.path, strlen(n->note.path), 0);
	cell(tab, b);
	buf_reset(b);
	for (i = 0; i < n->clients.n; i++) {	/* each cut as in a client row */
		if (i)
			buf_adds(b, ", ");
		render_name(b, n->clients.v[i], strlen(n->clients.v[i]), NAME_WIDTH);
	}
	cell(tab, b);
	cells(tab, n->meta.has_date ? n->meta.date : "-");
	buf_reset(b);
	if (n->meta.has_duration)
		render_num(b, n->meta.minutes, 1);
	else
		buf_adds(b, "-");
	cell(tab, b);
	buf_reset(b);
	buf_addf(b, "%lu", render_total_words(n->words));
	cell(tab, b);
	share_cells(tab, n->words, b);
	cells(tab, "");
}

static void passage_rows(const struct render *r, struct table *tab,
			 const struct note_result *n, struct buf *b)
{
	size_t i;

	for (i = 0; i < n->np; i++) {
		const struct passage_result *p = &n->p[i];

		buf_reset(b);
		esc_text(b, n->note.path, strlen(n->note.path), 0);
		buf_addf(b, ":%u", p->line);
		cell(tab, b);
		cells(tab, label_names[p->label]);
		buf_reset(b);
		render_num(b, p->score[CAT_BUSINESS], 2);
		cell(tab, b);
		buf_reset(b);
		render_num(b, p->score[CAT_SOCIAL], 2);
		cell(tab, b);
		buf_reset(b);
		buf_addf(b, "%u", p->words);
		cell(tab, b);
		buf_reset(b);
		render_topics(b, r->o->rules, n, i, ",");
		if (!b->len)
			buf_adds(b, "-");
		cell(tab, b);
		buf_reset(b);
		render_excerpt(b, n->note.text.ptr + p->off, p->len, EXCERPT_WIDTH, 0);
		cell(tab, b);
		buf_reset(b);
		explain(b, r, n, p);
		cell(tab, b);
	}
}

static void note(struct render *r, const struct note_result *n)
{
	struct buf b = BUF_INIT;
	struct table *tab;

	if (r->o->annotate) {
		annotate(r, n);
		return;
	}
	tab = row_table(r);
	if (r->o->by == BY_NOTE)
		note_row(tab, n, &b);
	else
		passage_rows(r, tab, n, &b);
	buf_release(&b);
}

static void client_row(struct table *t, const struct client *c, const char *name)
{
	struct buf b = BUF_INIT;

	render_excerpt(&b, name, strlen(name), NAME_WIDTH, 0);
	cell(t, &b);
	buf_reset(&b);
	buf_addf(&b, "%u", c->notes);
	cell(t, &b);
	cells(t, c->last[0] ? c->last : "-");
	buf_reset(&b);
	buf_addf(&b, "%lu", render_total_words(c->words));
	cell(t, &b);
	share_cells(t, c->words, &b);
	buf_reset(&b);
	render_flags(&b, c->flags, ",");
	cell(t, &b);
	buf_release(&b);
}

/* The periods any client has, sorted: the columns of a --period report. */
static void all_periods(const struct tally *t, struct strlist *out)
{
	size_t i, k, j;

	for (i = 0; i < t->total.nperiods; i++)
		strlist_add(out, t->total.periods[i]->period, strlen(t->total.periods[i]->period));
	for (i = 0; i < t->n; i++)
		for (k = 0; k < t->v[i]->nperiods; k++) {
			const char *p = t->v[i]->periods[k]->period;

			for (j = 0; j < out->n; j++)
				if (strcmp(out->v[j], p) == 0)
					break;
			if (j == out->n)
				strlist_add(out, p, strlen(p));
		}
}

/* The social share of a period as one of eight levels on an absolute
 * 0-100 % scale; a blank when it had no classified words. */
static void spark(struct buf *trend, const struct client *p, int ascii)
{
	static const char *const utf8[8] = {
		"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
		"\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88"
	};
	static const char ascii_levels[] = "_.-:=+*#";
	unsigned level;

	if (!p || !p->has_share) {
		buf_addch(trend, ' ');
		return;
	}
	level = tally_share_round(p->words, 800) / 100;
	if (level > 7)
		level = 7;
	if (ascii)
		buf_addch(trend, ascii_levels[level]);
	else
		buf_adds(trend, utf8[level]);
}

/* One SOC% column per period, as `hledger balance -M` does, and their
 * sparkline. */
static void period_row(struct table *t, const struct client *c, const char *name,
		       const struct strlist *periods, int ascii)
{
	struct buf b = BUF_INIT, trend = BUF_INIT;
	size_t j, k;

	render_excerpt(&b, name, strlen(name), NAME_WIDTH, 0);
	cell(t, &b);
	buf_reset(&b);
	buf_addf(&b, "%u", c->notes);
	cell(t, &b);
	for (j = 0, k = 0; j < periods->n; j++) {
		while (k < c->nperiods && strcmp(c->periods[k]->period, periods->v[j]) < 0)
			k++;
		buf_reset(&b);
		if (k < c->nperiods && strcmp(c->periods[k]->period, periods->v[j]) == 0 &&
		    c->periods[k]->has_share)
			buf_addf(&b, "%u", tally_share_round(c->periods[k]->words, 100));
		else
			buf_adds(&b, "-");
		cell(t, &b);
		spark(&trend, k < c->nperiods && strcmp(c->periods[k]->period, periods->v[j]) == 0 ?
			      c->periods[k] : NULL, ascii);
	}
	while (trend.len && trend.ptr[trend.len - 1] == ' ')	/* no trailing blanks */
		trend.ptr[--trend.len] = '\0';
	cell(t, &trend);
	buf_release(&trend);
	buf_reset(&b);
	render_flags(&b, c->flags, ",");
	cell(t, &b);
	buf_release(&b);
}

static struct table *period_table(const struct render *r, const struct tally *t)
{
	struct strlist periods = { NULL, 0, 0 };
	struct buf align = BUF_INIT;
	struct table *tab;
	size_t i;

	all_periods(t, &periods);
	/* sorted, as the totals' rows are, plus any only clients have */
	for (i = 1; i < periods.n; i++) {
		size_t j = i;

		while (j > 0 && strcmp(periods.v[j - 1], periods.v[j]) > 0) {
			char *x = periods.v[j];

			periods.v[j] = periods.v[j - 1];
			periods.v[j - 1] = x;
			j--;
		}
	}
	buf_adds(&align, "lr");
	buf_addrep(&align, 'r', periods.n);
	buf_adds(&align, "ll");
	tab = table_new(align.ptr, 0, (int)periods.n + 3);
	cells(tab, "CLIENT");
	cells(tab, "NOTES");
	for (i = 0; i < periods.n; i++)
		cells(tab, periods.v[i]);
	cells(tab, "TREND");
	cells(tab, "FLAGS");
	for (i = 0; i < t->n; i++)
		if (render_shows(r, t->v[i]))
			period_row(tab, t->v[i], t->v[i]->name, &periods, r->o->ascii);
	if (!r->o->quiet)
		period_row(tab, &t->total, "TOTAL", &periods, r->o->ascii);
	buf_release(&align);
	strlist_release(&periods);
	return tab;
}

/* The client table, made at the end. */
static struct table *client_table(const struct render *r, const struct tally *t)
{
	struct table *tab;
	size_t i;

	if (r->o->period != PERIOD_NONE)
		return period_table(r, t);
	tab = table_with_header("lrlrrrll", 0, 7, client_header);
	tab->optional = 6;		/* the bar only draws what SOC% says */
	for (i = 0; i < t->n; i++)
		if (render_shows(r, t->v[i]))
			client_row(tab, t->v[i], t->v[i]->name);
	if (!r->o->quiet)
		client_row(tab, &t->total, "TOTAL");
	return tab;
}

static void end(struct render *r, const struct tally *t)
{
	struct table *tab = NULL;

	if (r->o->annotate)
		return;
	if (r->o->by == BY_CLIENT) {
		if (!render_anything(r, t))
			return;
		tab = r->state = client_table(r, t);
	} else {
		tab = row_table(r);	/* no notes: the header alone */
	}
	table_print(tab, &r->b, r->o->width, r->o->color);
	release(r);
}

const struct renderer report_text_renderer = { NULL, note, end, release };
