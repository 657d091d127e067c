/*
 * buf: a growable byte buffer.  An initialised buffer is never NULL and is
 * always NUL-terminated, so `ptr` can be passed where a C string is wanted
 * (binary content may still hold NULs: use `len`).  The buffer owns `ptr`.
 *
 * Layer: primitives.  Calls util only.
 */
#ifndef BANTER_BUF_H
#define BANTER_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len;
	size_t cap;	/* 0 while ptr points at the shared empty string */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_init(struct buf *b);
/* Frees the contents; the buffer is empty and usable afterwards. */
void buf_release(struct buf *b);
/* Makes room for `extra` more bytes (plus the terminating NUL). */
void buf_grow(struct buf *b, size_t extra);
/* Empties the buffer, keeping its storage. */
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Adds `n` copies of the byte c. */
void buf_addrep(struct buf *b, int c, size_t n);
/* Hands the storage to the caller (who frees it) and empties the buffer. */
char *buf_detach(struct buf *b, size_t *len);

#endif
