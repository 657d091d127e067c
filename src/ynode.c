#include "ynode.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "limits.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

int ynode_is_null(const struct ynode *v)
{
	return v->kind == YNODE_SCALAR && v->plain &&
	       (v->len == 0 || span_ieq(v->str, v->len, "~") || span_ieq(v->str, v->len, "null"));
}

const char *ynode_kind_name(enum ynode_kind kind)
{
	switch (kind) {
	case YNODE_SCALAR:
		return "a string";
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a mapping";
	}
	return "a value";
}

void ynode_free(struct ynode *node)
{
	/* Each node's kids are pushed on an explicit stack, since the depth
	 * limit can be raised far beyond what recursion would bear. */
	struct ynode **todo = NULL;
	size_t n = 0, alloc = 0, i;

	if (!node)
		return;
	todo = xgrow(todo, sizeof(*todo), 1, &alloc);
	todo[n++] = node;
	while (n) {
		node = todo[--n];
		todo = xgrow(todo, sizeof(*todo), n + node->n, &alloc);
		for (i = 0; i < node->n; i++)
			todo[n++] = node->kids[i];
		free(node->kids);
		free(node->str);
		free(node);
	}
	free(todo);
}

struct reader {
	const char *text;
	size_t len;
	unsigned line0;
	const char *path;
	const char *what;
	struct diag *d;
	/* the file's columns, when its bytes were repaired (may be NULL) */
	const struct ynode_cols *cols;
	/* where the last position was found: libyaml's marks mostly move
	 * forward, so each is looked for from the one before */
	size_t line;		/* libyaml's line (0-based) */
	size_t bol;		/* its first byte in text */
	size_t ccol;		/* a character column on it */
	size_t off;		/* and its byte */
};

/*
 * The file's line and column of a libyaml mark.  libyaml counts columns in
 * characters; they are turned into bytes of the file, as every column
 * banter prints is (the text is UTF-8; a note's U+FFFD repairs are undone
 * by the caller's ynode_cols).
 */
static void mark_pos(struct reader *r, const yaml_mark_t *m, unsigned *line, unsigned *col)
{
	const char *t = r->text;
	size_t len = r->len;

	*line = r->line0 + (unsigned)m->line;
	if (m->line < r->line || (m->line == r->line && m->column < r->ccol))
		r->line = r->ccol = r->off = r->bol = 0;
	if (!r->line && !r->off && r->len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3)) {
		/* libyaml counts a byte order mark as a character; it takes no
		 * column, as in editors (a note's BOM is before its front matter) */
		r->off = r->bol = 3;
		r->ccol = 1;
	}
	while (r->line < m->line && r->off < len) {
		/* to the next line, ends as libyaml and text_line_col count them */
		while (r->off < len && t[r->off] != '\n' && t[r->off] != '\r')
			r->off++;
		if (r->off < len && t[r->off] == '\r' && r->off + 1 < len && t[r->off + 1] == '\n')
			r->off++;
		if (r->off < len)
			r->off++;
		r->bol = r->off;
		r->ccol = 0;
		r->line++;
	}
	while (r->ccol < m->column && r->off < len && t[r->off] != '\n' && t[r->off] != '\r') {
		size_t n = utf8_seq_len((const unsigned char *)t + r->off, len - r->off);

		r->off += n ? n : 1;
		r->ccol++;
	}
	/* a mark past the line's end (or the text's) stays as far past */
	*col = (unsigned)(r->off - r->bol) + 1;
	if (r->cols)
		*col = r->cols->fn(r->cols->arg, r->off, *col);
	if (m->column > r->ccol)
		*col += (unsigned)(m->column - r->ccol);
}

static struct ynode *new_node(enum ynode_kind kind, struct reader *r,
			      const yaml_mark_t *mark)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	mark_pos(r, mark, &n->line, &n->col);
	return n;
}

static void add_kid(struct ynode *parent, struct ynode *kid)
{
	parent->kids = xgrow(parent->kids, sizeof(*parent->kids), parent->n + 1, &parent->alloc);
	parent->kids[parent->n++] = kid;
}

