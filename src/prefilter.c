#include "prefilter.h"
#include "literal.h"
#include "rules.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct lit {
	const char *s;
	size_t len;
	uint32_t rule;
	unsigned flags;
};

/* The trie of the strings, built sparsely before the table is laid out:
 * states in order of creation, children as sibling lists, each string's
 * outputs as a list. */
struct trie {
	uint32_t *first;	/* first child, or 0: none (the root is no child) */
	uint32_t *next;		/* next sibling, or 0 */
	unsigned char *label;	/* the class of the move into the state */
	uint32_t *out_head;	/* into outs, or UINT32_MAX */
	struct trie_out {
		struct match_out o;
		uint32_t next;
	} *outs;
	size_t nouts;
	size_t aouts;
	size_t nstates;
};

static uint32_t trie_child(const struct trie *t, uint32_t s, unsigned c)
{
	uint32_t k;

	for (k = t->first[s]; k; k = t->next[k])
		if (t->label[k] == c)
			return k;
	return 0;
}

static void trie_add_out(struct trie *t, uint32_t s, struct match_out o)
{
	uint32_t k;

	for (k = t->out_head[s]; k != UINT32_MAX; k = t->outs[k].next)
		if (t->outs[k].o.rule == o.rule && t->outs[k].o.len == o.len &&
		    t->outs[k].o.flags == o.flags)
			return;
	t->outs = xgrow(t->outs, sizeof(*t->outs), t->nouts + 1, &t->aouts);
	t->outs[t->nouts].o = o;
	t->outs[t->nouts].next = t->out_head[s];
	t->out_head[s] = (uint32_t)t->nouts++;
}

/* Appends o to out[from, *n) unless it is there already. */
static void put_out(struct match_out **out, size_t *n, size_t *alloc, size_t from,
		    struct match_out o)
{
	size_t i;

	for (i = from; i < *n; i++)
		if ((*out)[i].rule == o.rule && (*out)[i].len == o.len && (*out)[i].flags == o.flags)
			return;
	*out = xgrow(*out, sizeof(**out), *n + 1, alloc);
	(*out)[(*n)++] = o;
}

/*
 * The trie first, sparse (a state per byte of the strings at most), then
 * the dense table of moves, allocated once at its size and laid out
 * breadth first: state numbers are breadth-first ranks, so the shallow
 * states that most bytes of text visit share the first cache lines, and
 * each state's row starts as a copy of its failure state's.  The table
 * holds 16-bit state numbers when they fit, which halves it.
 */
/* The byte classes of the strings (case and digits folded); returns the
 * most states their trie can have. */
static size_t assign_classes(struct prefilter *pf, const struct lit *lits, size_t n)
{
	size_t i, k, max = 1;

	memset(pf->cls, 0, sizeof(pf->cls));
	pf->nclass = 1;
	for (i = 0; i < n; i++) {
		max += lits[i].len;
		for (k = 0; k < lits[i].len; k++) {
			unsigned char c = (unsigned char)lits[i].s[k];

			if (!pf->cls[c])
				pf->cls[c] = (unsigned char)pf->nclass++;
		}
	}
	for (i = 'A'; i <= 'Z'; i++)
		pf->cls[i] = pf->cls[i + 32];
	for (i = '1'; i <= '9'; i++)	/* literals hold digits as '0' */
		pf->cls[i] = pf->cls['0'];
	return max;
}

/* The trie of the strings, by class, with each string's rule at its end. */
static void build_trie(struct trie *t, const struct prefilter *pf, const struct lit *lits,
		       size_t n, size_t max)
{
	size_t i, k;

	memset(t, 0, sizeof(*t));
	t->first = xcalloc(max, sizeof(*t->first));
	t->next = xcalloc(max, sizeof(*t->next));
	t->label = xcalloc(max, sizeof(*t->label));
	t->out_head = xmalloc(max * sizeof(*t->out_head));
	memset(t->out_head, 0xFF, max * sizeof(*t->out_head));
	t->nstates = 1;
	for (i = 0; i < n; i++) {
		uint32_t st = 0;
		struct match_out o;

		for (k = 0; k < lits[i].len; k++) {
			unsigned c = pf->cls[(unsigned char)lits[i].s[k]];
			uint32_t ch = trie_child(t, st, c);

			if (!ch) {
				ch = (uint32_t)t->nstates++;
				t->label[ch] = (unsigned char)c;
				t->next[ch] = t->first[st];
				t->first[st] = ch;
			}
			st = ch;
		}
		o.rule = lits[i].rule;
		o.len = (uint16_t)lits[i].len;
		o.flags = (uint16_t)lits[i].flags;
		trie_add_out(t, st, o);
	}
}

