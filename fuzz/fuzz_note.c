/*
 * Fuzz target: the whole note pipeline (read, front matter, passages,
 * classification with the built-in rules, tally) and a renderer writing
 * to memory.  The first byte picks the format and level.  Invariants:
 * messages are escaped lines; the report holds no raw control byte but
 * line ends (and tabs in TSV); JSON output parses as far as its brackets
 * balance; scanning twice gives the same bytes.
 */
#include "fuzz.h"

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "limits.h"
#include "meta.h"
#include "note.h"
#include "report.h"
#include "rules.h"
#include "rules_file.h"
#include "scan.h"
#include "tally.h"

#define MAX_INPUT (256 * 1024)

static struct ruleset rules;
static struct scan_opts so;
/* One scanner for every input, as a worker thread keeps one for every
 * note: state left over from one note must not change the next (the
 * run-twice check below would see it). */
static struct scanner scanner;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d;

	(void)argc;
	(void)argv;
	diag_init(&d, stderr);
	ruleset_init(&rules);
	if (ruleset_add_builtin(&rules, &d) < 0 || ruleset_compile(&rules, &d) < 0)
		abort();
	so.rules = &rules;
	so.keys = &meta_default_keys;
	so.keep_hits = 1;
	scanner_init(&scanner, &so);
	return 0;
}

static void render(const uint8_t *data, size_t size, unsigned opts, struct buf *res)
{
	struct note_result r;
	struct report_opts ro;
	struct report rep;
	struct tally t;
	struct tally_opts to;
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f;

	so.client_from_dir = (opts >> 4) & 1;
	memset(&ro, 0, sizeof(ro));
	ro.format = (enum format)(opts & 3);
	ro.by = (enum level)((opts >> 2) % 3);
	ro.rules = &rules;
	ro.explain = ro.by == BY_PASSAGE && ((opts >> 5) & 1);
	ro.annotate = ro.by == BY_PASSAGE && ro.format == FORMAT_TEXT && ((opts >> 6) & 1);
	memset(&to, 0, sizeof(to));
	to.target_lo = 10;
	to.target_hi = 35;
	to.referral_rate = 0.5;
	to.referral_min = 2;
	to.stale_days = 90;
	memcpy(to.today, "2026-06-01", 11);

	f = open_memstream(&mem, &memlen);
	FUZZ_CHECK(f != NULL);
	note_result_init(&r);
	note_set_text(&r.note, "fuzz/Client Co/2026-05-04 note.md", (const char *)data, size);
	scan_loaded(&scanner, &r);
	fuzz_check_diags(r.diags.ptr, r.diags.len);
	buf_add(res, r.diags.ptr, r.diags.len);
	tally_init(&t, rules.topics.n, &to);
	report_begin(&rep, &ro, f);
	if (r.status == NOTE_OK) {
		tally_add(&t, &r);
		report_note(&rep, &r);
	}
	tally_finish(&t, &to);
	report_end(&rep, &t);
	report_release(&rep);
	tally_release(&t);
	fclose(f);
	buf_add(res, mem, memlen);
	{
		size_t i;

		for (i = 0; i < memlen; i++) {
			unsigned char c = (unsigned char)mem[i];

			FUZZ_CHECK(c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F));
		}
	}
	free(mem);
	note_result_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	if (size < 1 || size > MAX_INPUT)
		return 0;
	render(data + 1, size - 1, data[0], &a);
	if (data[0] & 0x80) {
		render(data + 1, size - 1, data[0], &b);
		FUZZ_CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	}
	buf_release(&a);
	buf_release(&b);
	return 0;
}
