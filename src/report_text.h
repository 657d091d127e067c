/*
 * report_text: the readable, aligned report, and the editor's line format
 * (--annotate).
 *
 * Layer: report, a renderer.  May call render.c and what is below it;
 * report.c chooses it.
 */
#ifndef BANTER_REPORT_TEXT_H
#define BANTER_REPORT_TEXT_H

#include "render.h"

extern const struct renderer report_text_renderer;

#endif
