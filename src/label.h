/*
 * label: what a passage is labelled, for the tallies and the reports
 * (classify.h says how a passage gets its label).
 *
 * Layer: labels.  A header alone; label_names is defined in classify.c.
 */
#ifndef BANTER_LABEL_H
#define BANTER_LABEL_H

enum label {
	LABEL_BUSINESS,
	LABEL_SOCIAL,
	LABEL_MIXED,
	LABEL_NEUTRAL,
	LABEL_COUNT
};

extern const char *const label_names[LABEL_COUNT];

#endif
