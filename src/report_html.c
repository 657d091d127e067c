/*
 * report_html: one self-contained HTML page (report_html.h).
 * Layer: report, a renderer; calls render.c, tally and the primitives.
 */
#include "report_html.h"
#include "buf.h"
#include "label.h"
#include "esc.h"
#include "render.h"
#include "rules.h"
#include "result.h"
#include "svg.h"
#include "date.h"
#include "tally.h"

#include <stdlib.h>
#include <string.h>

#define EXCERPT_WIDTH 120
#define TOP_TOPICS 5
#define TREE_DEPTH 16

static const char style[] =
	"<style>\n"
	":root{--fg:#1d2430;--bg:#fff;--mute:#5b6472;--line:#d5dae1;--card:#f6f8fa;"
	"--bus:#2f6fb3;--mix:#9a7fc9;--soc:#e0823d;--neu:#b8bec7;--band:#3aa76d;--flag:#b3261e}\n"
	"@media (prefers-color-scheme:dark){:root{--fg:#e6e9ee;--bg:#14171c;--mute:#9aa3b0;"
	"--line:#333a45;--card:#1c2129;--bus:#5b9be0;--mix:#b49ae0;--soc:#f09a55;--neu:#5d6470;"
	"--band:#4cc184;--flag:#ff8a80}}\n"
	"*{box-sizing:border-box}\n"
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);"
	"background:var(--bg);margin:0 auto;max-width:1100px;padding:1.5rem}\n"
	"h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:1.2rem 0 .4rem}.card h2{margin-top:0}"
	"h3{font-size:.95rem;margin:.8rem 0 .3rem;color:var(--mute)}\n"
	".meta{color:var(--mute);margin:0 0 1rem}\n"
	"table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-variant-numeric:tabular-nums}\n"
	"th,td{padding:.3rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
	"th{font-weight:600;white-space:nowrap}th[data-sort]{cursor:pointer}\n"
	"td.n,th.n{text-align:right}.d{white-space:nowrap}\n"
	".wrap{overflow-x:auto}\n"
	".flag{display:inline-block;background:var(--flag);color:var(--bg);border-radius:.7rem;"
	"padding:0 .55rem;margin:0 .25rem .2rem 0;font-size:.8rem;font-weight:600}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:1rem}\n"
	".card{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:1rem;"
	"break-inside:avoid;min-width:0;overflow-wrap:anywhere}\n"
	"svg{display:block;width:100%;height:auto}\n"
	".bus{fill:var(--bus)}.mix{fill:var(--mix)}.soc{fill:var(--soc)}.neu{fill:var(--neu)}\n"
	".band{fill:var(--band);opacity:.22}.bandline{stroke:var(--band);stroke-width:.6}\n"
	".tick{stroke:var(--fg);stroke-width:1.2}.axis{stroke:var(--line);stroke-width:.5}\n"
	".trend{fill:none;stroke:var(--soc);stroke-width:1.6}.dot{fill:var(--soc)}\n"
	"svg text{fill:var(--mute);font-size:9px}\n"
	".key span{display:inline-block;width:.8em;height:.8em;border-radius:.15em;margin:0 .3em 0 .8em;"
	"vertical-align:-.05em}.key span:first-child{margin-left:0}\n"
	".k-bus{background:var(--bus)}.k-mix{background:var(--mix)}.k-soc{background:var(--soc)}"
	".k-neu{background:var(--neu)}.k-band{background:var(--band);opacity:.5}\n"
	"td.l-business{border-left:4px solid var(--bus)}td.l-social{border-left:4px solid var(--soc)}"
	"td.l-mixed{border-left:4px solid var(--mix)}td.l-neutral{border-left:4px solid var(--neu)}\n"
	"details{margin:.3rem 0}summary{cursor:pointer;color:var(--mute);font-size:.85rem}\n"
	"details table{font-size:.85rem}\n"
	"ul.tree,ul.tree ul{list-style:none;padding-left:1.1rem;margin:.2rem 0}"
	"ul.tree ul li::before{content:'\\2514\\2500 ';color:var(--mute)}ul.tree{padding-left:0}\n"
	"dl{display:grid;grid-template-columns:auto 1fr;gap:.15rem .8rem;margin:.5rem 0;font-size:.9rem}"
	"dt{color:var(--mute)}dd{margin:0}\n"
	"@page{size:A4;margin:15mm}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}.card{break-inside:avoid}"
	"details>*{display:block}summary{display:none}}\n"
	"</style>\n";

