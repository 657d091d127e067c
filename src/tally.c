#include "tally.h"
#include "date.h"
#include "label.h"
#include "result.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const flag_names[FLAG_COUNT] = {
	"chatty", "all-business", "referral-heavy", "stale", "drifting"
};

static void client_init(struct client *c, size_t ntopics)
{
	memset(c, 0, sizeof(*c));
	c->topics = xcalloc(ntopics ? ntopics : 1, sizeof(*c->topics));
}

static void client_release(struct client *c)
{
	size_t i;

	for (i = 0; i < c->nperiods; i++) {
		client_release(c->periods[i]);
		free(c->periods[i]);
	}
	free(c->periods);
	for (i = 0; i < c->nsp; i++)
		free(c->sp[i].name);
	free(c->sp);
	free(c->key);
	free(c->topics);
}

void tally_init(struct tally *t, size_t ntopics, const struct tally_opts *o)
{
	memset(t, 0, sizeof(*t));
	t->ntopics = ntopics;
	t->o = o;
	client_init(&t->total, ntopics);
}

void tally_release(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		client_release(t->v[i]);
		free(t->v[i]);
	}
	free(t->v);
	free(t->index);
	client_release(&t->total);
	for (i = 0; i < t->nintros; i++) {
		free(t->intros[i].by);
		free(t->intros[i].client);
	}
	free(t->intros);
	memset(t, 0, sizeof(*t));
}

char *tally_fold(const char *name)
{
	size_t n = strlen(name), i, j = 0;
	char *k = xmalloc(n + 1);
	int space = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (is_space(c)) {
			space = 1;
			continue;
		}
		if (space && j)
			k[j++] = ' ';
		space = 0;
		k[j++] = (char)to_lower(c);
	}
	k[j] = '\0';
	return k;
}

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL & (size_t)-1;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

static void reindex(struct tally *t)
{
	size_t i, j;

	free(t->index);
	t->index_size = t->index_size ? t->index_size * 2 : 64;
	t->index = xmalloc(t->index_size * sizeof(*t->index));
	for (i = 0; i < t->index_size; i++)
		t->index[i] = (size_t)-1;
	for (i = 0; i < t->n; i++) {
		j = hash(t->v[i]->key) & (t->index_size - 1);
		while (t->index[j] != (size_t)-1)
			j = (j + 1) & (t->index_size - 1);
		t->index[j] = i;
	}
}

static struct client *lookup(struct tally *t, const char *key, int create)
{
	size_t j;
	struct client *c;

	if (t->index_size) {
		j = hash(key) & (t->index_size - 1);
		while (t->index[j] != (size_t)-1) {
			if (strcmp(t->v[t->index[j]]->key, key) == 0)
				return t->v[t->index[j]];
			j = (j + 1) & (t->index_size - 1);
		}
	}
	if (!create)
		return NULL;
	c = xmalloc(sizeof(*c));
	client_init(c, t->ntopics);
	c->key = xstrdup(key);
	t->v = xgrow(t->v, sizeof(*t->v), t->n + 1, &t->alloc);
	t->v[t->n++] = c;
	if (t->n * 2 > t->index_size)
		reindex(t);
	else {
		j = hash(key) & (t->index_size - 1);
		while (t->index[j] != (size_t)-1)
			j = (j + 1) & (t->index_size - 1);
		t->index[j] = t->n - 1;
	}
	return c;
}

static void add_spelling(struct client *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsp; i++)
		if (strcmp(c->sp[i].name, name) == 0) {
			c->sp[i].count++;
			return;
		}
	c->sp = xgrow(c->sp, sizeof(*c->sp), c->nsp + 1, &c->spalloc);
	c->sp[c->nsp].name = xstrdup(name);
	c->sp[c->nsp].count = 1;
	c->nsp++;
}

