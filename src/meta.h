/*
 * meta: the fields banter knows in a note's front matter, typed by banter
 * itself (SPEC "Front matter rules" 6-10):
 *
 *   client (aliases company, customer, account, org, organization: a
 *   string or a list), date (aliases created, created_at, meeting_date,
 *   day; YYYY-MM-DD or ISO 8601, a time zone name after the time allowed;
 *   else a YYYY-MM-DD in the file name), duration (45, 45m, 1h30m, 1:30, 90 min, 1.5h),
 *   attendees (aliases participants, people, contacts), tags,
 *   introduced_by.
 *
 * Keys are matched without regard to case.  Wikilinks are unwrapped:
 * "[[Acme]]", "[[Clients/Acme|ACME]]" and an unquoted [[Acme]] (a nested
 * list to YAML) all mean Acme, in names and in `date` ("[[2026-03-04]]",
 * a daily note).  A field given twice (under any of its names) is an
 * error for client, date and duration and a warning (the last wins) for
 * the rest.  Unknown keys are kept in `tree`, never interpreted.
 * Empty values, `~` and `null` mean the field is absent (YAML 1.2).
 * A `client` of the wrong kind is an error; `attendees`, `tags`, `date`,
 * `duration` and `introduced_by` of the wrong kind are a warning and are
 * ignored (a list of one string, [a/b], is that string).
 *
 * Front matter that is a scalar or a list is a warning: the note has no
 * fields (META_OK, `tree` NULL) and its body is read (SPEC rule 6).
 *
 * Front matter holding an unrendered template, "{{...}}" or "<%...%>" on
 * one line outside a comment, is a template (SPEC rule 10): a '#' that
 * opens a line or follows a blank, outside quotes, starts a comment.  That is
 * looked for in the YAML text before it is parsed: unquoted, {{date}} is
 * a mapping to YAML, and "{{date}} {{time}}" no YAML at all.
 *
 * Layer: front matter.  Calls note and the primitives.
 */
#ifndef BANTER_META_H
#define BANTER_META_H

#include <stddef.h>

#include "strlist.h"

struct diag;
struct limits;
struct note;
struct ynode;

/* The names that mean each field: NULL-terminated lists, lowercase.
 * `date` is a list in order of preference (NULL: the default, date,
 * created, created_at, meeting_date, day): where a note gives several,
 * the first of the list with a readable value wins, with no message.
 * At most META_MAX_DATE_KEYS date names count. */
#define META_MAX_DATE_KEYS 32
struct meta_keys {
	const char *const *client;
	const char *const *attendees;
	const char *const *date;
};

extern const struct meta_keys meta_default_keys;

struct meta {
	struct strlist clients;
	int has_date;
	char date[11];		/* YYYY-MM-DD */
	int date_from_name;	/* the date came from the file name */
	int has_duration;
	double minutes;
	struct strlist attendees;
	struct strlist tags;
	char *introduced_by;	/* NULL when absent */
	struct ynode *tree;	/* the whole front matter, or NULL */
};

enum meta_result {
	META_OK = 0,
	META_ERROR = -1,	/* reported; the note cannot be used */
	META_TEMPLATE = 1	/* an unrendered template; reported as a note */
};

void meta_init(struct meta *m);
void meta_release(struct meta *m);

/* Reads the front matter of a split note (none is fine) and the date in
 * its file name.  META_TEMPLATE is reported as a note, META_ERROR as an
 * error; warnings leave META_OK. */
enum meta_result meta_parse(struct meta *m, const struct note *n,
			    const struct meta_keys *keys, struct diag *d);

/* The same under the given limits (NULL: limits_default): front matter
 * longer than the `front-matter` limit is an error naming its first line,
 * and the YAML is read under the yaml-depth, yaml-events and scalar
 * limits. */
enum meta_result meta_parse_limits(struct meta *m, const struct note *n,
				   const struct meta_keys *keys, const struct limits *lim,
				   struct diag *d);

/*
 * Parses the front matter of a split note, as ynode_parse_limits() does,
 * with every column a byte column of the file, as note_line_col() gives:
 * a U+FFFD put for an invalid byte counts one.
 */
int meta_parse_yaml(const struct note *n, const char *what, const struct limits *lim,
		    struct diag *d, struct ynode **root);

/*
 * Typed values, exposed for tests.  Each returns 0 when s[0, len) is valid.
 */
/* meta_parse_duration() returns -2 for a duration longer than this many
 * minutes (or a number of more digits), -1 for any other it cannot read. */
#define META_MAX_MINUTES 999999
int meta_parse_duration(const char *s, size_t len, double *minutes);
/*
 * Unwraps a wikilink in place: sets s to the span of the name.  Only a
 * value that is exactly one "[[...]]", with no "[[" or "]]" inside, is a
 * link; any other text is only trimmed.  Returns how many links the text
 * holds: more than one ("[[Acme]], [[Beta]]") is kept as written, and
 * the fields warn of it.
 */
int meta_unwrap_link(const char **s, size_t *len);

#endif
