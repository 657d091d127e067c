/*
 * report_csv: CSV (RFC 4180) and TSV.
 *
 * Layer: report, a renderer.  May call render.c and what is below it;
 * report.c chooses it.
 */
#ifndef BANTER_REPORT_CSV_H
#define BANTER_REPORT_CSV_H

#include "render.h"

extern const struct renderer report_csv_renderer;

#endif
