#include "esc.h"
#include "buf.h"
#include "util.h"
#include "width.h"

size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		n = 2;
		cp = c & 0x1F;
	} else if (c < 0xF0) {
		n = 3;
		cp = c & 0x0F;
	} else if (c < 0xF5) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

size_t utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

size_t utf8_repair(struct buf *b, size_t from, size_t *first)
{
	struct buf out = BUF_INIT;
	size_t i = from, ok, bad = 0;

	if (first)
		*first = b->len;
	for (;;) {
		ok = utf8_check(b->ptr + i, b->len - i);
		if (i + ok >= b->len)
			break;
		if (!bad) {
			if (first)
				*first = i + ok;
			buf_add(&out, b->ptr, i + ok);
		} else {
			buf_add(&out, b->ptr + i, ok);
		}
		buf_adds(&out, UTF8_REPLACEMENT);
		bad++;
		i += ok + 1;
	}
	if (bad) {
		buf_add(&out, b->ptr + i, b->len - i);
		buf_release(b);
		*b = out;
	}
	return bad;
}

unsigned long utf8_decode(const unsigned char *s, size_t n)
{
	unsigned long cp = n == 2 ? s[0] & 0x1F : n == 3 ? s[0] & 0x0F : s[0] & 0x07;
	size_t i;

	for (i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	return cp;
}

int esc_is_bidi(unsigned long cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0x2028 || cp == 0x2029;
}

void esc_text(struct buf *out, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	int space = 0;

	while (i < len) {
		unsigned c = p[i];

		if ((flags & ESC_FOLD_SPACE) && is_space((int)c)) {
			space = 1;
			i++;
			continue;
		}
		if (space) {
			buf_addch(out, ' ');
			space = 0;
		}
		if (c >= 0x80) {
			n = utf8_seq_len(p + i, len - i);
			if (!n) {
				buf_addf(out, "\\x%02X", c);
				i++;
				continue;
			}
			unsigned long cp = utf8_decode(p + i, n);
			if ((cp >= 0x80 && cp <= 0x9F) || esc_is_bidi(cp))
				buf_addf(out, "\\u%04lX", cp);
			else
				buf_add(out, p + i, n);
			i += n;
			continue;
		}
		if (c == '\t' && (flags & ESC_KEEP_TAB))
			buf_addch(out, '\t');
		else if (c == '\n')
			buf_adds(out, "\\n");
		else if (c == '\r')
			buf_adds(out, "\\r");
		else if (c == '\t')
			buf_adds(out, "\\t");
		else if (c == '\\' && (flags & ESC_DATA))
			buf_adds(out, "\\\\");
		else if (c == ';' && (flags & ESC_LIST))
			buf_adds(out, "\\;");
		else if (c < 0x20 || c == 0x7F)
			buf_addf(out, "\\x%02X", c);
		else
			buf_addch(out, (int)c);
		i++;
	}
	if (space)
		buf_addch(out, ' ');
}

static int in_ranges(const struct width_range *r, size_t n, unsigned long cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Columns of one code point: a terminal shows marks on the character
 * before them, and East Asian wide characters (CJK, most emoji) in two. */
static size_t cp_width(unsigned long cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(width_zero, sizeof(width_zero) / sizeof(width_zero[0]), cp))
		return 0;
	return in_ranges(width_wide, sizeof(width_wide) / sizeof(width_wide[0]), cp) ? 2 : 1;
}

size_t utf8_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0, n;

	while (i < len) {
		if (p[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (!n) {
			w++;
			i++;
			continue;
		}
		unsigned long cp = utf8_decode(p + i, n);
		w += cp_width(cp);
		i += n;
	}
	return w;
}

const char *esc_span(struct buf *b, const char *s, size_t len)
{
	buf_reset(b);
	esc_text(b, s, len, 0);
	return b->ptr;
}
