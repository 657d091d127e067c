/*
 * Fuzz target: the .dic reader (a LIWC-style dictionary: a '%'-fenced
 * header of category ids and names, then entries), then the patterns made
 * of each category.  Invariants: every message is one escaped line; every
 * category has an id and a name; every pattern is at most the asked size.
 */
#include "fuzz.h"

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "dic.h"
#include "strlist.h"

#define MAX_INPUT (256 * 1024)
#define MAX_PATTERN 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dic dic;
	struct diag d;
	struct buf out = BUF_INIT;

	if (size > MAX_INPUT)
		return 0;
	dic_init(&dic);
	diag_init(&d, NULL);
	d.capture = &out;
	if (dic_parse(&dic, (const char *)data, size, "fuzz/words.dic", &d) == 0) {
		size_t c, k;

		for (c = 0; c < dic.n; c++) {
			struct strlist pats;

			memset(&pats, 0, sizeof(pats));

			FUZZ_CHECK(dic.v[c].id && dic.v[c].name && *dic.v[c].name);
			dic_patterns(&dic, c, MAX_PATTERN, &pats);
			for (k = 0; k < pats.n; k++)
				FUZZ_CHECK(strlen(pats.v[k]) <= MAX_PATTERN);
			strlist_release(&pats);
		}
	}
	fuzz_check_diags(out.ptr, out.len);
	dic_release(&dic);
	buf_release(&out);
	return 0;
}