/* Sorts a table by the clicked header, numbers by data-v; without
 * scripts the table stays as banter sorted it. */
static const char script[] =
	"<script>\n"
	"document.querySelectorAll('th[data-sort]').forEach(function(th){th.addEventListener('click',"
	"function(){var t=th.closest('table'),b=t.tBodies[0],i=th.cellIndex,d=th.dataset.d=th.dataset.d=="
	"'1'?'-1':'1',rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=x.cells[i],"
	"c=y.cells[i],p=a.dataset.v,q=c.dataset.v;if(p!==undefined&&q!==undefined)return d*(p-q);"
	"return d*a.textContent.localeCompare(c.textContent)});rows.forEach(function(r){b.appendChild(r)})})});\n"
	"</script>\n";

/* Text from a note or the configuration, safe in an element or attribute. */
static void html_add(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': buf_adds(out, "&amp;"); break;
		case '<': buf_adds(out, "&lt;"); break;
		case '>': buf_adds(out, "&gt;"); break;
		case '"': buf_adds(out, "&quot;"); break;
		case '\'': buf_adds(out, "&#39;"); break;
		default: buf_addch(out, s[i]);
		}
	}
}

/* A name or path, its control characters escaped first (esc.h). */
static void html_text(struct buf *out, const char *s, size_t max_width)
{
	struct buf tmp = BUF_INIT;

	render_excerpt(&tmp, s, strlen(s), max_width, 0);
	html_add(out, tmp.ptr, tmp.len);
	buf_release(&tmp);
}

/* A number cell; v is the value the sort script compares. */
static void td_u(struct buf *b, const char *cls, unsigned long n)
{
	buf_addf(b, "<td class=\"n %s\" data-v=\"%lu\">%lu</td>", cls, n, n);
}

static void td_share(struct buf *b, const unsigned long *words)
{
	double s;

	if (!tally_share(words, &s)) {
		buf_adds(b, "<td class=\"n share\" data-v=\"-1\">-</td>");
		return;
	}
	buf_adds(b, "<td class=\"n share\" data-v=\"");
	render_num(b, s, 4);
	buf_addf(b, "\">%u</td>", tally_share_round(words, 100));
}

static void flags_html(struct buf *b, unsigned flags)
{
	size_t i;

	for (i = 0; i < FLAG_COUNT; i++)
		if (flags & (1u << i))
			buf_addf(b, "<span class=\"flag\">%s</span>", flag_names[i]);
}

