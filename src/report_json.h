/*
 * report_json: JSON, schema 1, and JSON Lines (its rows, one a line).
 *
 * Layer: report, a renderer.  May call render.c and what is below it;
 * report.c chooses it.
 */
#ifndef BANTER_REPORT_JSON_H
#define BANTER_REPORT_JSON_H

#include "render.h"

extern const struct renderer report_json_renderer;

#endif