static void build_automaton(struct prefilter *pf, const struct lit *lits, size_t n)
{
	struct trie t;
	uint32_t *order, *rank, *fail;
	size_t i, k, head, tail, nout = 0, aout = 0, nc;

	build_trie(&t, pf, lits, n, assign_classes(pf, lits, n));
	nc = pf->nclass;

	/* breadth-first ranks */
	order = xmalloc(t.nstates * sizeof(*order));
	rank = xmalloc(t.nstates * sizeof(*rank));
	fail = xcalloc(t.nstates, sizeof(*fail));
	order[0] = 0;
	rank[0] = 0;
	for (head = 0, tail = 1; head < tail; head++)
		for (k = t.first[order[head]]; k; k = t.next[k]) {
			rank[k] = (uint32_t)tail;
			order[tail++] = (uint32_t)k;
		}

	pf->nstates = t.nstates;
	pf->wide = t.nstates > UINT16_MAX;
	if (pf->wide)
		pf->delta32 = xcalloc(t.nstates * nc, sizeof(*pf->delta32));
	else
		pf->delta16 = xcalloc(t.nstates * nc, sizeof(*pf->delta16));
	pf->out_off = xcalloc(t.nstates + 1, sizeof(*pf->out_off));
	/* rows and failure links (by rank) in breadth-first order: a state's
	 * failure state is shallower, its row already complete */
	for (head = 0; head < t.nstates; head++) {
		uint32_t s = order[head], f = fail[head];

		if (head) {
			if (pf->wide)
				memcpy(pf->delta32 + head * nc, pf->delta32 + (size_t)f * nc,
				       nc * sizeof(*pf->delta32));
			else
				memcpy(pf->delta16 + head * nc, pf->delta16 + (size_t)f * nc,
				       nc * sizeof(*pf->delta16));
		}
		for (k = t.first[s]; k; k = t.next[k]) {
			size_t c = t.label[k];
			uint32_t r = rank[k];

			/* a child of the root fails to the root */
			fail[r] = !head ? 0 : pf->wide ? pf->delta32[(size_t)f * nc + c] :
				pf->delta16[(size_t)f * nc + c];
			if (pf->wide)
				pf->delta32[head * nc + c] = r;
			else
				pf->delta16[head * nc + c] = (uint16_t)r;
		}
		/* class 0 (a byte in no string) always goes back to the root:
		 * no child has it, and the root's row has 0 there */
		pf->out_off[head] = (uint32_t)nout;
		for (k = t.out_head[s]; k != UINT32_MAX; k = t.outs[k].next)
			put_out(&pf->out, &nout, &aout, pf->out_off[head], t.outs[k].o);
		if (head)
			for (i = pf->out_off[f]; i < pf->out_off[f + 1]; i++)
				put_out(&pf->out, &nout, &aout, pf->out_off[head], pf->out[i]);
	}
	pf->out_off[t.nstates] = (uint32_t)nout;
	if (!pf->out)
		pf->out = xcalloc(1, sizeof(*pf->out));
	free(order);
	free(rank);
	free(fail);
	free(t.first);
	free(t.next);
	free(t.label);
	free(t.out_head);
	free(t.outs);
}

/* Takes the boundary marks out of s, in place; returns the MATCH_BOUND_*
 * flags of those at either end next to a word character. */
#define MARK LIT_MARK
static unsigned strip_marks(char *s)
{
	size_t len = strlen(s), b = 0, e = len, i, j = 0;
	unsigned flags = 0;

	while (b < e && s[b] == MARK)
		b++;
	while (e > b && s[e - 1] == MARK)
		e--;
	if (b > 0 && b < e && is_word((unsigned char)s[b]))
		flags |= MATCH_BOUND_BEFORE;
	if (e < len && e > b && is_word((unsigned char)s[e - 1]))
		flags |= MATCH_BOUND_AFTER;
	for (i = b; i < e; i++)
		if (s[i] != MARK)
			s[j++] = s[i];
	s[j] = '\0';
	return flags;
}

