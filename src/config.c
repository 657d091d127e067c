/*
 * config: the configuration file, read into the options (config.h).
 * Layer: glue; calls cli, note, ynode, tally and the primitives.
 */
/* realpath(3) */
#define _DEFAULT_SOURCE
#include "config.h"
#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "esc.h"
#include "meta.h"
#include "note.h"
#include "tally.h"
#include "util.h"
#include "ynode.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_NAME ".banter.yaml"
#define MAX_CONFIG (1u << 20)

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *config_find(const char *first_path)
{
	struct buf dir = BUF_INIT, try = BUF_INIT;
	struct stat st;
	const char *home;
	char *slash, *real;

	/* the folder of the notes: the path itself, or the folder it is in */
	if (first_path && strcmp(first_path, "-") != 0) {
		buf_adds(&dir, first_path);
		if (stat(first_path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			slash = strrchr(dir.ptr, '/');
			if (slash) {
				dir.len = (size_t)(slash - dir.ptr);
				dir.ptr[dir.len] = '\0';
			} else {
				buf_reset(&dir);
			}
		}
	}
	if (!dir.len)
		buf_adds(&dir, ".");
	/* the real folder, so that "../notes" and "a/sub/../x.md" look in
	 * notes and a and above them, not in the folders spelled on the way */
	real = realpath(dir.ptr, NULL);
	if (real) {
		buf_reset(&dir);
		buf_adds(&dir, real);
		free(real);
	} else if (dir.ptr[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		if (cwd) {
			buf_reset(&try);
			buf_addf(&try, "%s/%s", cwd, dir.ptr);
			free(cwd);
			buf_reset(&dir);
			buf_add(&dir, try.ptr, try.len);
		}
	}
	for (;;) {
		while (dir.len > 1 && dir.ptr[dir.len - 1] == '/')
			dir.ptr[--dir.len] = '\0';
		buf_reset(&try);
		buf_addf(&try, "%s/%s", strcmp(dir.ptr, "/") ? dir.ptr : "", CONFIG_NAME);
		if (is_file(try.ptr)) {
			buf_release(&dir);
			return buf_detach(&try, NULL);
		}
		slash = strrchr(dir.ptr, '/');
		if (!slash || dir.len <= 1)
			break;
		dir.len = slash == dir.ptr ? 1 : (size_t)(slash - dir.ptr);
		dir.ptr[dir.len] = '\0';
	}
	buf_reset(&try);
	if ((home = getenv("XDG_CONFIG_HOME")) && home[0] == '/')
		buf_addf(&try, "%s/banter/config.yaml", home);
	else if ((home = getenv("HOME")) && home[0])
		buf_addf(&try, "%s/.config/banter/config.yaml", home);
	buf_release(&dir);
	if (try.len && is_file(try.ptr))
		return buf_detach(&try, NULL);
	buf_release(&try);
	return NULL;
}

struct loader {
	struct options *o;
	const char *path;
	struct buf dir;		/* the file's folder, with a final '/' ("" for .) */
	struct diag *d;
};

/* Runs one option as if given on the command line, with a file position. */
static int apply(struct loader *l, const struct ynode *at, const char *name, const char *value)
{
	struct buf arg = BUF_INIT;
	char *argv[3];
	struct optsrc src = { l->path, at->line, at->col };
	enum cli_result r;

	buf_addf(&arg, "--%s", name);
	if (value) {
		buf_addch(&arg, '=');
		buf_adds(&arg, value);
	}
	argv[0] = (char *)"banter";
	argv[1] = arg.ptr;
	argv[2] = NULL;
	r = cli_parse(l->o, 2, argv, &src);
	buf_release(&arg);
	if (r != CLI_OK) {
		l->d->errors++;
		return -1;
	}
	return 0;
}

static int error(struct loader *l, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int error(struct loader *l, const struct ynode *at, const char *fmt, ...)
{
	struct buf msg = BUF_INIT, e = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	/* it quotes the file's values, which may hold any byte */
	esc_text(&e, msg.ptr, msg.len, 0);
	diag_error(l->d, l->path, at->line, at->col, "%s", e.ptr);
	buf_release(&msg);
	buf_release(&e);
	return -1;
}

/* A string, or a list of strings joined by commas. */
static int joined(struct loader *l, const struct ynode *v, const char *key, struct buf *out)
{
	size_t i;

	if (v->kind == YNODE_SCALAR) {
		buf_add(out, v->str, v->len);
		return 0;
	}
	if (v->kind != YNODE_SEQ)
		return error(l, v, "'%s' must be a string or a list", key);
	for (i = 0; i < v->n; i++) {
		if (v->kids[i]->kind != YNODE_SCALAR)
			return error(l, v->kids[i], "'%s' must be a list of strings", key);
		if (i)
			buf_addch(out, ',');
		buf_add(out, v->kids[i]->str, v->kids[i]->len);
	}
	return 0;
}

static int string_list(struct loader *l, const struct ynode *v, const char *key,
		       struct strlist *out, int fold)
{
	size_t i;

	if (v->kind == YNODE_SCALAR)
		return error(l, v, "'%s' must be a list", key);
	if (v->kind != YNODE_SEQ)
		return error(l, v, "'%s' must be a list of strings", key);
	strlist_release(out);
	for (i = 0; i < v->n; i++) {
		const struct ynode *s = v->kids[i];

		if (s->kind != YNODE_SCALAR || !s->len)
			return error(l, s, "'%s' must be a list of strings", key);
		if (fold) {
			char *k = tally_fold(s->str);

			strlist_add(out, k, strlen(k));
			free(k);
		} else {
			strlist_add(out, s->str, s->len);
		}
	}
	return 0;
}

/* Whether `folded` is already a spelling of a client other than `to`. */
static int alias_taken(const struct options *o, const char *folded, const char *to)
{
	size_t i;

	for (i = 0; i < o->alias_from.n; i++)
		if (strcmp(o->alias_from.v[i], folded) == 0 && strcmp(o->alias_to.v[i], to) != 0)
			return 1;
	return 0;
}

static int clients(struct loader *l, const struct ynode *v)
{
	size_t i, j;

	if (v->kind != YNODE_MAP)
		return error(l, v, "'%s' must map each client to a list of other spellings", "clients");
	for (i = 0; i < ynode_map_size(v); i++) {
		const struct ynode *k = ynode_key(v, i), *names = ynode_value(v, i);

		if (k->kind != YNODE_SCALAR || !k->len)
			return error(l, k, "'%s' wants client names as keys", "clients");
		if (names->kind == YNODE_SCALAR && names->plain && !names->len)
			continue;
		if (names->kind == YNODE_SCALAR)
			return error(l, names, "the other spellings of '%s' must be a list", k->str);
		if (names->kind != YNODE_SEQ)
			return error(l, names, "the other spellings of '%s' must be a list", k->str);
		/* the name itself, so that every spelling of it shows as written here */
		for (j = 0; j <= names->n; j++) {
			const struct ynode *s = j < names->n ? names->kids[j] : k;
			char *folded;

			if (s->kind != YNODE_SCALAR)
				return error(l, s, "the other spellings of '%s' must be strings", k->str);
			folded = tally_fold(s->str);
			if (alias_taken(l->o, folded, k->str)) {
				free(folded);
				return error(l, s, "'%s' is already a spelling of another client", s->str);
			}
			strlist_add(&l->o->alias_from, folded, strlen(folded));
			strlist_add(&l->o->alias_to, k->str, k->len);
			free(folded);
		}
	}
	return 0;
}

/* Keys that are simply options: a scalar value, or a list joined by ','. */
static const char *const plain_options[] = {
	"format", "by", "period", "target", "stale-days", "referral-rate", "referral-min",
	"drift-periods", "check-flags", "ext", "jobs", "color", "colour", "today",
	"max-filesize", NULL
};
static const char *const bool_options[] = {
	"no-default-rules", "follow", "client-from-dir", "explain", NULL
};

/* A key's name as one_key reads it: case and '_' or '-' do not matter,
 * and "colour" is "color". */
static void key_name(const struct ynode *k, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < k->len; i++)
		buf_addch(out, k->str[i] == '_' ? '-' : to_lower((unsigned char)k->str[i]));
	if (strcmp(out->ptr, "colour") == 0) {
		buf_reset(out);
		buf_adds(out, "color");
	}
}

static int one_key(struct loader *l, const struct ynode *k, const struct ynode *v)
{
	struct buf name = BUF_INIT, val = BUF_INIT;
	size_t i;
	int ret = -1;

	key_name(k, &name);
	if (strcmp(name.ptr, "rules") == 0) {
		struct strlist files = { NULL, 0, 0 };

		ret = string_list(l, v, "rules", &files, 0);
		for (i = 0; ret == 0 && i < files.n; i++) {
			buf_reset(&val);
			if (files.v[i][0] != '/')
				buf_add(&val, l->dir.ptr, l->dir.len);
			buf_adds(&val, files.v[i]);
			ret = apply(l, v, "rules", val.ptr);
		}
		strlist_release(&files);
	} else if (strcmp(name.ptr, "clients") == 0) {
		ret = clients(l, v);
	} else if (strcmp(name.ptr, "client-keys") == 0) {
		ret = string_list(l, v, "client_keys", &l->o->client_keys, 1);
	} else if (strcmp(name.ptr, "attendee-keys") == 0) {
		ret = string_list(l, v, "attendee_keys", &l->o->attendee_keys, 1);
	} else if (strcmp(name.ptr, "date-keys") == 0) {
		ret = string_list(l, v, "date_keys", &l->o->date_keys, 1);
	} else if (strcmp(name.ptr, "limits") == 0) {
		if (v->kind != YNODE_MAP) {
			ret = error(l, v, "'%s' must map limit names to numbers", "limits");
		} else {
			ret = 0;
			/* every bad limit is reported */
			for (i = 0; i < ynode_map_size(v); i++) {
				const struct ynode *lk = ynode_key(v, i), *lv = ynode_value(v, i);

				if (lk->kind != YNODE_SCALAR || lv->kind != YNODE_SCALAR) {
					ret = error(l, lk, "'%s' must map limit names to numbers", "limits");
					continue;
				}
				buf_reset(&val);
				buf_addf(&val, "%s=%s", lk->str, lv->str);
				if (apply(l, lv, "limit", val.ptr) < 0)
					ret = -1;
			}
		}
	} else {
		for (i = 0; plain_options[i]; i++)
			if (strcmp(name.ptr, plain_options[i]) == 0)
				break;
		if (plain_options[i]) {
			if (joined(l, v, k->str, &val) == 0)
				ret = apply(l, v, name.ptr, val.ptr);
		} else {
			for (i = 0; bool_options[i]; i++)
				if (strcmp(name.ptr, bool_options[i]) == 0)
					break;
			if (!bool_options[i]) {
				ret = error(l, k, "unknown key '%s' in the configuration", k->str);
			} else if (strcmp(name.ptr, "client-from-dir") == 0 && v->kind == YNODE_SCALAR &&
				   v->len && span_digits(v->str, v->len)) {
				/* a number of folders below the one named */
				ret = apply(l, v, name.ptr, v->str);
			} else if (0) {
				ret = error(l, k, "unknown key '%s' in the configuration", k->str);
			} else if (v->kind != YNODE_SCALAR || !(span_ieq(v->str, v->len, "true") ||
								 span_ieq(v->str, v->len, "false"))) {
				ret = error(l, v, strcmp(name.ptr, "client-from-dir") == 0
					    ? "'%s' must be true, false or a number of folders"
					    : "'%s' must be true or false", k->str);
			} else {
				ret = span_ieq(v->str, v->len, "true") ? apply(l, v, name.ptr, NULL) : 0;
			}
		}
	}
	buf_release(&name);
	buf_release(&val);
	return ret;
}

/* The first key of m that names the same option as its key i, or i. */
static size_t key_before(const struct ynode *m, size_t i)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t j;

	key_name(ynode_key(m, i), &a);
	for (j = 0; j < i; j++) {
		if (ynode_key(m, j)->kind != YNODE_SCALAR)
			continue;
		key_name(ynode_key(m, j), &b);
		if (strcmp(a.ptr, b.ptr) == 0)
			break;
	}
	buf_release(&a);
	buf_release(&b);
	return j;
}

int config_load(struct options *o, const char *path, struct diag *d)
{
	struct loader l = { o, path, BUF_INIT, d };
	struct ynode *root = NULL;
	struct note text;
	const char *slash;
	size_t i;
	int ret = 0;

	note_init(&text);
	if (!is_file(path)) {
		diag_error(d, path, 0, 0, "configuration: not a readable file");
		return -1;
	}
	if (note_read(&text, path, -1, MAX_CONFIG, d) < 0 ||
	    ynode_parse(text.text.ptr, text.text.len, 1, path, "configuration", d, &root) < 0) {
		note_release(&text);
		return -1;
	}
	/* options read from the file keep pointing at its name */
	strlist_add(&o->owned, path, strlen(path));
	path = l.path = o->owned.v[o->owned.n - 1];
	if ((slash = strrchr(path, '/')))
		buf_add(&l.dir, path, (size_t)(slash - path) + 1);
	if (root && root->kind != YNODE_MAP) {
		diag_error(d, path, root->line, root->col,
			   "configuration must be a mapping, found %s", ynode_kind_name(root->kind));
		ret = -1;
	}
	/* every bad key is reported, not only the first */
	for (i = 0; root && root->kind == YNODE_MAP && i < ynode_map_size(root); i++) {
		const struct ynode *k = ynode_key(root, i);
		size_t twice;

		if (k->kind != YNODE_SCALAR)
			ret = error(&l, k, "configuration keys must be strings");
		else if ((twice = key_before(root, i)) < i)
			ret = error(&l, k, "'%s' given twice in the configuration (first on line %u)",
				    k->str, ynode_key(root, twice)->line);
		else if (one_key(&l, k, ynode_value(root, i)) < 0)
			ret = -1;
	}
	ynode_free(root);
	note_release(&text);
	buf_release(&l.dir);
	return ret;
}
