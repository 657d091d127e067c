/*
 * limits: every bound banter puts on the work one input may cause, so that
 * no note or rule can make a run crash, hang or exhaust memory.  Each has a
 * default and can be set with --limit NAME=VALUE (see limits_names).
 * Hitting a limit is reported, naming the file and line, and the run goes
 * on.
 *
 * Layer: primitives.  Calls buf only.
 */
#ifndef BANTER_LIMITS_H
#define BANTER_LIMITS_H

#include <stddef.h>
#include <stdint.h>

struct buf;

struct limits {
	size_t file_size;		/* bytes of one note */
	size_t front_matter;		/* bytes of YAML between the fences */
	unsigned yaml_depth;		/* nesting of lists and mappings */
	unsigned long yaml_events;	/* libyaml events in one front matter */
	size_t scalar;			/* bytes of one YAML value */
	size_t passage;			/* bytes of one passage that are classified */
	uint32_t match_limit;		/* PCRE2 match limit, per match call */
	uint32_t depth_limit;		/* PCRE2 depth limit (interpreter) */
	uint32_t heap_limit;		/* PCRE2 heap limit, KiB (interpreter) */
	size_t jit_stack;		/* PCRE2 JIT stack, bytes at most */
	unsigned long regex_budget;	/* regex steps for one note, over the rules of --rules files
					 * (the built-in ones are known to be linear) */
};

extern const struct limits limits_default;

/* Sets one limit from "NAME=VALUE" (VALUE may end in K, M or G).  Returns
 * 0, or -1 with a message in `err`. */
int limits_set(struct limits *l, const char *spec, struct buf *err);

/* Appends one line per limit, "  NAME  (default N): what it bounds". */
void limits_describe(struct buf *out);

#endif