/* Text with a character that \d matches under UCP but is not 0-9 (Arabic,
 * Devanagari, fullwidth digits...): the rules whose literals took \d as
 * [0-9] are candidates then. */
static void digit_check_init(struct prefilter *pf)
{
	static const char pat[] = "(?![0-9])\\d";
	PCRE2_SIZE off;
	int code;

	pf->other_digit = pcre2_compile((PCRE2_SPTR)pat, sizeof(pat) - 1,
					PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
	if (!pf->other_digit) {
		die_oom();
	}
	pcre2_jit_compile(pf->other_digit, PCRE2_JIT_COMPLETE);
}

static void add_rule(uint32_t **v, size_t *n, size_t *alloc, size_t rule)
{
	*v = xgrow(*v, sizeof(**v), *n + 1, alloc);
	(*v)[(*n)++] = (uint32_t)rule;
}

int prefilter_rule_strings(const char *pat, size_t len, struct litset *set,
			   struct prefilter_lit **v)
{
	size_t k;

	*v = NULL;
	if (!literal_read(pat, len, set))
		return 0;
	*v = xcalloc(set->n ? set->n : 1, sizeof(**v));
	for (k = 0; k < set->n; k++) {
		struct prefilter_lit *l = &(*v)[k];
		size_t n;

		l->flags = (uint16_t)strip_marks(set->v[k]);
		l->s = set->v[k];
		n = strlen(set->v[k]);
		/* a prefix of a required string is required too: shorter
		 * strings make a smaller automaton */
		if (n > PREFILTER_MAX_LIT) {
			n = PREFILTER_MAX_LIT;
			l->flags &= (uint16_t)~(unsigned)MATCH_BOUND_AFTER;
		}
		l->len = (uint16_t)n;
	}
	return 1;
}

/* The strings made at build time for rule i, when its pattern is the one
 * they were made from (what the strings depend on). */
static const struct prefilter_rule *builtin_strings(const struct rule *r, size_t i)
{
	const struct prefilter_rule *b;

	if (i >= prefilter_builtin_n)
		return NULL;
	b = &prefilter_builtin[i];
	if (b->pattern_len != r->pattern_len || memcmp(b->pattern, r->pattern, r->pattern_len) != 0)
		return NULL;
	return b;
}

void prefilter_init(struct prefilter *pf, const struct ruleset *rs)
{
	struct litset *sets = xcalloc(rs->n ? rs->n : 1, sizeof(*sets));
	struct lit *lits = NULL;
	size_t nlits = 0, alits = 0, aalways = 0, adigit = 0, i, k;
	static const char kelvin[] = "\xE2\x84\xAA", long_s[] = "\xC5\xBF";

	memset(pf, 0, sizeof(*pf));
	pf->nrules = rs->n;
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		const struct prefilter_rule *b = builtin_strings(r, i);
		struct prefilter_lit *mine = NULL;
		const struct prefilter_lit *v;
		size_t n;
		int found, digits;

		if (!r->re)
			continue;	/* never run */
		if (b) {
			found = b->found;
			digits = b->ascii_digits;
			v = b->v;
			n = b->n;
		} else {
			found = prefilter_rule_strings(r->pattern, r->pattern_len, &sets[i], &mine);
			digits = sets[i].ascii_digits;
			v = mine;
			n = sets[i].n;
		}
		if (!found) {
			add_rule(&pf->always, &pf->nalways, &aalways, i);
			continue;
		}
		if (digits)
			add_rule(&pf->digit_rules, &pf->ndigit_rules, &adigit, i);
		lits = xgrow(lits, sizeof(*lits), nlits + n, &alits);
		for (k = 0; k < n; k++) {
			lits[nlits].s = v[k].s;
			lits[nlits].len = v[k].len;
			lits[nlits].flags = v[k].flags;
			lits[nlits].rule = (uint32_t)i;
			nlits++;
		}
		free(mine);
	}
	pf->nliterals = nlits;
	if (pf->ndigit_rules)
		digit_check_init(pf);
	/* PCRE2 matches these caselessly with 'k' and 's': every rule may match */
	lits = xgrow(lits, sizeof(*lits), nlits + 2, &alits);
	lits[nlits].s = kelvin;
	lits[nlits].len = 3;
	lits[nlits].flags = 0;
	lits[nlits++].rule = (uint32_t)rs->n;
	lits[nlits].s = long_s;
	lits[nlits].len = 2;
	lits[nlits].flags = 0;
	lits[nlits++].rule = (uint32_t)rs->n;
	build_automaton(pf, lits, nlits);
	free(lits);
	for (i = 0; i < rs->n; i++)
		litset_release(&sets[i]);
	free(sets);
}

