/*
 * report_csv: CSV (RFC 4180) and TSV (report_csv.h): a header, then one
 * row per client, note or passage.  No totals row: every row is one thing
 * of its kind.
 * Layer: report, a renderer; calls render.c, tally and the primitives.
 */
#include "report_csv.h"
#include "buf.h"
#include "label.h"
#include "esc.h"
#include "render.h"
#include "rules.h"
#include "result.h"
#include "tally.h"

#include <stddef.h>
#include <string.h>

static int is_tsv(const struct render *r)
{
	return r->o->format == FORMAT_TSV;
}

static void sep(struct render *r)
{
	buf_addch(&r->b, is_tsv(r) ? '\t' : ',');
}

/* A field of text from a note. */
/* A field of text already escaped (esc_text), quoted for CSV as needed. */
static void put_field(struct render *r, const char *s, size_t len)
{
	size_t i;

	if (!is_tsv(r) && (memchr(s, ',', len) || memchr(s, '"', len) ||
			   (len && (s[0] == ' ' || s[len - 1] == ' ')))) {
		buf_addch(&r->b, '"');
		for (i = 0; i < len; i++) {
			if (s[i] == '"')
				buf_addch(&r->b, '"');
			buf_addch(&r->b, s[i]);
		}
		buf_addch(&r->b, '"');
	} else {
		buf_add(&r->b, s, len);
	}
}

/* A field of text from a note. */
static void field(struct render *r, const char *s, size_t len)
{
	struct buf tmp = BUF_INIT;

	esc_text(&tmp, s, len, ESC_DATA);
	put_field(r, tmp.ptr, tmp.len);
	buf_release(&tmp);
}

static void cfield(struct render *r, const char *s)
{
	field(r, s, strlen(s));
}

static void header(struct render *r, const char *const *names)
{
	size_t i;

	for (i = 0; names[i]; i++) {
		if (i)
			sep(r);
		buf_adds(&r->b, names[i]);
	}
	buf_addch(&r->b, '\n');
}

static const char *const client_header[] = {
	"client", "notes", "first", "last",
	"passages_business", "passages_social", "passages_mixed", "passages_neutral",
	"words_business", "words_social", "words_mixed", "words_neutral",
	"minutes_business", "minutes_social", "minutes_mixed", "minutes_neutral",
	"social_share", "referral_asks", "introductions", "flags", NULL
};

static const char *const client_period_header[] = {
	"client", "period", "notes", "first", "last",
	"passages_business", "passages_social", "passages_mixed", "passages_neutral",
	"words_business", "words_social", "words_mixed", "words_neutral",
	"minutes_business", "minutes_social", "minutes_mixed", "minutes_neutral",
	"social_share", "referral_asks", "introductions", "flags", NULL
};

static const char *const note_header[] = {
	"path", "client", "date", "duration",
	"passages_business", "passages_social", "passages_mixed", "passages_neutral",
	"words_business", "words_social", "words_mixed", "words_neutral",
	"social_share", "referral_asks", "skipped_lines", NULL
};

static const char *const passage_header[] = {
	"path", "line", "col", "client", "label", "score_business", "score_social",
	"topics", "words", "excerpt", "speaker", NULL
};

static const char *const passage_explain_header[] = {
	"path", "line", "col", "client", "label", "score_business", "score_social",
	"topics", "words", "excerpt", "rules", "speaker", NULL
};

static void begin(struct render *r)
{
	header(r, r->o->by == BY_CLIENT ? (r->o->period ? client_period_header : client_header) :
		  r->o->by == BY_NOTE ? note_header :
		  r->o->explain ? passage_explain_header : passage_header);
}

static void counts(struct render *r, const unsigned *p, const unsigned long *w)
{
	size_t i;

	for (i = 0; i < LABEL_COUNT; i++) {
		sep(r);
		buf_addf(&r->b, "%u", p[i]);
	}
	for (i = 0; i < LABEL_COUNT; i++) {
		sep(r);
		buf_addf(&r->b, "%lu", w[i]);
	}
}

static void share(struct render *r, const unsigned long *words)
{
	double s;

	sep(r);
	if (tally_share(words, &s))
		render_num(&r->b, s, 4);
}

