/*
 * Fuzz target: the rule-file loader (YAML -> rules -> PCRE2 compile under
 * banter's policy), then every example of the rules that compiled.
 * Invariants: every message is one escaped line; accepted rules hold a
 * compiled pattern within the pattern-length cap.
 */
#include "fuzz.h"

#include "buf.h"
#include "diag.h"
#include "rules.h"
#include "rules_file.h"

#define MAX_INPUT (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ruleset rs;
	struct diag d;
	struct buf out = BUF_INIT;

	if (size > MAX_INPUT)
		return 0;
	ruleset_init(&rs);
	diag_init(&d, NULL);
	d.capture = &out;
	if (ruleset_add_text(&rs, (const char *)data, size, "fuzz/rules.yaml", &d) == 0 &&
	    ruleset_compile(&rs, &d) == 0) {
		size_t i;

		for (i = 0; i < rs.n; i++)
			FUZZ_CHECK(rs.v[i].re != NULL);
		ruleset_check_examples(&rs, &d);
	}
	fuzz_check_diags(out.ptr, out.len);
	ruleset_release(&rs);
	buf_release(&out);
	return 0;
}