static void report_parser_error(struct reader *r, const yaml_parser_t *p)
{
	unsigned line, col;
	size_t off;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		diag_error(r->d, r->path, 0, 0, "%s: out of memory", r->what);
		break;
	case YAML_READER_ERROR:
		/* libyaml gives only a byte offset for reader errors. */
		off = p->problem_offset < r->len ? p->problem_offset : r->len;
		text_line_col(r->text, 0, r->line0, off, &line, &col);
		if (r->cols)
			col = r->cols->fn(r->cols->arg, off, col);
		/* problem_value is a byte for the "octet" problems, -1 when
		 * there is none, else a code point */
		if (p->problem_value < 0)
			diag_error(r->d, r->path, line, col, "%s: %s", r->what,
				   p->problem ? p->problem : "unreadable text");
		else if (p->problem && strstr(p->problem, "octet"))
			diag_error(r->d, r->path, line, col, "%s: %s (byte 0x%02X)", r->what,
				   p->problem, (unsigned)p->problem_value);
		else
			diag_error(r->d, r->path, line, col, "%s: %s (U+%04X)", r->what,
				   p->problem ? p->problem : "unreadable text",
				   (unsigned)p->problem_value);
		break;
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
	case YAML_COMPOSER_ERROR:
		mark_pos(r, &p->problem_mark, &line, &col);
		if (p->context && p->context_mark.line != p->problem_mark.line)
			diag_error(r->d, r->path, line, col, "%s: %s %s that starts at line %u",
				   r->what, p->problem ? p->problem : "syntax error", p->context,
				   r->line0 + (unsigned)p->context_mark.line);
		else if (p->context)
			diag_error(r->d, r->path, line, col, "%s: %s %s", r->what,
				   p->problem ? p->problem : "syntax error", p->context);
		else
			diag_error(r->d, r->path, line, col, "%s: %s", r->what,
				   p->problem ? p->problem : "syntax error");
		break;
	default:
		diag_error(r->d, r->path, 0, 0, "%s: unknown YAML error", r->what);
		break;
	}
}

/* `arg` (an anchor or tag name) comes from the text: a tag may carry any
 * byte as a %-escape, so it is escaped before it reaches a terminal. */
static void event_error(struct reader *r, const yaml_event_t *ev, const char *msg,
			const char *arg)
{
	struct buf name = BUF_INIT;
	unsigned line, col;

	if (arg)
		esc_text(&name, arg, strlen(arg), 0);
	mark_pos(r, &ev->start_mark, &line, &col);
	diag_error(r->d, r->path, line, col, "%s: %s%s%s", r->what, msg,
		   name.ptr, arg ? "')" : "");
	buf_release(&name);
}

/* The same with a formatted message (a limit and its value). */
static void event_error_n(struct reader *r, const yaml_event_t *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void event_error_n(struct reader *r, const yaml_event_t *ev, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	event_error(r, ev, msg, NULL);
}

int ynode_parse(const char *text, size_t len, unsigned line0, const char *path,
		const char *what, struct diag *d, struct ynode **root)
{
	return ynode_parse_cols(text, len, line0, path, what, NULL, NULL, d, root);
}

/*
 * libyaml reads YAML 1.1, where NEL (U+0085) and the line and paragraph
 * separators (U+2028, U+2029) end lines, but no editor shows them as line
 * ends and banter's lines do not count them: "title: x<U+2028>client:
 * Evil" would set a client nobody sees, and every later position would be
 * a line out.  They are read as spaces instead (YAML 1.2 takes them as
 * ordinary characters), byte for byte so that no column moves.  Returns a
 * copy to free, or NULL when the text has none.
 */
static char *blank_unicode_breaks(const char *text, size_t len)
{
	char *copy = NULL;
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		size_t n = 0;

		if ((unsigned char)text[i] == 0xC2 && (unsigned char)text[i + 1] == 0x85)
			n = 2;
		else if (i + 2 < len && (unsigned char)text[i] == 0xE2 &&
			 (unsigned char)text[i + 1] == 0x80 &&
			 ((unsigned char)text[i + 2] == 0xA8 || (unsigned char)text[i + 2] == 0xA9))
			n = 3;
		if (!n)
			continue;
		if (!copy) {
			copy = xmalloc(len + 1);
			memcpy(copy, text, len);
			copy[len] = '\0';
		}
		memset(copy + i, ' ', n);
		i += n - 1;
	}
	return copy;
}

int ynode_parse_limits(const char *text, size_t len, unsigned line0, const char *path,
		       const char *what, const struct limits *lim, struct diag *d,
		       struct ynode **root)
{
	return ynode_parse_cols(text, len, line0, path, what, lim, NULL, d, root);
}

/* The nodes being built: the root, and the collections still open. */
struct tree {
	struct ynode **root;
	struct ynode **stack;
	size_t depth;
	size_t alloc;
};

/* The anchor and the tag of an event that may carry them. */
static void event_props(const yaml_event_t *ev, const char **anchor, const char **tag)
{
	*anchor = *tag = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		*anchor = (const char *)ev->data.scalar.anchor;
		*tag = (const char *)ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		*anchor = (const char *)ev->data.sequence_start.anchor;
		*tag = (const char *)ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		*anchor = (const char *)ev->data.mapping_start.anchor;
		*tag = (const char *)ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
}

