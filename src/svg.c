/*
 * svg: the report's charts as inline SVG (svg.h).
 * Layer: primitives; calls buf only.
 */
#include "svg.h"
#include "buf.h"

#define BAR_W 300.0
#define BAR_H 22.0
#define TREND_W 300.0
#define TREND_H 90.0
#define PAD_L 22.0
#define PAD_B 12.0

void svg_balance(struct buf *out, const unsigned long words[3], double lo, double hi,
		 int has_share, double share, const char *label)
{
	static const char *const cls[3] = { "bus", "mix", "soc" };
	unsigned long all = words[0] + words[1] + words[2];
	double x = 0, w;
	size_t i;

	buf_addf(out, "<svg class=\"balance\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">",
		 BAR_W, BAR_H + 10, label);
	buf_addf(out, "<title>%s</title>", label);
	if (!all)
		buf_addf(out, "<rect class=\"neu\" x=\"0\" y=\"4\" width=\"%.0f\" height=\"%.0f\"/>",
			 BAR_W, BAR_H - 8);
	for (i = 0; all && i < 3; i++) {
		w = BAR_W * (double)words[i] / (double)all;
		if (w > 0)
			buf_addf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"%.0f\"/>",
				 cls[i], x, w, BAR_H - 8);
		x += w;
	}
	/* the band, on the social share's axis: 0 % at the right end */
	buf_addf(out, "<rect class=\"band\" x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%.0f\"/>",
		 BAR_W * (1 - hi / 100), BAR_W * (hi - lo) / 100, BAR_H);
	buf_addf(out, "<line class=\"bandline\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%.0f\"/>",
		 BAR_W * (1 - hi / 100), BAR_W * (1 - hi / 100), BAR_H);
	buf_addf(out, "<line class=\"bandline\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%.0f\"/>",
		 BAR_W * (1 - lo / 100), BAR_W * (1 - lo / 100), BAR_H);
	if (has_share)
		buf_addf(out, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%.0f\"/>",
			 BAR_W * (1 - share), BAR_W * (1 - share), BAR_H);
	buf_addf(out, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">target %.0f-%.0f %% social</text>",
		 BAR_W * (1 - (lo + hi) / 200), BAR_H + 8, lo, hi);
	buf_adds(out, "</svg>");
}

static double px(size_t i, size_t n)
{
	return n > 1 ? PAD_L + (TREND_W - PAD_L - 4) * (double)i / (double)(n - 1)
		     : PAD_L + (TREND_W - PAD_L) / 2;
}

static double py(double share)
{
	return 4 + (TREND_H - PAD_B - 4) * (1 - share);
}

void svg_trend(struct buf *out, size_t n, const char *const *names, const double *share,
	       const int *has, double lo, double hi, const char *label)
{
	size_t i;
	int open = 0;

	buf_addf(out, "<svg class=\"trend-chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">",
		 TREND_W, TREND_H, label);
	buf_addf(out, "<title>%s</title>", label);
	buf_addf(out, "<rect class=\"band\" x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\"/>",
		 PAD_L, py(hi / 100), TREND_W - PAD_L, py(lo / 100) - py(hi / 100));
	buf_addf(out, "<line class=\"axis\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>",
		 PAD_L, TREND_W, py(0), py(0));
	buf_addf(out, "<line class=\"axis\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>",
		 PAD_L, TREND_W, py(1), py(1));
	buf_addf(out, "<text x=\"0\" y=\"%.1f\">100%%</text><text x=\"8\" y=\"%.1f\">0%%</text>",
		 py(1) + 3, py(0) + 2);
	for (i = 0; i < n; i++) {
		if (!has[i]) {
			if (open)
				buf_adds(out, "\"/>");
			open = 0;
			continue;
		}
		if (!open)
			buf_adds(out, "<polyline class=\"trend\" points=\"");
		buf_addf(out, "%s%.1f,%.1f", open ? " " : "", px(i, n), py(share[i]));
		open = 1;
	}
	if (open)
		buf_adds(out, "\"/>");
	for (i = 0; i < n; i++)
		if (has[i])
			buf_addf(out, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>",
				 px(i, n), py(share[i]));
	if (n) {
		buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\">%s</text>", PAD_L, TREND_H - 1, names[0]);
		if (n > 1)
			buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%s</text>",
				 TREND_W, TREND_H - 1, names[n - 1]);
	}
	buf_adds(out, "</svg>");
}
