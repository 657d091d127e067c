/*
 * report: chooses the format's renderer, and hands it redacted copies with
 * --redact (report.h).
 * Layer: report, its top; calls render.c and, through struct renderer,
 * the renderers.
 */
#include "report.h"
#include "render.h"
#include "report_csv.h"
#include "report_html.h"
#include "report_json.h"
#include "report_md.h"
#include "report_text.h"
#include "result.h"
#include "strlist.h"
#include "tally.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct renderer *const renderers[] = {
	[FORMAT_TEXT] = &report_text_renderer,
	[FORMAT_JSON] = &report_json_renderer,
	[FORMAT_JSONL] = &report_json_renderer,
	[FORMAT_CSV] = &report_csv_renderer,
	[FORMAT_TSV] = &report_csv_renderer,
	[FORMAT_MARKDOWN] = &report_md_renderer,
	[FORMAT_HTML] = &report_html_renderer,
};

#define REDACTED_NAME 16	/* "client-" and a number */

void report_begin(struct report *rep, const struct report_opts *o, FILE *out)
{
	rep->fmt = renderers[o->format];
	rep->notes = 0;
	memset(&rep->names, 0, sizeof(rep->names));
	render_init(&rep->r, o, out);
	if (rep->fmt->begin)
		rep->fmt->begin(&rep->r);
}

/* The stand-in for a client or introducer: client-01, ... by the order
 * the report first names them.  `key` is a folded name. */
static void stand_in(struct report *rep, const char *key, char out[REDACTED_NAME])
{
	size_t i;

	for (i = 0; i < rep->names.n; i++)
		if (strcmp(rep->names.v[i], key) == 0)
			break;
	if (i == rep->names.n)
		strlist_add(&rep->names, key, strlen(key));
	snprintf(out, REDACTED_NAME, "client-%02zu", i + 1);
}

static void stand_in_name(struct report *rep, const char *name, char out[REDACTED_NAME])
{
	char *key = tally_fold(name);

	stand_in(rep, key, out);
	free(key);
}

/* A note with nothing that quotes or points into it. */
static void redacted_note(struct report *rep, const struct note_result *n)
{
	struct note_result c = *n;
	char path[32], (*names)[REDACTED_NAME] = NULL;
	char **clients = NULL;
	size_t i;

	snprintf(path, sizeof(path), "note-%04u", ++rep->notes);
	c.note.path = path;
	c.p = xcalloc(n->np ? n->np : 1, sizeof(*c.p));
	for (i = 0; i < n->np; i++) {
		c.p[i] = n->p[i];
		c.p[i].len = 0;		/* no excerpt */
		c.p[i].section_len = 0;
		c.p[i].speaker_len = 0;	/* no speaker */
		c.p[i].hit_n = 0;
	}
	c.meta.attendees.n = 0;
	c.meta.tags.n = 0;
	c.meta.tree = NULL;
	c.meta.introduced_by = NULL;
	if (rep->r.o->redact == REDACT_CLIENTS) {
		names = xcalloc(n->clients.n ? n->clients.n : 1, sizeof(*names));
		clients = xcalloc(n->clients.n ? n->clients.n : 1, sizeof(*clients));
		for (i = 0; i < n->clients.n; i++) {
			stand_in_name(rep, n->clients.v[i], names[i]);
			clients[i] = names[i];
		}
		c.clients.v = clients;
	}
	rep->fmt->note(&rep->r, &c);
	free(c.p);
	free(clients);
	free(names);
}

void report_note(struct report *rep, const struct note_result *n)
{
	if (rep->r.o->by == BY_CLIENT)
		return;
	if (rep->r.o->redact)
		redacted_note(rep, n);
	else
		rep->fmt->note(&rep->r, n);
}

/* The tally with clients and introducers named client-01, ... in the
 * report's order; the copies share all but the names. */
static void redacted_end(struct report *rep, const struct tally *t)
{
	struct tally c = *t;
	struct client *cv = xcalloc(t->n ? t->n : 1, sizeof(*cv));
	struct client **pv = xcalloc(t->n ? t->n : 1, sizeof(*pv));
	struct intro *iv = xcalloc(t->nintros ? t->nintros : 1, sizeof(*iv));
	char (*names)[REDACTED_NAME] = xcalloc(t->n + 2 * t->nintros + 1, sizeof(*names));
	size_t i, k = 0;

	for (i = 0; i < t->n; i++) {
		cv[i] = *t->v[i];
		stand_in(rep, t->v[i]->key ? t->v[i]->key : "", names[k]);
		cv[i].name = names[k];
		cv[i].key = names[k++];
		pv[i] = &cv[i];
	}
	for (i = 0; i < t->nintros; i++) {
		iv[i] = t->intros[i];
		stand_in(rep, t->intros[i].by, names[k]);
		iv[i].by = names[k++];
		stand_in(rep, t->intros[i].client, names[k]);
		iv[i].client = names[k++];
	}
	c.v = pv;
	c.intros = iv;
	rep->fmt->end(&rep->r, &c);
	free(names);
	free(iv);
	free(pv);
	free(cv);
}

void report_end(struct report *rep, const struct tally *t)
{
	if (rep->r.o->redact == REDACT_CLIENTS && rep->r.o->by == BY_CLIENT)
		redacted_end(rep, t);
	else
		rep->fmt->end(&rep->r, t);
	render_flush(&rep->r);
}

void report_release(struct report *rep)
{
	if (rep->fmt->release)
		rep->fmt->release(&rep->r);
	render_release(&rep->r);
	strlist_release(&rep->names);
}
