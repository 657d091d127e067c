/*
 * report_html: one self-contained HTML page: styles inline, charts as
 * inline SVG, no external fonts, scripts, images or requests; readable with
 * scripts off (a small inline script sorts the tables).  At the client
 * level a summary, then per client the balance bar against the target band,
 * the social share per period with the band shaded, flags, topics, the
 * last meeting, referral asks and introductions, and the introductions as
 * a tree; at the note and passage levels a table.  Every chart has a text
 * alternative and its numbers in a table.  The first line is render.h's
 * RENDER_MARKER.  Every string from notes and configuration is escaped.
 *
 * Layer: report, a renderer.  May call render.c and what is below it;
 * report.c chooses it.
 */
#ifndef BANTER_REPORT_HTML_H
#define BANTER_REPORT_HTML_H

#include "render.h"

extern const struct renderer report_html_renderer;

#endif