/*
 * Reads one event: sets *node to the node it starts, if any.  Returns 1
 * at the end of the stream, 0 to go on, or -1 after reporting what banter
 * refuses.
 */
static int read_event(struct reader *r, const yaml_event_t *ev, const struct limits *lim,
		      int *docs, struct tree *t, struct ynode **node)
{
	const char *anchor, *tag;

	*node = NULL;
	event_props(ev, &anchor, &tag);
	switch (ev->type) {
	case YAML_NO_EVENT:
		/* libyaml's answer after an error it did not report */
		diag_error(r->d, r->path, 0, 0, "%s: unreadable YAML", r->what);
		return -1;
	case YAML_STREAM_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		break;
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			event_error(r, ev, "more than one YAML document", NULL);
			return -1;
		}
		break;
	case YAML_ALIAS_EVENT:
		event_error(r, ev, "aliases are not supported ('*",
			    (const char *)ev->data.alias.anchor);
		return -1;
	case YAML_SCALAR_EVENT:
		if (!anchor && !tag && ev->data.scalar.length > lim->scalar) {
			event_error_n(r, ev, "a value longer than %lu bytes (limit 'scalar')",
				      (unsigned long)lim->scalar);
			return -1;
		}
		if (!anchor && !tag) {
			*node = new_node(YNODE_SCALAR, r, &ev->start_mark);
			(*node)->str = xstrndup((const char *)ev->data.scalar.value,
						ev->data.scalar.length);
			(*node)->len = ev->data.scalar.length;
			(*node)->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		}
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (!anchor && !tag)
			*node = new_node(ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ : YNODE_MAP,
					 r, &ev->start_mark);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (t->depth)
			t->depth--;
		break;
	}
	if (anchor) {
		event_error(r, ev, "anchors are not supported ('&", anchor);
		return -1;
	}
	if (tag) {
		event_error(r, ev, "tags are not supported ('", tag);
		return -1;
	}
	return 0;
}

/* Puts a new node in the tree, and a collection on the stack of those
 * open.  Returns 0, or -1 after reporting nesting past the limit. */
static int put_node(struct reader *r, const yaml_event_t *ev, const struct limits *lim,
		    struct tree *t, struct ynode *node)
{
	if (t->depth)
		add_kid(t->stack[t->depth - 1], node);
	else
		*t->root = node;
	if (node->kind == YNODE_SCALAR)
		return 0;
	if (t->depth == lim->yaml_depth) {
		event_error_n(r, ev, "nesting deeper than %lu levels (limit 'yaml-depth')",
			      (unsigned long)lim->yaml_depth);
		return -1;
	}
	t->stack = xgrow(t->stack, sizeof(*t->stack), t->depth + 1, &t->alloc);
	t->stack[t->depth++] = node;
	return 0;
}

int ynode_parse_cols(const char *text, size_t len, unsigned line0, const char *path,
		     const char *what, const struct limits *lim, const struct ynode_cols *cols,
		     struct diag *d, struct ynode **root)
{
	char *blanked = blank_unicode_breaks(text, len);
	struct reader r = { blanked ? blanked : text, len, line0, path, what, d, cols, 0, 0, 0, 0 };
	struct tree t = { root, NULL, 0, 0 };
	unsigned long events = 0;
	int docs = 0, got = 0, ret = -1;
	yaml_parser_t parser;
	yaml_event_t ev;

	*root = NULL;
	if (!lim)
		lim = &limits_default;
	if (!yaml_parser_initialize(&parser)) {
		diag_error(d, path, 0, 0, "%s: out of memory", what);
		free(blanked);
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)r.text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!got) {
		struct ynode *node;

		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&r, &parser);
			goto out;
		}
		if (++events > lim->yaml_events) {
			event_error_n(&r, &ev, lim == &limits_default || !strcmp(r.what, "front matter")
					       ? "more than %lu YAML events (limit 'yaml-events')"
					       : "more than %lu YAML events, the most one may hold",
				      lim->yaml_events);
			got = -1;
		} else {
			got = read_event(&r, &ev, lim, &docs, &t, &node);
			if (!got && node)
				got = put_node(&r, &ev, lim, &t, node);
		}
		yaml_event_delete(&ev);
		if (got < 0)
			goto out;
	}
	ret = 0;
out:
	yaml_parser_delete(&parser);
	free(t.stack);
	free(blanked);
	if (ret < 0) {
		ynode_free(*root);
		*root = NULL;
	}
	return ret;
}
