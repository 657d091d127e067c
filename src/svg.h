/*
 * svg: the report's two charts as inline SVG, drawn from numbers only: a
 * balance bar (business, mixed, social words) against a target band of the
 * social share, and a line of the social share per period over the band.
 * Colours come from CSS classes (bus, mix, soc, band, ...) the page
 * defines, so that dark mode and print restyle them.  Each chart carries
 * role="img" and an aria-label (the caller's text, already escaped).
 *
 * Layer: primitives.  Calls buf only.
 */
#ifndef BANTER_SVG_H
#define BANTER_SVG_H

#include <stddef.h>

struct buf;

/*
 * The words of business, mixed and social (in that order) as a stacked bar
 * from left to right; social share lo..hi (percent of the social share,
 * drawn from the right end, where social is) as a shaded band, and the
 * share itself (0..1) as a tick when has_share.
 */
void svg_balance(struct buf *out, const unsigned long words[3], double lo, double hi,
		 int has_share, double share, const char *label);

/*
 * A line of n shares (0..1) over the band lo..hi (percent), one point per
 * period; a period with has[i] == 0 breaks the line.  names label the
 * first and the last period on the axis (plain ASCII, not escaped).
 */
void svg_trend(struct buf *out, size_t n, const char *const *names, const double *share,
	       const int *has, double lo, double hi, const char *label);

#endif
