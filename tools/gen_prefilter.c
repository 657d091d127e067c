/*
 * gen_prefilter: writes a C file defining prefilter_builtin[] (prefilter.h):
 * for each built-in rule, in order, its pattern and the strings the
 * prefilter's automaton takes from it, read by the same code
 * (prefilter_rule_strings) that reads other rules when banter starts.
 * Reading the built-in patterns was most of banter's start-up.
 *
 * With --code, the built-in rules compiled and serialized instead
 * (rules.h, rules_code): decoding them is a copy, compiling them was a
 * third of start-up.
 *
 * Linked with banter's library but for the files it writes, so it defines
 * empty tables of its own.
 */
#include "diag.h"
#include "literal.h"
#include "prefilter.h"
#include "rules.h"
#include "rules_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct prefilter_rule prefilter_builtin[1];
const size_t prefilter_builtin_n = 0;
const unsigned char rules_code[1];
const size_t rules_code_len = 0;
const size_t rules_code_n = 0;
const char *const rules_code_pattern[1];
const size_t rules_code_pattern_len[1];

/* Bytes as a C string literal: octal escapes for all but plain ASCII, and
 * a line break every so often. */
static void put_string(const char *s, size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i && i % 64 == 0)
			fputs("\"\n\t\"", stdout);
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?')
			putchar(c);
		else
			printf("\\%03o", c);
	}
	putchar('"');
}

/* --code: the built-in rules compiled and serialized, for rules.c. */
static int put_code(struct ruleset *rs, struct diag *d)
{
	const pcre2_code **codes = calloc(rs->n ? rs->n : 1, sizeof(*codes));
	uint8_t *bytes = NULL;
	PCRE2_SIZE size = 0;
	size_t i;

	if (!codes || ruleset_compile(rs, d) < 0) {
		fputs("gen_prefilter: the built-in rules do not compile\n", stderr);
		return 2;
	}
	for (i = 0; i < rs->n; i++)
		codes[i] = rs->v[i].re;
	if (pcre2_serialize_encode(codes, (int32_t)rs->n, &bytes, &size, NULL) != (int32_t)rs->n) {
		fputs("gen_prefilter: cannot serialize the built-in rules\n", stderr);
		return 2;
	}
	printf("/* Made by tools/gen_prefilter.c --code from rules/default.yaml. */\n"
	       "#include \"rules.h\"\n\nconst unsigned char rules_code[] = {\n");
	for (i = 0; i < size; i++)
		printf("%u,%s", bytes[i], (i + 1) % 24 ? "" : "\n");
	printf("0};\nconst size_t rules_code_len = %zu;\nconst size_t rules_code_n = %zu;\n",
	       (size_t)size, rs->n);
	printf("const char *const rules_code_pattern[] = {\n");
	for (i = 0; i < rs->n; i++) {
		printf("\t");
		put_string(rs->v[i].pattern, rs->v[i].pattern_len);
		printf(",\n");
	}
	printf("\t\"\"\n};\nconst size_t rules_code_pattern_len[] = {\n");
	for (i = 0; i < rs->n; i++)
		printf("\t%zu,\n", rs->v[i].pattern_len);
	printf("\t0\n};\n");
	pcre2_serialize_free(bytes);
	free(codes);
	ruleset_release(rs);
	return ferror(stdout) || fflush(stdout) ? 2 : 0;
}

int main(int argc, char **argv)
{
	struct ruleset rs;
	struct diag d;
	size_t i, k;

	ruleset_init(&rs);
	diag_init(&d, stderr);
	if (ruleset_add_builtin(&rs, &d) < 0) {
		fputs("gen_prefilter: the built-in rules do not load\n", stderr);
		return 2;
	}
	if (argc > 1 && strcmp(argv[1], "--code") == 0)
		return put_code(&rs, &d);
	printf("/* Made by tools/gen_prefilter.c from rules/default.yaml. */\n"
	       "#include \"prefilter.h\"\n\n");
	for (i = 0; i < rs.n; i++) {
		struct litset set = { 0, NULL, 0 };
		struct prefilter_lit *v;

		if (!prefilter_rule_strings(rs.v[i].pattern, rs.v[i].pattern_len, &set, &v)) {
			litset_release(&set);
			continue;
		}
		printf("static const struct prefilter_lit lits%zu[] = {\n", i);
		for (k = 0; k < set.n; k++) {
			printf("\t{ ");
			put_string(v[k].s, v[k].len);
			printf(", %u, %u },\n", (unsigned)v[k].len, (unsigned)v[k].flags);
		}
		if (!set.n)	/* C has no empty array */
			printf("\t{ \"\", 0, 0 },\n");
		printf("};\n");
		free(v);
		litset_release(&set);
	}
	printf("\nconst struct prefilter_rule prefilter_builtin[] = {\n");
	for (i = 0; i < rs.n; i++) {
		struct litset set = { 0, NULL, 0 };
		struct prefilter_lit *v;
		int found = prefilter_rule_strings(rs.v[i].pattern, rs.v[i].pattern_len, &set, &v);

		printf("\t{ ");
		put_string(rs.v[i].pattern, rs.v[i].pattern_len);
		if (found)
			printf(",\n\t  %zu, 1, %d, %zu, lits%zu },\n", rs.v[i].pattern_len,
			       set.ascii_digits, set.n, i);
		else
			printf(",\n\t  %zu, 0, 0, 0, NULL },\n", rs.v[i].pattern_len);
		free(v);
		litset_release(&set);
	}
	printf("\t{ \"\", 0, 0, 0, 0, NULL }\n};\n"
	       "const size_t prefilter_builtin_n = %zu;\n", rs.n);
	ruleset_release(&rs);
	return ferror(stdout) || fflush(stdout) ? 2 : 0;
}
