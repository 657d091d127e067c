/*
 * report: chooses the format's renderer (report.h).
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

#include <stdio.h>

static const struct renderer *const renderers[] = {
	[FORMAT_TEXT] = &report_text_renderer,
	[FORMAT_JSON] = &report_json_renderer,
	[FORMAT_JSONL] = &report_json_renderer,
	[FORMAT_CSV] = &report_csv_renderer,
	[FORMAT_TSV] = &report_csv_renderer,
	[FORMAT_MARKDOWN] = &report_md_renderer,
	[FORMAT_HTML] = &report_html_renderer,
};

void report_begin(struct report *rep, const struct report_opts *o, FILE *out)
{
	rep->fmt = renderers[o->format];
	render_init(&rep->r, o, out);
	if (rep->fmt->begin)
		rep->fmt->begin(&rep->r);
}

void report_note(struct report *rep, const struct note_result *n)
{
	if (rep->r.o->by == BY_CLIENT)
		return;
	rep->fmt->note(&rep->r, n);
}

void report_end(struct report *rep, const struct tally *t)
{
	rep->fmt->end(&rep->r, t);
	render_flush(&rep->r);
}

void report_release(struct report *rep)
{
	if (rep->fmt->release)
		rep->fmt->release(&rep->r);
	render_release(&rep->r);
}
