/*
 * rules_dic: maps the categories of LIWC-style dictionaries (dic.h) into
 * rules, as a rule file's `dictionaries:` asks.
 *
 * Layer: labels.  Calls dic and rules, and the primitives.
 */
#ifndef BANTER_RULES_DIC_H
#define BANTER_RULES_DIC_H

struct diag;
struct ruleset;
struct ynode;

/*
 * Reads the `dictionaries:` value of the rule file `rule_path`: a list of
 * mappings
 *
 *	{file: PATH, business: [NAME...], social: [NAME...],
 *	 weight: N, topic: T}
 *
 * (PATH relative to the rule file's folder; NAME a category name or id;
 * weight and topic optional, the topic by default the category's name) and
 * adds, for each mapped category, the rule "dic.BASENAME.CATEGORY" (or
 * ".1", ".2", ... when its entries need several patterns).  Returns 0, or
 * -1 after reporting every problem.
 */
int rules_dic_add(struct ruleset *rs, const struct ynode *list, const char *rule_path,
		  struct diag *d);

#endif
