/*
 * Fuzz target: a user pattern compiled under banter's policy, then the
 * match loop over a subject.  Input: PATTERN '\n' SUBJECT.  The pattern
 * travels as a rule file would carry it (a double-quoted YAML scalar, so
 * any code point can be written); the subject is repaired to valid UTF-8
 * as note.c does before anything reaches PCRE2.  The first byte of the
 * input picks the limits: small ones half the time.
 * Invariants: compile errors are one escaped line; classification ends;
 * every hit lies inside the subject on a UTF-8 boundary; and the combined
 * scan (prefilter.c, literal.c) never drops a match: when nothing ran into a
 * limit, the rule has a hit exactly when its own regex matches the
 * subject, at the same place.
 */
#include "fuzz.h"

#include <string.h>

#include "buf.h"
#include "classify.h"
#include "diag.h"
#include "esc.h"
#include "limits.h"
#include "meta.h"
#include "rules.h"
#include "rules_file.h"
#include "scan.h"

#define MAX_INPUT (64 * 1024)

static void yaml_quote(struct buf *b, const unsigned char *s, size_t len)
{
	size_t i = 0, n;

	buf_addch(b, '"');
	while (i < len) {
		if (s[i] >= 0x80 && (n = utf8_seq_len(s + i, len - i)) > 0) {
			buf_add(b, s + i, n);
			i += n;
			continue;
		}
		if (s[i] < 0x20 || s[i] >= 0x7F || s[i] == '"' || s[i] == '\\')
			buf_addf(b, "\\x%02X", s[i]);
		else
			buf_addch(b, s[i]);
		i++;
	}
	buf_addch(b, '"');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl;
	struct limits lim = limits_default;
	struct ruleset rs;
	struct diag d;
	struct buf yaml = BUF_INIT, out = BUF_INIT, subj = BUF_INIT;
	size_t i;

	if (size < 2 || size > MAX_INPUT)
		return 0;
	if (data[0] & 1) {
		lim.match_limit = 1000;
		lim.depth_limit = 100;
		lim.heap_limit = 1024;
		lim.regex_budget = 10000;
	}
	data++;
	size--;
	nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	buf_adds(&yaml, "rules:\n- id: fuzz\n  category: social\n  topic: fuzz\n  pattern: ");
	yaml_quote(&yaml, data, (size_t)(nl - data));
	buf_addch(&yaml, '\n');
	buf_add(&subj, nl + 1, size - (size_t)(nl + 1 - data));
	for (i = 0; i < subj.len;) {
		size_t ok = utf8_check(subj.ptr + i, subj.len - i);

		i += ok;
		if (i < subj.len)
			subj.ptr[i++] = '?';
	}
	ruleset_init(&rs);
	diag_init(&d, NULL);
	d.capture = &out;
	if (ruleset_add_text(&rs, yaml.ptr, yaml.len, "fuzz/rules.yaml", &d) == 0 &&
	    ruleset_compile(&rs, &d) == 0) {
		struct scan_opts o;
		struct scanner s;

		memset(&o, 0, sizeof(o));
		o.rules = &rs;
		o.keys = &meta_default_keys;
		o.limits = &lim;
		o.keep_hits = 1;
		scanner_init(&s, &o);
		classifier_begin_note(&s.cls);
		classify(&s.cls, subj.ptr, subj.len, &s.v);
		for (i = 0; i < s.v.nhits; i++) {
			const struct hit *h = &s.v.hits[i];

			FUZZ_CHECK(h->off <= subj.len && h->len <= subj.len - h->off);
			FUZZ_CHECK(h->off == subj.len || ((unsigned char)subj.ptr[h->off] & 0xC0) != 0x80);
		}
		if (!s.v.match_errors && !s.v.budget_out && rs.n == 1 && rs.v[0].re &&
		    s.v.classified == subj.len) {
			pcre2_match_data *md = pcre2_match_data_create(1, NULL);
			int rc = md ? pcre2_match(rs.v[0].re, (PCRE2_SPTR)subj.ptr, subj.len, 0,
						  PCRE2_NO_UTF_CHECK, md, NULL) : PCRE2_ERROR_NOMEMORY;

			if (rc >= 0) {
				FUZZ_CHECK(s.v.nhits == 1);
				FUZZ_CHECK(s.v.hits[0].off == pcre2_get_ovector_pointer(md)[0]);
			} else if (rc == PCRE2_ERROR_NOMATCH) {
				FUZZ_CHECK(s.v.nhits == 0);
			}
			pcre2_match_data_free(md);
		}
		scanner_release(&s);
	}
	fuzz_check_diags(out.ptr, out.len);
	ruleset_release(&rs);
	buf_release(&yaml);
	buf_release(&subj);
	buf_release(&out);
	return 0;
}
