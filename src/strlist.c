#include "strlist.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void strlist_add(struct strlist *l, const char *s, size_t len)
{
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	l->v[l->n++] = xstrndup(s, len);
}

void strlist_release(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

int strlist_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort_unique(struct strlist *l)
{
	size_t i, j;

	if (!l->n)
		return;
	qsort(l->v, l->n, sizeof(*l->v), strlist_cmp);
	for (i = j = 1; i < l->n; i++) {
		if (strcmp(l->v[i], l->v[j - 1]) == 0) {
			free(l->v[i]);
			continue;
		}
		l->v[j++] = l->v[i];
	}
	l->n = j;
}
