/*
 * strlist: a growable list of owned, NUL-terminated strings.
 *
 * Layer: primitives.  Calls util only.
 */
#ifndef BANTER_STRLIST_H
#define BANTER_STRLIST_H

#include <stddef.h>

struct strlist {
	char **v;
	size_t n;
	size_t alloc;
};

/* Appends a copy of s[0, len). */
void strlist_add(struct strlist *l, const char *s, size_t len);
/* Frees the strings and the array; the list is empty again. */
void strlist_release(struct strlist *l);
/* Sorts the strings in byte order (strcmp) and frees repeats. */
void strlist_sort_unique(struct strlist *l);
/* The qsort comparison of two `char *`, by strcmp. */
int strlist_cmp(const void *a, const void *b);

#endif
