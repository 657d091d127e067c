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

struct build {
	uint32_t *child;	/* nstates * nclass, UINT32_MAX: none */
	size_t nstates;
	size_t alloc;
	struct match_out **outs;	/* per state */
	size_t *nouts;
	size_t *aouts;
	unsigned nclass;
};

static uint32_t new_state(struct build *b)
{
	size_t a = b->alloc, a2 = b->alloc, a3 = b->alloc, i;

	if (b->nstates + 1 > b->alloc) {
		b->child = xgrow(b->child, sizeof(*b->child) * b->nclass, b->nstates + 1, &a);
		b->outs = xgrow(b->outs, sizeof(*b->outs), b->nstates + 1, &a2);
		b->nouts = xgrow(b->nouts, sizeof(*b->nouts), b->nstates + 1, &a3);
		b->aouts = xgrow(b->aouts, sizeof(*b->aouts), b->nstates + 1, &b->alloc);
	}
	for (i = 0; i < b->nclass; i++)
		b->child[b->nstates * b->nclass + i] = UINT32_MAX;
	b->outs[b->nstates] = NULL;
	b->nouts[b->nstates] = b->aouts[b->nstates] = 0;
	return (uint32_t)b->nstates++;
}

static void add_out(struct build *b, uint32_t s, struct match_out o)
{
	size_t i;

	for (i = 0; i < b->nouts[s]; i++)
		if (b->outs[s][i].rule == o.rule && b->outs[s][i].len == o.len &&
		    b->outs[s][i].flags == o.flags)
			return;
	b->outs[s] = xgrow(b->outs[s], sizeof(**b->outs), b->nouts[s] + 1, &b->aouts[s]);
	b->outs[s][b->nouts[s]++] = o;
}

static void build_automaton(struct prefilter *pf, const struct lit *lits, size_t n)
{
	struct build b;
	uint32_t *fail, *queue;
	size_t i, k, head = 0, tail = 0, nout = 0;

	memset(&b, 0, sizeof(b));
	memset(pf->cls, 0, sizeof(pf->cls));
	pf->nclass = 1;
	for (i = 0; i < n; i++)
		for (k = 0; k < lits[i].len; k++) {
			unsigned char c = (unsigned char)lits[i].s[k];

			if (!pf->cls[c])
				pf->cls[c] = (unsigned char)pf->nclass++;
		}
	for (i = 'A'; i <= 'Z'; i++)
		pf->cls[i] = pf->cls[i + 32];
	for (i = '1'; i <= '9'; i++)	/* literals hold digits as '0' */
		pf->cls[i] = pf->cls['0'];
	b.nclass = pf->nclass;
	new_state(&b);
	for (i = 0; i < n; i++) {
		uint32_t s = 0;

		for (k = 0; k < lits[i].len; k++) {
			unsigned c = pf->cls[(unsigned char)lits[i].s[k]];
			uint32_t *t = &b.child[(size_t)s * b.nclass + c];

			if (*t == UINT32_MAX) {
				uint32_t ns = new_state(&b);

				t = &b.child[(size_t)s * b.nclass + c];
				*t = ns;
			}
			s = *t;
		}
		{
			struct match_out o;

			o.rule = lits[i].rule;
			o.len = (uint16_t)lits[i].len;
			o.flags = (uint16_t)lits[i].flags;
			add_out(&b, s, o);
		}
	}
	/* breadth first: fill the missing moves and merge the outputs along
	 * the failure links */
	fail = xcalloc(b.nstates, sizeof(*fail));
	queue = xcalloc(b.nstates, sizeof(*queue));
	for (k = 0; k < b.nclass; k++) {
		uint32_t *t = &b.child[k];

		if (k == 0 || *t == UINT32_MAX) {
			*t = 0;
		} else {
			fail[*t] = 0;
			queue[tail++] = *t;
		}
	}
	while (head < tail) {
		uint32_t s = queue[head++];

		for (i = 0; i < b.nouts[fail[s]]; i++)
			add_out(&b, s, b.outs[fail[s]][i]);
		for (k = 0; k < b.nclass; k++) {
			uint32_t *t = &b.child[(size_t)s * b.nclass + k];
			uint32_t f = b.child[(size_t)fail[s] * b.nclass + k];

			if (*t == UINT32_MAX) {
				*t = f;
			} else {
				fail[*t] = f;
				queue[tail++] = *t;
			}
		}
	}
	free(fail);
	free(queue);

	pf->nstates = b.nstates;
	pf->delta = b.child;
	pf->out_off = xcalloc(b.nstates + 1, sizeof(*pf->out_off));
	for (i = 0; i < b.nstates; i++)
		nout += b.nouts[i];
	pf->out = xcalloc(nout ? nout : 1, sizeof(*pf->out));
	nout = 0;
	for (i = 0; i < b.nstates; i++) {
		pf->out_off[i] = (uint32_t)nout;
		if (b.nouts[i])
			memcpy(pf->out + nout, b.outs[i], b.nouts[i] * sizeof(*pf->out));
		nout += b.nouts[i];
		free(b.outs[i]);
	}
	pf->out_off[b.nstates] = (uint32_t)nout;
	free(b.outs);
	free(b.nouts);
	free(b.aouts);
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
	free(pf->delta);
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

void prefilter_scan(const struct prefilter *pf, const char *s, size_t len, struct match_set *m)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *start = p;
	const uint32_t *delta = pf->delta, *off = pf->out_off;
	size_t nclass = pf->nclass, i;
	uint32_t st = 0;
	unsigned char high = 0;

#ifdef PREFILTER_EVERY_RULE
	/* reference build (equivalence checks): no prefilter at all */
	(void)p; (void)end; (void)start; (void)delta; (void)off; (void)nclass; (void)i; (void)st;
	memset(m->bits, 0xFF, m->nwords * sizeof(*m->bits));
	return;
#endif
	memset(m->bits, 0, m->nwords * sizeof(*m->bits));
	for (i = 0; i < pf->nalways; i++)
		m->bits[pf->always[i] / 64] |= (uint64_t)1 << (pf->always[i] % 64);
	for (; p < end; p++) {
		high |= *p;
		st = delta[(size_t)st * nclass + pf->cls[*p]];
		if (off[st] != off[st + 1]) {
			uint32_t k;

			for (k = off[st]; k < off[st + 1]; k++) {
				const struct match_out *o = &pf->out[k];
				uint64_t bit = (uint64_t)1 << (o->rule % 64);

				if (m->bits[o->rule / 64] & bit)
					continue;
				if (o->rule == pf->nrules) {
					memset(m->bits, 0xFF, m->nwords * sizeof(*m->bits));
					return;
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
		}
	}
	if ((high & 0x80) && pf->ndigit_rules &&
	    pcre2_match(pf->other_digit, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, m->md,
			NULL) >= 0)
		for (i = 0; i < pf->ndigit_rules; i++)
			m->bits[pf->digit_rules[i] / 64] |= (uint64_t)1 << (pf->digit_rules[i] % 64);
}