/* The rules that matched, as "id=matched text" joined by ';'. */
static void explain(struct render *r, const struct note_result *n,
		    const struct passage_result *p, struct buf *tmp)
{
	size_t i;

	buf_reset(tmp);
	for (i = 0; i < p->hit_n; i++) {
		const struct hit *h = &n->hits[p->hit_start + i];

		if (i)
			buf_addch(tmp, ';');
		buf_adds(tmp, r->o->rules->v[h->rule].id);
		buf_addch(tmp, '=');
		render_excerpt(tmp, n->note.text.ptr + p->off + h->off, h->len, 40, ESC_DATA | ESC_LIST);
	}
	sep(r);
	put_field(r, tmp->ptr, tmp->len);
}

static void note(struct render *r, const struct note_result *n)
{
	struct buf tmp = BUF_INIT;
	size_t i;

	if (r->o->by == BY_NOTE) {
		cfield(r, n->note.path);
		sep(r);
		render_clients(&tmp, n);
		put_field(r, tmp.ptr, tmp.len);
		sep(r);
		if (n->meta.has_date)
			buf_adds(&r->b, n->meta.date);
		sep(r);
		if (n->meta.has_duration)
			render_num(&r->b, n->meta.minutes, 1);
		counts(r, n->passages, n->words);
		share(r, n->words);
		sep(r);
		buf_addf(&r->b, "%u", n->referral_asks);
		sep(r);
		buf_addf(&r->b, "%lu\n", n->skipped_lines);
	} else {
		for (i = 0; i < n->np; i++) {
			const struct passage_result *p = &n->p[i];

			cfield(r, n->note.path);
			sep(r);
			buf_addf(&r->b, "%u", p->line);
			sep(r);
			buf_addf(&r->b, "%u", p->col);
			sep(r);
			buf_reset(&tmp);
			render_clients(&tmp, n);
			put_field(r, tmp.ptr, tmp.len);
			sep(r);
			buf_adds(&r->b, label_names[p->label]);
			sep(r);
			render_num(&r->b, p->score[CAT_BUSINESS], 2);
			sep(r);
			render_num(&r->b, p->score[CAT_SOCIAL], 2);
			sep(r);
			buf_reset(&tmp);
			render_topics(&tmp, r->o->rules, n, i, ";");
			buf_add(&r->b, tmp.ptr, tmp.len);
			sep(r);
			buf_addf(&r->b, "%u", p->words);
			sep(r);
			buf_reset(&tmp);
			render_excerpt(&tmp, n->note.text.ptr + p->off, p->len, 200, ESC_DATA);
			put_field(r, tmp.ptr, tmp.len);
			if (r->o->explain)
				explain(r, n, p, &tmp);
			sep(r);
			put_field(r, n->note.text.ptr + p->speaker_off, p->speaker_len);
			buf_addch(&r->b, '\n');
		}
	}
	buf_release(&tmp);
	render_flush(r);
}

static void client_row(struct render *r, const struct client *c, const char *name,
		       const char *period, struct buf *tmp)
{
	size_t k;

	cfield(r, name);
	if (period) {
		sep(r);
		buf_adds(&r->b, period);
	}
	sep(r);
	buf_addf(&r->b, "%u", c->notes);
	sep(r);
	buf_adds(&r->b, c->first);
	sep(r);
	buf_adds(&r->b, c->last);
	counts(r, c->passages, c->words);
	for (k = 0; k < LABEL_COUNT; k++) {
		sep(r);
		if (c->has_minutes)
			render_num(&r->b, c->minutes[k], 1);
	}
	share(r, c->words);
	sep(r);
	buf_addf(&r->b, "%u", c->referral_asks);
	sep(r);
	buf_addf(&r->b, "%u", c->introductions);
	sep(r);
	buf_reset(tmp);
	render_flags(tmp, c->flags, ";");
	buf_add(&r->b, tmp->ptr, tmp->len);
	buf_addch(&r->b, '\n');
}

static void end(struct render *r, const struct tally *t)
{
	struct buf tmp = BUF_INIT;
	size_t i, k;

	if (r->o->by != BY_CLIENT)
		return;
	if (!render_anything(r, t)) {
		buf_reset(&r->b);
		return;
	}
	for (i = 0; i < t->n; i++) {
		const struct client *c = t->v[i];

		if (!render_shows(r, c))
			continue;
		if (r->o->period == PERIOD_NONE)
			client_row(r, c, c->name, NULL, &tmp);
		for (k = 0; r->o->period != PERIOD_NONE && k < c->nperiods; k++)
			client_row(r, c->periods[k], c->name, c->periods[k]->period, &tmp);
	}
	buf_release(&tmp);
}

const struct renderer report_csv_renderer = { begin, note, end, NULL };