void prefilter_release(struct prefilter *pf)
{
	free(pf->delta16);
	free(pf->delta32);
	free(pf->out_off);
	free(pf->out);
	free(pf->always);
	free(pf->digit_rules);
	pcre2_code_free(pf->other_digit);
	memset(pf, 0, sizeof(*pf));
}

void match_set_init(struct match_set *m, const struct prefilter *pf)
{
	m->nwords = pf->nrules / 64 + 1;
	m->bits = xcalloc(m->nwords, sizeof(*m->bits));
	m->md = NULL;
	if (pf->other_digit && !(m->md = pcre2_match_data_create(1, NULL))) {
		die_oom();
	}
}

void match_set_release(struct match_set *m)
{
	free(m->bits);
	pcre2_match_data_free(m->md);
	memset(m, 0, sizeof(*m));
}

/* The scan's loop, for either width of the table: returns from
 * prefilter_scan once every rule is a candidate. */
#define SCAN(delta) \
	for (; p < end; p++) { \
		high |= *p; \
		st = (delta)[(size_t)st * nclass + pf->cls[*p]]; \
		if (off[st] != off[st + 1] && scan_outputs(pf, m, st, p, start, end) < 0) \
			return; \
	}

/* Takes the strings found at state st, ending at p: -1 when every rule is
 * a candidate. */
static int scan_outputs(const struct prefilter *pf, struct match_set *m, uint32_t st,
			const unsigned char *p, const unsigned char *start,
			const unsigned char *end)
{
	uint32_t k;

	for (k = pf->out_off[st]; k < pf->out_off[st + 1]; k++) {
		const struct match_out *o = &pf->out[k];
		uint64_t bit = (uint64_t)1 << (o->rule % 64);

		if (m->bits[o->rule / 64] & bit)
			continue;
		if (o->rule == pf->nrules) {
			memset(m->bits, 0xFF, m->nwords * sizeof(*m->bits));
			return -1;
		}
		/* \b under UCP: an ASCII word character next to the
		 * literal rules it out; anything else may be a boundary */
		if ((o->flags & MATCH_BOUND_BEFORE) && p + 1 - o->len > start &&
		    is_word(p[-(ptrdiff_t)o->len]))
			continue;
		if ((o->flags & MATCH_BOUND_AFTER) && p + 1 < end && is_word(p[1]))
			continue;
		m->bits[o->rule / 64] |= bit;
	}
	return 0;
}

void prefilter_scan(const struct prefilter *pf, const char *s, size_t len, struct match_set *m)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *start = p;
	const uint32_t *off = pf->out_off;
	size_t nclass = pf->nclass, i;
	uint32_t st = 0;
	unsigned char high = 0;

#ifdef PREFILTER_EVERY_RULE
	/* reference build (equivalence checks): no prefilter at all */
	(void)p; (void)end; (void)start; (void)off; (void)nclass; (void)i; (void)st;
	(void)high;
	memset(m->bits, 0xFF, m->nwords * sizeof(*m->bits));
	return;
#endif
	memset(m->bits, 0, m->nwords * sizeof(*m->bits));
	for (i = 0; i < pf->nalways; i++)
		m->bits[pf->always[i] / 64] |= (uint64_t)1 << (pf->always[i] % 64);
	if (pf->wide) {
		SCAN(pf->delta32);
	} else {
		SCAN(pf->delta16);
	}
	if ((high & 0x80) && pf->ndigit_rules &&
	    pcre2_match(pf->other_digit, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, m->md,
			NULL) >= 0)
		for (i = 0; i < pf->ndigit_rules; i++)
			m->bits[pf->digit_rules[i] / 64] |= (uint64_t)1 << (pf->digit_rules[i] % 64);
}
