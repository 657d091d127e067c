#include "limits.h"
#include "buf.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const struct limits limits_default = {
	.file_size = (size_t)8 << 20,
	.front_matter = (size_t)64 << 10,
	.yaml_depth = 64,
	.yaml_events = 100000,
	.scalar = (size_t)64 << 10,
	.passage = (size_t)64 << 10,
	.match_limit = 1000000,
	.depth_limit = 100000,
	.heap_limit = 64 * 1024,
	.jit_stack = (size_t)8 << 20,
	.regex_budget = 50000000,
};

enum kind { K_SIZE, K_UINT, K_ULONG, K_U32 };

static const struct {
	const char *name;
	size_t offset;
	enum kind kind;
	unsigned long long min;
	unsigned long long max;
	const char *what;
} table[] = {
	{ "file-size", offsetof(struct limits, file_size), K_SIZE, 1, 1ULL << 40,
	  "bytes of one note; larger notes are skipped" },
	{ "front-matter", offsetof(struct limits, front_matter), K_SIZE, 1, 1ULL << 30,
	  "bytes of one note's front matter" },
	{ "yaml-depth", offsetof(struct limits, yaml_depth), K_UINT, 1, 10000,
	  "nesting of lists and mappings in YAML" },
	{ "yaml-events", offsetof(struct limits, yaml_events), K_ULONG, 1, 100000000,
	  "YAML events (keys, values, lists) in one front matter" },
	{ "scalar", offsetof(struct limits, scalar), K_SIZE, 1, 1ULL << 30,
	  "bytes of one YAML value" },
	{ "passage", offsetof(struct limits, passage), K_SIZE, 64, 1ULL << 30,
	  "bytes of one passage that are classified" },
	{ "match", offsetof(struct limits, match_limit), K_U32, 1, 4000000000ULL,
	  "PCRE2 match limit of one regex match" },
	{ "depth", offsetof(struct limits, depth_limit), K_U32, 1, 4000000000ULL,
	  "PCRE2 backtracking depth of one match (without the JIT)" },
	{ "heap", offsetof(struct limits, heap_limit), K_U32, 1, 4000000000ULL,
	  "PCRE2 heap of one match, in KiB (without the JIT)" },
	{ "jit-stack", offsetof(struct limits, jit_stack), K_SIZE, 32768, 1ULL << 30,
	  "bytes of PCRE2 JIT stack per thread" },
	{ "regex-budget", offsetof(struct limits, regex_budget), K_ULONG, 1, 1ULL << 50,
	  "regex steps one note may cost, over --rules files' rules" },
};

#define NLIMITS (sizeof(table) / sizeof(table[0]))

static int parse_value(const char *s, unsigned long long *v)
{
	char *end;
	unsigned long long mult = 1;

	if (!is_digit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	if (*end == 'K' || *end == 'k')
		mult = 1ULL << 10;
	else if (*end == 'M' || *end == 'm')
		mult = 1ULL << 20;
	else if (*end == 'G' || *end == 'g')
		mult = 1ULL << 30;
	else if (*end)
		return -1;
	if (mult > 1 && end[1])
		return -1;
	if (*v > ~0ULL / mult)
		return -1;
	*v *= mult;
	return 0;
}

int limits_set(struct limits *l, const char *spec, struct buf *err)
{
	const char *eq = strchr(spec, '=');
	unsigned long long v;
	size_t i, n = eq ? (size_t)(eq - spec) : strlen(spec);
	char *p;

	for (i = 0; i < NLIMITS; i++)
		if (strlen(table[i].name) == n && memcmp(spec, table[i].name, n) == 0)
			break;
	if (i == NLIMITS) {
		buf_addf(err, "unknown limit '%.*s' (see 'banter --help')", (int)n, spec);
		return -1;
	}
	if (!eq || parse_value(eq + 1, &v) < 0 || v < table[i].min || v > table[i].max) {
		buf_addf(err, "limit '%s' wants a whole number from %llu to %llu (K, M, G allowed)",
			 table[i].name, table[i].min, table[i].max);
		return -1;
	}
	p = (char *)l + table[i].offset;
	switch (table[i].kind) {
	case K_SIZE:
		*(size_t *)(void *)p = (size_t)v;
		break;
	case K_UINT:
		*(unsigned *)(void *)p = (unsigned)v;
		break;
	case K_ULONG:
		*(unsigned long *)(void *)p = (unsigned long)v;
		break;
	case K_U32:
		*(uint32_t *)(void *)p = (uint32_t)v;
		break;
	}
	return 0;
}

void limits_describe(struct buf *out)
{
	const char *base = (const char *)&limits_default;
	unsigned long long v = 0;
	size_t i;

	for (i = 0; i < NLIMITS; i++) {
		const char *p = base + table[i].offset;

		switch (table[i].kind) {
		case K_SIZE:
			v = *(const size_t *)(const void *)p;
			break;
		case K_UINT:
			v = *(const unsigned *)(const void *)p;
			break;
		case K_ULONG:
			v = *(const unsigned long *)(const void *)p;
			break;
		case K_U32:
			v = *(const uint32_t *)(const void *)p;
			break;
		}
		buf_addf(out, "      %-14s %-10llu %s\n", table[i].name, v, table[i].what);
	}
}
