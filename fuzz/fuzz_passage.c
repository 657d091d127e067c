/*
 * Fuzz target: the passage splitter.  Invariants: passages come in order,
 * do not overlap, lie inside the body, start on a line and column that a
 * slow recount agrees with, and hold at least one word.
 */
#include "fuzz.h"

#include <string.h>

#include "note.h"
#include "util.h"
#include "markup.h"
#include "passage.h"

#define MAX_INPUT (256 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct passage_list pl = PASSAGE_LIST_INIT;
	const char *t;
	char *copy;
	size_t body, i, j, prev_end;
	unsigned line, col, body_line;

	if (size < 1 || size > MAX_INPUT)
		return 0;
	/* the first byte: where the body starts (as if after front matter) */
	body = data[0] % 8 < size - 1 ? data[0] % 8 : 0;
	copy = malloc(size);
	FUZZ_CHECK(copy != NULL);
	memcpy(copy, data + 1, size - 1);
	t = copy;
	size--;
	text_line_col(t, 0, 1, body, &body_line, &col);
	if (col != 1)
		body = 0, body_line = 1;
	passage_split(t, size, body, body_line, &pl);
	prev_end = body;
	for (i = 0; i < pl.n; i++) {
		const struct passage *p = &pl.v[i];

		FUZZ_CHECK(p->off >= prev_end);
		FUZZ_CHECK(p->off + p->len <= size);
		FUZZ_CHECK(p->len > 0);
		FUZZ_CHECK(p->words > 0);
		if (p->kind == PASSAGE_TURN) {
			/* its words are those left once its holes are blanked */
			FUZZ_CHECK(p->speaker_len > 0);
			FUZZ_CHECK(p->speaker_off + p->speaker_len <= p->off);
			FUZZ_CHECK(p->speaker_off >= prev_end);
			FUZZ_CHECK(p->hole_start + p->hole_n <= pl.nholes);
			for (j = p->hole_start; j < p->hole_start + p->hole_n; j++)
				FUZZ_CHECK(pl.holes[j].off >= p->off &&
					   pl.holes[j].off + pl.holes[j].len <= p->off + p->len);
			passage_blank(copy, &pl, p);
		}
		FUZZ_CHECK(p->words == markup_count_words(t + p->off, p->len) || p->kind == PASSAGE_QUOTE);
		text_line_col(t, 0, 1, p->off, &line, &col);
		FUZZ_CHECK(line == p->line);
		FUZZ_CHECK(col == p->col);
		FUZZ_CHECK(p->section_off + p->section_len <= pl.sections.len);
		prev_end = p->off + p->len;
	}
	passage_list_release(&pl);
	free(copy);
	return 0;
}
