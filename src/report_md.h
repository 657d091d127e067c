/*
 * report_md: GitHub-flavoured Markdown tables, for a report kept in a
 * notes folder (Obsidian, GitHub, cmark-gfm).  The first line is the
 * marker (render.h's RENDER_MARKER) that tells banter the file is a report
 * it wrote, not a note.
 *
 * Layer: report, a renderer.  May call render.c and what is below it;
 * report.c chooses it.
 */
#ifndef BANTER_REPORT_MD_H
#define BANTER_REPORT_MD_H

#include "render.h"

extern const struct renderer report_md_renderer;

#endif
