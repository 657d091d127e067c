/*
 * rules_file: reads rule files into the rule set.
 *
 * A rule file is a mapping with a list under `rules:`; each rule has an
 * `id`, a `category` (business or social), a `topic`, a `pattern` (PCRE2,
 * caseless, UTF and UCP), a `weight` (default 1) and optional `examples`
 * and `counterexamples`.  A rule whose id is already in the set replaces
 * the earlier one, in its place.  The built-in rules (rules/default.yaml)
 * are embedded in the binary.
 *
 * A rule file may also name LIWC-style dictionaries (.dic) and map their
 * categories to business and social, under `dictionaries:`; each mapped
 * category becomes ordinary rules (see rules_dic.h).
 *
 * Layer: labels.  Calls rules, rules_dic and the primitives.
 */
#ifndef BANTER_RULES_FILE_H
#define BANTER_RULES_FILE_H

#include <stddef.h>

#include "rules.h"

struct diag;

/* Adds the rules of a rule file's text: a mapping with `rules:` (a list of
 * rules) and/or `dictionaries:` (see rules_dic_add), whose files are
 * found relative to `path`'s folder.  The rules under `rules:` come first,
 * then the dictionaries', whatever the order of the keys.  Returns 0, or -1
 * after reporting every problem found. */
int ruleset_add_text(struct ruleset *rs, const char *text, size_t len,
		     const char *path, struct diag *d);
int ruleset_add_file(struct ruleset *rs, const char *path, struct diag *d);
int ruleset_add_builtin(struct ruleset *rs, struct diag *d);


#endif