static void add_counts(struct client *c, const struct note_result *r, size_t ntopics)
{
	const char *date = r->meta.has_date ? r->meta.date : NULL;
	size_t i, j;

	(void)ntopics;
	c->notes++;
	if (date) {
		if (!c->first[0] || strcmp(date, c->first) < 0)
			memcpy(c->first, date, 11);
		if (!c->last[0] || strcmp(date, c->last) > 0)
			memcpy(c->last, date, 11);
	} else {
		c->undated++;
	}
	for (i = 0; i < LABEL_COUNT; i++) {
		c->passages[i] += r->passages[i];
		c->words[i] += r->words[i];
		c->minutes[i] += r->minutes[i];
	}
	if (r->meta.has_duration)
		c->has_minutes = 1;
	for (i = 0; i < r->np; i++)
		for (j = 0; j < r->p[i].topic_n; j++)
			c->topics[r->topics[r->p[i].topic_start + j]]++;
	c->referral_asks += r->referral_asks;
}

/* The period rows count by the asked period, or by month to find drift. */
static enum period row_period(const struct tally *t)
{
	return t->o && t->o->period != PERIOD_NONE ? t->o->period : PERIOD_MONTH;
}

/* The row of client c for the period `label`, made if it has none; the rows
 * are kept in order of their period, so finding one is a binary search
 * however many there are. */
static struct client *period_row(struct tally *t, struct client *c, const char *label)
{
	struct client *p;
	size_t lo = 0, hi = c->nperiods;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(c->periods[mid]->period, label);

