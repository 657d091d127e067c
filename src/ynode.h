/*
 * ynode: a small YAML value tree built with libyaml's event API, for front
 * matter, rule files and the configuration.
 *
 * The reader refuses what notes and rules have no use for and what makes
 * YAML dangerous: anchors, aliases and tags; nesting deeper than the
 * `yaml-depth` limit; more than `yaml-events` events; a scalar longer than
 * `scalar` bytes (limits.h); more than one document.  Depth is counted in
 * banter's own event loop (libyaml 0.2.5 has no limit, and its cost grows
 * with the square of the depth), so a deep document stops at the limit.  Values are never typed
 * here (no YAML 1.1 guessing): every scalar is a string with its length,
 * and callers type the fields they know.
 *
 * Every error names PATH:LINE:COL of the file, given where the YAML text
 * starts in it (COL in characters, or for a note's front matter in bytes).
 *
 * Layer: primitives.  Calls buf, diag, esc, limits and util (and
 * libyaml); never a later stage, so notes, rule files and the
 * configuration read YAML alike.
 */
#ifndef BANTER_YNODE_H
#define BANTER_YNODE_H

#include <stddef.h>

struct diag;
struct limits;

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP
};

struct ynode {
	enum ynode_kind kind;
	unsigned line;		/* of the file */
	unsigned col;		/* of the file, counting bytes from 1 */
	char *str;		/* scalars: NUL-terminated, may hold NULs: use len */
	size_t len;
	int plain;		/* a plain (unquoted) scalar */
	struct ynode **kids;	/* seq: items; map: key, value, key, value... */
	size_t n;
	size_t alloc;
};

/*
 * Parses text[0, len), which begins at line `line0`, column 1 of `path`.
 * `what` names the text in messages ("front matter", "rule file").
 * On success returns 0 and sets *root (NULL for an empty or comment-only
 * document); on error reports it and returns -1.  The caller frees the
 * tree with ynode_free.
 */
int ynode_parse(const char *text, size_t len, unsigned line0, const char *path,
		const char *what, struct diag *d, struct ynode **root);

/* The same under the given limits (NULL: limits_default).  Columns, of the
 * nodes and in messages, count bytes from 1, though libyaml counts
 * characters. */
int ynode_parse_limits(const char *text, size_t len, unsigned line0, const char *path,
		       const char *what, const struct limits *lim, struct diag *d,
		       struct ynode **root);

/*
 * How a byte column of the text becomes a column of the file, for a text
 * whose bytes were repaired after it was read (a note's U+FFFD, each put
 * for one invalid byte): fn(arg, off, col) is given the offset in text
 * and the byte column there, and returns the file's column.
 */
struct ynode_cols {
	unsigned (*fn)(void *arg, size_t off, unsigned col);
	void *arg;
};

/* The same, with every column, of the nodes and in messages, passed
 * through `cols` (NULL: byte columns of the text). */
int ynode_parse_cols(const char *text, size_t len, unsigned line0, const char *path,
		     const char *what, const struct limits *lim, const struct ynode_cols *cols,
		     struct diag *d, struct ynode **root);

/* Frees a tree (NULL is fine).  Iterative: no depth can exhaust the stack. */
void ynode_free(struct ynode *node);

/* Number of entries of a mapping, and its i-th key and value. */
#define ynode_map_size(m) ((m)->n / 2)
#define ynode_key(m, i) ((m)->kids[2 * (i)])
#define ynode_value(m, i) ((m)->kids[2 * (i) + 1])

/* "a string", "a list", "a mapping": for messages. */
const char *ynode_kind_name(enum ynode_kind kind);

/* Whether v is a plain scalar YAML reads as null: empty, ~ or null. */
int ynode_is_null(const struct ynode *v);

#endif
