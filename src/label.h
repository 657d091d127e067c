/*
 * label: what a passage is labelled, for the tallies and the reports
 * (classify.h says how a passage gets its label).
 *
 * Layer: labels.  Data only: label.c holds the names.
 */
#ifndef BANTER_LABEL_H
#define BANTER_LABEL_H

#include <stddef.h>

enum label {
	LABEL_BUSINESS,
	LABEL_SOCIAL,
	LABEL_MIXED,
	LABEL_NEUTRAL,
	LABEL_COUNT
};

extern const char *const label_names[LABEL_COUNT];

/* A rule that matched, and where it first did (offsets in the passage). */
struct hit {
	unsigned rule;
	size_t off;
	size_t len;
	int work_meal;		/* social/food in a work sentence (classify.h) */
};

#endif
