/*
 * gen_prefilter: writes a C file defining prefilter_builtin[] (prefilter.h):
 * for each built-in rule, in order, its pattern and the strings the
 * prefilter's automaton takes from it, read by the same code
 * (prefilter_rule_strings) that reads other rules when banter starts.
 * Reading the built-in patterns was most of banter's start-up.
 *
 * Linked with banter's library but for the file it writes, so it defines
 * an empty table of its own.
 */
#include "diag.h"
#include "literal.h"
#include "prefilter.h"
#include "rules.h"
#include "rules_file.h"

#include <stdio.h>
#include <stdlib.h>

const struct prefilter_rule prefilter_builtin[1];
const size_t prefilter_builtin_n = 0;

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

int main(void)
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