static void page_start(struct render *r, const char *title)
{
	buf_adds(&r->b, RENDER_MARKER_HTML "\n<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
		 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		 "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
		 "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
	buf_adds(&r->b, title);
	buf_adds(&r->b, "</title>\n");
	buf_adds(&r->b, style);
	buf_adds(&r->b, "</head>\n<body>\n");
}

static void page_end(struct render *r)
{
	buf_adds(&r->b, script);
	buf_adds(&r->b, "</body>\n</html>\n");
}

static void begin(struct render *r)
{
	if (r->o->by == BY_CLIENT)
		return;
	page_start(r, r->o->by == BY_NOTE ? "banter: notes" : "banter: passages");
	buf_adds(&r->b, r->o->by == BY_NOTE ? "<h1>Notes</h1>\n" : "<h1>Passages</h1>\n");
	buf_adds(&r->b, "<p class=\"key\"><span class=\"k-bus\"></span>business"
		 "<span class=\"k-mix\"></span>mixed<span class=\"k-soc\"></span>social"
		 "<span class=\"k-neu\"></span>neutral</p>\n<div class=\"wrap\"><table>\n<thead><tr>");
	if (r->o->by == BY_NOTE)
		buf_adds(&r->b, "<th data-sort>Path</th><th data-sort>Client</th><th data-sort>Date</th>"
			 "<th class=\"n\" data-sort>Min</th><th class=\"n\" data-sort>Words</th>"
			 "<th class=\"n\" data-sort>Bus%</th><th class=\"n\" data-sort>Soc%</th>"
			 "<th>Split</th>");
	else
		buf_adds(&r->b, "<th data-sort>Location</th><th data-sort>Label</th>"
			 "<th class=\"n\" data-sort>Bus</th><th class=\"n\" data-sort>Soc</th>"
			 "<th class=\"n\" data-sort>Words</th><th data-sort>Topics</th><th>Excerpt</th>");
	if (r->o->by == BY_PASSAGE && r->o->explain)
		buf_adds(&r->b, "<th>Rules</th>");
	buf_adds(&r->b, "</tr></thead>\n<tbody>\n");
	render_flush(r);
}

/* The business | mixed | social | neutral split as one small bar. */
static void split_svg(struct buf *b, const unsigned long *words)
{
	static const char *const cls[] = { "bus", "mix", "soc", "neu" };
	static const int order[] = { LABEL_BUSINESS, LABEL_MIXED, LABEL_SOCIAL, LABEL_NEUTRAL };
	unsigned long all = render_total_words(words);
	double x = 0, w;
	size_t i;

	buf_adds(b, "<svg viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" "
		 "aria-label=\"");
	for (i = 0; i < 4; i++)
		buf_addf(b, "%s%s %lu words", i ? ", " : "", label_names[order[i]], words[order[i]]);
	buf_adds(b, "\" style=\"width:7rem;height:.8rem\">");
	for (i = 0; all && i < 4; i++) {
		w = 100.0 * (double)words[order[i]] / (double)all;
		if (w > 0)
			buf_addf(b, "<rect class=\"%s\" x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"8\"/>",
				 cls[i], x, w);
		x += w;
	}
	buf_adds(b, "</svg>");
}

static void note_row(struct render *r, const struct note_result *n)
{
	struct buf *b = &r->b;
	size_t i;
	double s;

	buf_adds(b, "<tr><td>");
	html_text(b, n->note.path, 0);
	buf_adds(b, "</td><td>");
	for (i = 0; i < n->clients.n; i++) {
		if (i)
			buf_adds(b, ", ");
		html_text(b, n->clients.v[i], 60);
	}
	buf_addf(b, "</td><td>%s</td><td class=\"n\">", n->meta.has_date ? n->meta.date : "-");
	if (n->meta.has_duration)
		render_num(b, n->meta.minutes, 1);
	else
		buf_addch(b, '-');
	buf_adds(b, "</td>");
	td_u(b, "words", render_total_words(n->words));
	if (tally_share(n->words, &s))
		buf_addf(b, "<td class=\"n\">%u</td><td class=\"n\">%u</td>",
			 100 - tally_share_round(n->words, 100), tally_share_round(n->words, 100));
	else
		buf_adds(b, "<td class=\"n\">-</td><td class=\"n\">-</td>");
	buf_adds(b, "<td>");
	split_svg(b, n->words);
	buf_adds(b, "</td></tr>\n");
}

static void passage_rows(struct render *r, const struct note_result *n)
{
	struct buf *b = &r->b, tmp = BUF_INIT;
	size_t i, k;

	for (i = 0; i < n->np; i++) {
		const struct passage_result *p = &n->p[i];

		buf_adds(b, "<tr><td>");
		html_text(b, n->note.path, 0);
		buf_addf(b, ":%u</td><td class=\"l-%s\">%s</td><td class=\"n\">", p->line,
			 label_names[p->label], label_names[p->label]);
		render_num(b, p->score[CAT_BUSINESS], 2);
		buf_adds(b, "</td><td class=\"n\">");
		render_num(b, p->score[CAT_SOCIAL], 2);
		buf_adds(b, "</td>");
		td_u(b, "words", p->words);
		buf_reset(&tmp);
		render_topics(&tmp, r->o->rules, n, i, ", ");
		buf_adds(b, "<td>");
		html_add(b, tmp.ptr, tmp.len);
		buf_adds(b, "</td><td>");
		buf_reset(&tmp);
		render_excerpt(&tmp, n->note.text.ptr + p->off, p->len, EXCERPT_WIDTH, 0);
		html_add(b, tmp.ptr, tmp.len);
		buf_adds(b, "</td>");
		if (r->o->explain) {
			buf_reset(&tmp);
			for (k = 0; k < p->hit_n; k++) {
				const struct hit *h = &n->hits[p->hit_start + k];

				if (k)
					buf_adds(&tmp, ", ");
				buf_adds(&tmp, r->o->rules->v[h->rule].id);
				buf_adds(&tmp, " '");
				render_excerpt(&tmp, n->note.text.ptr + p->off + h->off, h->len, 40, 0);
				buf_addch(&tmp, '\'');
			}
			buf_adds(b, "<td>");
			html_add(b, tmp.ptr, tmp.len);
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_release(&tmp);
}

static void note(struct render *r, const struct note_result *n)
{
	if (r->o->by == BY_NOTE)
		note_row(r, n);
	else
		passage_rows(r, n);
	render_flush(r);
}


/* The clients in the order the page shows them: flagged first, each
 * group in the tally's order. */
static size_t shown_clients(const struct render *r, const struct tally *t,
			    const struct client **out)
{
	size_t i, n = 0;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < t->n; i++)
			if (render_shows(r, t->v[i]) && (t->v[i]->flags == 0) == pass)
				out[n++] = t->v[i];
	return n;
}

static void summary_row(struct buf *b, const struct client *c, const char *name, size_t id)
{
	buf_adds(b, "<tr><td class=\"client\">");
	if (name)
		buf_addf(b, "<a href=\"#c%zu\">", id);
	html_text(b, name ? name : "Total", 60);
	buf_adds(b, name ? "</a></td>" : "</td>");
	td_u(b, "notes", c->notes);
	buf_addf(b, "<td class=\"d\">%s</td>", c->last[0] ? c->last : "-");
	td_u(b, "words", render_total_words(c->words));
	td_share(b, c->words);
	buf_adds(b, "<td>");
	split_svg(b, c->words);
	buf_adds(b, "</td><td>");
	flags_html(b, c->flags);
	buf_adds(b, "</td></tr>\n");
}

/* The most frequent topics of one side ("business/" or "social/"). */
static void top_topics(struct buf *b, const struct render *r, const struct client *c,
		       const char *side)
{
	size_t i, k, best, shown = 0, n = r->o->rules->topics.n;
	unsigned *done = calloc(n ? n : 1, sizeof(*done));
	size_t len = strlen(side);

	for (k = 0; done && k < TOP_TOPICS; k++) {
		best = n;
		for (i = 0; i < n; i++)
			if (!done[i] && c->topics[i] &&
			    strncmp(r->o->rules->topics.v[i], side, len) == 0 &&
			    (best == n || c->topics[i] > c->topics[best]))
				best = i;
		if (best == n)
			break;
		done[best] = 1;
		buf_adds(b, shown++ ? ", " : "");
		html_add(b, r->o->rules->topics.v[best] + len, strlen(r->o->rules->topics.v[best] + len));
		buf_addf(b, " (%u)", c->topics[best]);
	}
	if (!shown)
		buf_adds(b, "none");
	free(done);
}

static const struct client *find_client(const struct tally *t, const char *key)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i]->key && strcmp(t->v[i]->key, key) == 0)
			return t->v[i];
	return NULL;
}

