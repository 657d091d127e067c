/*
 * filter: the notes a report counts (filter.h).
 * Layer: tallies; calls tally (name folding) and the primitives.
 */
#include "filter.h"
#include "meta.h"
#include "result.h"
#include "tally.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void filter_release(struct filter *f)
{
	strlist_release(&f->clients);
	strlist_release(&f->tags);
}

static int dated(const struct filter *f, const struct note_result *r, unsigned long *undated)
{
	if (!f->since[0] && !f->until[0])
		return 1;
	if (!r->meta.has_date) {
		(*undated)++;
		return 0;
	}
	if (f->since[0] && strcmp(r->meta.date, f->since) < 0)
		return 0;
	if (f->until[0] && strcmp(r->meta.date, f->until) > 0)
		return 0;
	return 1;
}

/* Keeps only the clients asked for; whether any is left. */
static int keep_clients(const struct filter *f, struct note_result *r)
{
	size_t i, j, kept = 0;
	int hit;

	for (i = 0; i < r->clients.n; i++) {
		char *key = tally_fold(r->clients.v[i]);

		for (j = 0, hit = 0; j < f->clients.n && !hit; j++)
			hit = strcmp(key, f->clients.v[j]) == 0;
		free(key);
		if (hit)
			r->clients.v[kept++] = r->clients.v[i];
		else
			free(r->clients.v[i]);
	}
	r->clients.n = kept;
	return kept > 0;
}

static int tagged(const struct filter *f, const struct note_result *r)
{
	size_t i, j;
	int hit = 0;

	for (i = 0; i < r->meta.tags.n && !hit; i++)
		for (j = 0; j < f->tags.n && !hit; j++)
			hit = span_ieq(r->meta.tags.v[i], strlen(r->meta.tags.v[i]), f->tags.v[j]);
	return hit;
}

int filter_note(const struct filter *f, struct note_result *r, unsigned long *undated)
{
	if (!dated(f, r, undated))
		return 0;
	if (f->clients.n && !keep_clients(f, r))
		return 0;
	if (f->tags.n && !tagged(f, r))
		return 0;
	return 1;
}
