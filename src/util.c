#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void die_oom(void)
{
	fputs("banter: error: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xgrow(void *ptr, size_t size, size_t need, size_t *alloc)
{
	size_t n;

	if (need <= *alloc)
		return ptr;
	n = *alloc ? *alloc : 8;
	while (n < need) {
		if (n > ((size_t)-1 / 2) / size)
			die_oom();
		n *= 2;
	}
	*alloc = n;
	return xrealloc(ptr, n * size);
}

char *xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

int span_ieq(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen; i++)
		if (!b[i] || to_lower((unsigned char)a[i]) != to_lower((unsigned char)b[i]))
			return 0;
	return b[alen] == '\0';
}

const char *span_find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	const char *p = hay, *end = hay + hlen;

	if (!nlen)
		return hay;
	while (hlen >= nlen && (p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1))) {
		if (memcmp(p, needle, nlen) == 0)
			return p;
		p++;
		if ((size_t)(end - p) < nlen)
			break;
	}
	return NULL;
}

struct key_at {
	const char *key;
	size_t at;
};

static int cmp_key_at(const void *a, const void *b)
{
	const struct key_at *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->at < y->at ? -1 : x->at > y->at;
}

void mark_repeats(char *const *keys, size_t n, char *again)
{
	struct key_at *k;
	size_t i;

	if (!n)
		return;
	k = xcalloc(n, sizeof(*k));
	for (i = 0; i < n; i++) {
		k[i].key = keys[i];
		k[i].at = i;
		again[i] = 0;
	}
	qsort(k, n, sizeof(*k), cmp_key_at);
	for (i = 1; i < n; i++)
		if (strcmp(k[i].key, k[i - 1].key) == 0)
			again[k[i].at] = 1;
	free(k);
}

void text_line_col(const char *text, size_t base, unsigned line0, size_t off,
		   unsigned *line, unsigned *col)
{
	size_t i, bol = base;
	unsigned l = line0;

	for (i = base; i < off; i++) {
		if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n')) {
			l++;
			bol = i + 1;
		}
	}
	*line = l;
	*col = (unsigned)(off - bol) + 1;
}

void span_trim(const char **s, size_t *len)
{
	while (*len && is_space((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_space((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

int span_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

int span_num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}