/* A name of the introductions, which keep folded keys. */
static void intro_name(struct buf *b, const struct tally *t, const char *key)
{
	const struct client *c = find_client(t, key);

	html_text(b, c ? c->name : key, 60);
}

/* Whether an earlier introduction names the same two (a later note). */
static int intro_seen(const struct tally *t, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(t->intros[j].by, t->intros[i].by) == 0 &&
		    strcmp(t->intros[j].client, t->intros[i].client) == 0)
			return 1;
	return 0;
}

static void trend(struct buf *b, const struct client *c, const struct tally *t,
		  const char *label)
{
	const char **names = calloc(c->nperiods + 1, sizeof(*names));
	double *share = calloc(c->nperiods + 1, sizeof(*share));
	int *has = calloc(c->nperiods + 1, sizeof(*has));
	size_t k;

	if (names && share && has) {
		for (k = 0; k < c->nperiods; k++) {
			names[k] = c->periods[k]->period[0] ? c->periods[k]->period : "undated";
			has[k] = tally_share(c->periods[k]->words, &share[k]);
		}
		svg_trend(b, c->nperiods, names, share, has, t->o->target_lo, t->o->target_hi, label);
	}
	free(names);
	free(share);
	free(has);
}

static void client_card(struct render *r, const struct tally *t, const struct client *c, size_t id)
{
	struct buf *b = &r->b, lab = BUF_INIT;
	unsigned long bms[3] = { c->words[LABEL_BUSINESS], c->words[LABEL_MIXED], c->words[LABEL_SOCIAL] };
	double s = 0;
	int has = tally_share(c->words, &s);
	size_t i, k;

	buf_addf(b, "<section class=\"card\" id=\"c%zu\" data-notes=\"%u\" data-share=\"", id, c->notes);
	if (has)
		render_num(b, s, 4);
	buf_adds(b, "\">\n<h2>");
	html_text(b, c->name, 60);
	buf_adds(b, "</h2>\n<div>");
	flags_html(b, c->flags);
	buf_adds(b, "</div>\n");
	/* the charts' text alternatives */
	buf_addf(&lab, "Balance: business %lu, mixed %lu, social %lu words; social share ",
		 bms[0], bms[1], bms[2]);
	if (has)
		buf_addf(&lab, "%u %%", tally_share_round(c->words, 100));
	else
		buf_adds(&lab, "unknown");
	buf_adds(&lab, ", target ");
	render_num(&lab, t->o->target_lo, 1);
	buf_addch(&lab, '-');
	render_num(&lab, t->o->target_hi, 1);
	buf_adds(&lab, " %");
	svg_balance(b, bms, t->o->target_lo, t->o->target_hi, has, s, lab.ptr);
	buf_reset(&lab);
	buf_addf(&lab, "Social share over %zu periods against the target band", c->nperiods);
	buf_adds(b, "<h3>Social share per period</h3>\n");
	trend(b, c, t, lab.ptr);
	buf_adds(b, "\n<details><summary>Numbers</summary><table><thead><tr><th>Period</th>"
		 "<th class=\"n\">Notes</th><th class=\"n\">Words</th><th class=\"n\">Soc%</th>"
		 "</tr></thead><tbody>\n");
	for (k = 0; k < c->nperiods; k++) {
		const struct client *p = c->periods[k];

		buf_addf(b, "<tr><td>%s</td>", p->period[0] ? p->period : "undated");
		td_u(b, "notes", p->notes);
		td_u(b, "words", render_total_words(p->words));
		td_share(b, p->words);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></details>\n<dl>");
	buf_addf(b, "<dt>Last meeting</dt><dd><span class=\"d\">%s</span>",
		 c->last[0] ? c->last : "none dated");
	if (c->last[0] && t->o->today[0])
		buf_addf(b, " (%ld days ago", date_days(t->o->today) - date_days(c->last));
	if (c->last[0] && t->o->today[0] && t->o->stale_days)
		buf_addf(b, "; stale after %d", t->o->stale_days);
	if (c->last[0] && t->o->today[0])
		buf_addch(b, ')');
	buf_addf(b, "</dd>\n<dt>Notes</dt><dd>%u", c->notes);
	if (c->first[0])
		buf_addf(b, ", <span class=\"d\">%s</span> to <span class=\"d\">%s</span>",
			 c->first, c->last);
	buf_adds(b, "</dd>\n");
	buf_adds(b, "<dt>Business topics</dt><dd>");
	top_topics(b, r, c, "business/");
	buf_adds(b, "</dd>\n<dt>Social topics</dt><dd>");
	top_topics(b, r, c, "social/");
	buf_addf(b, "</dd>\n<dt>Referral asks</dt><dd>%u</dd>\n<dt>Introduced</dt><dd>",
		 c->referral_asks);
	for (i = 0, k = 0; i < t->nintros; i++)
		if (c->key && strcmp(t->intros[i].by, c->key) == 0 && !intro_seen(t, i)) {
			buf_adds(b, k++ ? ", " : "");
			intro_name(b, t, t->intros[i].client);
		}
	if (!k)
		buf_adds(b, "nobody");
	buf_adds(b, "</dd>\n</dl>\n</section>\n");
	buf_release(&lab);
}

/* Whom `key` introduced, and whom they did, as nested lists. */
static void tree(struct buf *b, const struct tally *t, const char *key, int depth)
{
	size_t i;
	int any = 0;

	for (i = 0; i < t->nintros; i++) {
		if (strcmp(t->intros[i].by, key) != 0 || intro_seen(t, i))
			continue;
		buf_adds(b, any++ ? "" : "<ul>");
		buf_adds(b, "<li>");
		intro_name(b, t, t->intros[i].client);
		if (t->intros[i].period[0])
			buf_addf(b, " <small>(%s)</small>", t->intros[i].period);
		if (depth < TREE_DEPTH)
			tree(b, t, t->intros[i].client, depth + 1);
		buf_adds(b, "</li>");
	}
	if (any)
		buf_adds(b, "</ul>");
}

static void intro_tree(struct buf *b, const struct tally *t)
{
	size_t i, j;

	buf_adds(b, "<h2>Introductions</h2>\n");
	if (!t->nintros) {
		buf_adds(b, "<p class=\"meta\">No note names an introducer.</p>\n");
		return;
	}
	buf_adds(b, "<ul class=\"tree\">");
	/* the roots: introducers nobody introduced, each once */
	for (i = 0; i < t->nintros; i++) {
		int root = 1;

		for (j = 0; j < t->nintros && root; j++)
			if (strcmp(t->intros[j].client, t->intros[i].by) == 0 ||
			    (j < i && strcmp(t->intros[j].by, t->intros[i].by) == 0))
				root = 0;
		if (!root)
			continue;
		buf_adds(b, "<li>");
		intro_name(b, t, t->intros[i].by);
		tree(b, t, t->intros[i].by, 1);
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>\n");
}

static void end(struct render *r, const struct tally *t)
{
	struct buf *b = &r->b;
	const struct client **v;
	size_t i, n, flagged = 0;

	if (r->o->by != BY_CLIENT) {
		buf_adds(b, "</tbody></table></div>\n");
		page_end(r);
		return;
	}
	if (!render_anything(r, t))
		return;
	v = calloc(t->n + 1, sizeof(*v));
	if (!v)
		return;
	n = shown_clients(r, t, v);
	page_start(r, "banter: clients");
	buf_adds(b, "<h1>Clients</h1>\n<p class=\"meta\">");
	if (t->total.first[0])
		buf_addf(b, "%s to %s &middot; ", t->total.first, t->total.last);
	buf_addf(b, "%u notes &middot; %zu clients &middot; target ", t->total.notes, t->n);
	render_num(b, t->o->target_lo, 1);
	buf_addch(b, '-');
	render_num(b, t->o->target_hi, 1);
	buf_addf(b, " %% social &middot; as of %s</p>\n", t->o->today);
	for (i = 0; i < n; i++)
		flagged += v[i]->flags != 0;
	if (flagged) {
		buf_addf(b, "<p><strong>Flagged (%zu):</strong> ", flagged);
		for (i = 0; i < flagged; i++) {
			buf_addf(b, "%s<a href=\"#c%zu\">", i ? ", " : "", i);
			html_text(b, v[i]->name, 60);
			buf_adds(b, "</a>");
		}
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<p class=\"key\"><span class=\"k-bus\"></span>business"
		 "<span class=\"k-mix\"></span>mixed<span class=\"k-soc\"></span>social"
		 "<span class=\"k-neu\"></span>neutral<span class=\"k-band\"></span>target band</p>\n"
		 "<div class=\"wrap\"><table id=\"summary\">\n<thead><tr><th data-sort>Client</th>"
		 "<th class=\"n\" data-sort>Notes</th><th data-sort>Last</th>"
		 "<th class=\"n\" data-sort>Words</th><th class=\"n\" data-sort>Soc%</th>"
		 "<th>Split</th><th data-sort>Flags</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++)
		summary_row(b, v[i], v[i]->name, i);
	buf_adds(b, "</tbody>\n<tfoot>");
	if (!r->o->quiet)
		summary_row(b, &t->total, NULL, 0);
	buf_adds(b, "</tfoot></table></div>\n<div class=\"cards\">\n");
	for (i = 0; i < n; i++) {
		client_card(r, t, v[i], i);
		render_flush(r);
	}
	buf_adds(b, "</div>\n");
	intro_tree(b, t);
	page_end(r);
	free(v);
}

const struct renderer report_html_renderer = { begin, note, end, NULL };