		if (cmp == 0)
			return c->periods[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	p = xmalloc(sizeof(*p));
	client_init(p, t->ntopics);
	snprintf(p->period, sizeof(p->period), "%s", label);
	c->periods = xgrow(c->periods, sizeof(*c->periods), c->nperiods + 1, &c->palloc);
	memmove(c->periods + lo + 1, c->periods + lo, (c->nperiods - lo) * sizeof(*c->periods));
	c->periods[lo] = p;
	c->nperiods++;
	return p;
}

static void add_period(struct tally *t, struct client *c, const struct note_result *r)
{
	char label[12];

	if (!r->meta.has_date)
		return;
	tally_period(row_period(t), r->meta.date, label);
	add_counts(period_row(t, c, label), r, t->ntopics);
}

/* Every pair is kept, with the period of the note that names it ("" when
 * undated); tally_finish counts each pair once. */
static void add_intro(struct tally *t, const char *by, const char *client, const char *period)
{
	t->intros = xgrow(t->intros, sizeof(*t->intros), t->nintros + 1, &t->intro_alloc);
	t->intros[t->nintros].by = xstrdup(by);
	t->intros[t->nintros].client = xstrdup(client);
	snprintf(t->intros[t->nintros].period, sizeof(t->intros[t->nintros].period), "%s", period);
	t->nintros++;
}

void tally_add(struct tally *t, const struct note_result *r)
{
	size_t i, n = r->clients.n;
	char *by = r->meta.introduced_by ? tally_fold(r->meta.introduced_by) : NULL;
	char **keys = xcalloc(n ? n : 1, sizeof(*keys));
	char *twice = xcalloc(n ? n : 1, 1);
	char period[12] = "";

	/* the same client twice in one note counts once, at its first name */
	for (i = 0; i < n; i++)
		keys[i] = tally_fold(r->clients.v[i]);
	mark_repeats(keys, n, twice);
	if (by && *by && r->meta.has_date)
		tally_period(row_period(t), r->meta.date, period);
	for (i = 0; i < n; i++) {
		const char *key = keys[i];
		struct client *c;

		if (twice[i] || !*key)
			continue;
		c = lookup(t, key, 1);
		add_spelling(c, r->clients.v[i]);
		add_counts(c, r, t->ntopics);
		add_period(t, c, r);
		if (by && *by && strcmp(by, key) != 0)
			add_intro(t, by, key, period);
	}
	add_counts(&t->total, r, t->ntopics);
	add_period(t, &t->total, r);
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(twice);
	free(by);
}

int tally_share(const unsigned long words[LABEL_COUNT], double *share)
{
	double social = (double)words[LABEL_SOCIAL] + (double)words[LABEL_MIXED] / 2;
	double all = (double)words[LABEL_BUSINESS] + (double)words[LABEL_SOCIAL] +
		     (double)words[LABEL_MIXED];

	if (all <= 0) {
		*share = 0;
		return 0;
	}
	*share = social / all;
	return 1;
}

unsigned tally_share_round(const unsigned long words[LABEL_COUNT], unsigned scale)
{
	/* the share is (2 social + mixed) / 2 all, rounded half up exactly:
	 * floor((2 scale num + den) / 2 den); in floating point 0.285 * 100
	 * is 28.4999... */
	unsigned long long num = 2ULL * words[LABEL_SOCIAL] + words[LABEL_MIXED];
	unsigned long long den = 2ULL * ((unsigned long long)words[LABEL_BUSINESS] +
					 words[LABEL_SOCIAL] + words[LABEL_MIXED]);

	if (!den)
		return 0;
	if (num > ((unsigned long long)-1 / 4) / scale || den > (unsigned long long)-1 / 4)
		return (unsigned)((long double)num * scale / den + 0.5L);
	return (unsigned)((2 * scale * num + den) / (2 * den));
}

void tally_period(enum period p, const char *date, char out[12])
{
	long days, wd, thu;
	char d[11];

	switch (p) {
	case PERIOD_NONE:
		out[0] = '\0';
		return;
	case PERIOD_YEAR:
		snprintf(out, 12, "%.4s", date);
		return;
	case PERIOD_QUARTER:
		snprintf(out, 12, "%.4s-Q%c", date, "0111222333444"[atoi(date + 5) % 13]);
		return;
	case PERIOD_MONTH:
		snprintf(out, 12, "%.7s", date);
		return;
	case PERIOD_WEEK:
		/* ISO 8601: the week belongs to the year of its Thursday;
		 * 0001-01-01 was a Monday */
		days = date_days(date);
		wd = days % 7;
		thu = days - wd + 3;
		date_of_days(thu, d);
		memcpy(d + 4, "-01-01", 7);
		snprintf(out, 12, "%.4s-W%02u", d, (unsigned)((thu - date_days(d)) / 7 + 1) % 100);
		return;
	}
	out[0] = '\0';
}

static int cmp_intro(const void *a, const void *b)
{
	const struct intro *x = a, *y = b;
	int c = strcmp(x->by, y->by);

	return c ? c : strcmp(x->client, y->client);
}

/* A pair's notes by period, the undated last: the first is when the
 * introduction was made. */
static int cmp_intro_when(const void *a, const void *b)
{
	const struct intro *x = a, *y = b;
	int c = cmp_intro(a, b);

	if (c)
		return c;
	if (!*x->period != !*y->period)
		return *x->period ? -1 : 1;
	return strcmp(x->period, y->period);
}

static int cmp_client(const void *a, const void *b)
{
	const struct client *x = *(struct client *const *)a, *y = *(struct client *const *)b;
	int xn = strcmp(x->key, "(no client)") == 0, yn = strcmp(y->key, "(no client)") == 0;

	if (xn != yn)
		return xn - yn;
	return strcmp(x->key, y->key);
}

static int cmp_period(const void *a, const void *b)
{
	return strcmp((*(struct client *const *)a)->period, (*(struct client *const *)b)->period);
}

/*
 * Whether the social share is above (dir 1) or below (dir -1) pct percent.
 * A share met exactly is inside the band, but neither share * 100 (0.29 *
 * 100 is 28.999999999999996) nor a decimal pct (33.3) is exact in binary,
 * so the share must pass pct by more than a billionth of a point.
 */
#define SHARE_TOLERANCE 1e-9

static int share_beyond(const struct client *c, double pct, int dir)
{
	const unsigned long *w = c->words;
	double num = 100.0 * (2.0 * (double)w[LABEL_SOCIAL] + (double)w[LABEL_MIXED]);
	double den = 2.0 * ((double)w[LABEL_BUSINESS] + (double)w[LABEL_SOCIAL] +
			    (double)w[LABEL_MIXED]);

	if (!c->has_share)
		return 0;
	return dir > 0 ? num / den > pct + SHARE_TOLERANCE : num / den < pct - SHARE_TOLERANCE;
}

static int outside(const struct client *c, const struct tally_opts *o)
{
	return share_beyond(c, o->target_hi, 1) || share_beyond(c, o->target_lo, -1);
}

static void finish_client(struct client *c, const struct tally_opts *o, int is_client)
{
	size_t i;
	unsigned run = 0;

	if (c->nperiods)
		qsort(c->periods, c->nperiods, sizeof(*c->periods), cmp_period);
	for (i = 0; i < c->nperiods; i++)
		finish_client(c->periods[i], o, is_client);

	c->has_share = tally_share(c->words, &c->share);
	if (c->nsp) {
		size_t best = 0;

		for (i = 1; i < c->nsp; i++)
			if (c->sp[i].count > c->sp[best].count ||
			    (c->sp[i].count == c->sp[best].count &&
			     strcmp(c->sp[i].name, c->sp[best].name) < 0))
				best = i;
		c->name = c->sp[best].name;
	}
	c->flags = 0;
	if (!is_client)
		return;
	if (share_beyond(c, o->target_hi, 1))
		c->flags |= FLAG_CHATTY;
	if (share_beyond(c, o->target_lo, -1))
		c->flags |= FLAG_ALL_BUSINESS;
	if (c->referral_asks >= o->referral_min && c->notes &&
	    (double)c->referral_asks / c->notes > o->referral_rate)
		c->flags |= FLAG_REFERRAL_HEAVY;
	if (c->period[0])
		return;		/* stale and drifting speak of a client, not a period */
	if (o->stale_days > 0 && c->last[0] && o->today[0] &&
	    date_days(o->today) - date_days(c->last) > o->stale_days)
		c->flags |= FLAG_STALE;
	for (i = c->nperiods; i > 0 && run < o->drift_periods; i--) {
		if (!c->periods[i - 1]->has_share)
			continue;
		if (!outside(c->periods[i - 1], o))
			break;
		run++;
	}
	if (o->drift_periods && run >= o->drift_periods)
		c->flags |= FLAG_DRIFTING;
}

static void clear_introductions(struct client *c)
{
	size_t i;

	c->introductions = 0;
	for (i = 0; i < c->nperiods; i++)
		c->periods[i]->introductions = 0;
}

void tally_finish(struct tally *t, const struct tally_opts *o)
{
	size_t i, k;

	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), cmp_client);
	if (t->n)
		reindex(t);
	for (i = 0; i < t->n; i++)
		clear_introductions(t->v[i]);
	clear_introductions(&t->total);
	/* each pair once, however many notes name it */
	if (t->nintros > 1)
		qsort(t->intros, t->nintros, sizeof(*t->intros), cmp_intro_when);
	for (k = 0; k < t->nintros; k++) {
		const char *when = t->intros[k].period;
		struct client *by;

		if (k && cmp_intro(&t->intros[k - 1], &t->intros[k]) == 0)
			continue;
		by = lookup(t, t->intros[k].by, 0);
		if (!by)
			continue;
		by->introductions++;
		t->total.introductions++;
		/* in the period of the first dated note that names it, which
		 * gets a row if the introducer has no notes of its own then */
		if (*when) {
			period_row(t, by, when)->introductions++;
			period_row(t, &t->total, when)->introductions++;
		}
	}
	for (i = 0; i < t->n; i++)
		finish_client(t->v[i], o, strcmp(t->v[i]->key, "(no client)") != 0);
	finish_client(&t->total, o, 0);
}
