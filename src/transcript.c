#include "transcript.h"

#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "util.h"

/*
 * One pass over the lines, each classified on its own (with one line of
 * look-ahead, for a subtitle cue's number), and a little state: the turn
 * being read and the speakers seen so far.  Turns are appended to the list
 * as they come, and taken back if the run turns out to be no transcript.
 *
 * A speaker who goes on (the next cue of a subtitle file, the next line or
 * header with the same name) goes on the same turn: its label, timestamps
 * and cue lines between become holes, which passage_blank() blanks.  The
 * holes met since the turn's last text are pending: they become part of
 * the turn only if more text of it follows.
 */

/* More speakers than this in one run: no meeting, but a list of things. */
#define MAX_SPEAKERS 64
/* The longest speaker name read, in bytes, and the longest label. */
#define NAME_MAX_LEN 64
#define LABEL_MAX_LEN 80

enum tl_kind {
	TL_BLANK,
	TL_TEXT,
	TL_TURN,	/* a speaker and the start of what they say */
	TL_HEAD,	/* a speaker, whose words are on the lines below */
	TL_META		/* "WEBVTT", a cue's number or timing, a tool's notice */
};

struct tline {
	enum tl_kind kind;
	int timing;		/* a subtitle cue's timing line */
	int strong;		/* a timestamp or a voice tag vouches for the speaker */
	size_t name, name_len;
	size_t text;		/* TL_TURN, TL_TEXT: the first byte of the words */
	size_t end;		/* their end: before a closing "</v>" */
	size_t e;		/* the end of the line, blanks trimmed */
};

struct speaker {
	size_t off, len;
	unsigned turns;
};

struct reader {
	const char *t;
	struct passage_list *out;
	int fenced;
	int vtt;		/* a "WEBVTT" line or a cue timing was seen */
	size_t sec_off, sec_len;

	/* the turn being read */
	int has_speaker, has_passage, strong;
	size_t spk_off, spk_len;
	size_t committed;	/* out->nholes: the holes inside the turn */

	struct speaker spk[MAX_SPEAKERS];
	unsigned nspk, turns, strong_turns;
	int too_many;
};

/* Labels that name a field of a note, a mail header or a log line's level,
 * never a speaker (lower case, sorted for bsearch). */
static const char *const not_speakers[] = {
	"action", "action item", "action items", "actions", "address", "agenda",
	"answer", "answers", "assignee", "attachment", "attachments", "attendees",
	"background", "bcc", "blocker", "blockers", "budget", "bug", "category",
	"caution", "cc", "client", "company", "cons", "context", "cost", "critical",
	"customer", "danger", "date", "deadline", "debug", "decision", "decisions",
	"done", "due", "duration", "edit", "email", "err", "error", "example",
	"fatal", "feature", "fix", "fixme", "from", "fyi", "goal", "goals", "hint",
	"important", "info", "input", "issue", "issues", "link", "links",
	"location", "log", "meeting", "minutes", "mobile", "name", "nb", "next",
	"next steps", "note", "notes", "objective", "objectives", "outcome",
	"outcomes", "output", "owner", "owners", "participants", "phase", "phone",
	"place", "present", "price", "pricing", "priority", "project", "pros", "ps",
	"purpose", "question", "questions", "re", "ref", "reminder", "reply-to",
	"result", "results", "returns", "risk", "risks", "role", "room", "scope",
	"sent", "source", "stage", "status", "step", "subject", "summary", "syntax",
	"tags", "team", "tel", "test", "time", "timeline", "tip", "title", "to",
	"todo", "topic", "topics", "total", "trace", "type", "update", "updates",
	"url", "usage", "venue", "version", "warn", "warning", "web", "website",
	"when", "where", "who", "why",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int not_a_speaker(const char *s, size_t n)
{
	char low[NAME_MAX_LEN + 1];
	const char *key = low;
	size_t i;

	if (n > NAME_MAX_LEN)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)to_lower((unsigned char)s[i]);
	low[n] = '\0';
	return bsearch(&key, not_speakers, sizeof(not_speakers) / sizeof(*not_speakers),
		       sizeof(*not_speakers), cmp_str) != NULL;
}

static size_t skip_blanks(const char *t, size_t i, size_t e)
{
	while (i < e && is_blank(t[i]))
		i++;
	return i;
}

static size_t trim_end(const char *t, size_t a, size_t z)
{
	while (z > a && is_blank(t[z - 1]))
		z--;
	return z;
}

static size_t digits(const char *t, size_t i, size_t e, size_t max)
{
	size_t s = i;

	while (i < e && i - s < max && is_digit((unsigned char)t[i]))
		i++;
	return i - s;
}

/*
 * Where a time that starts at t[i] ends, or 0: "0:03", "12:05", "1:02:03",
 * "00:00:01.230" or "00:00:01,230" (as subtitle files write them), maybe
 * followed by " AM" or "pm".
 */
static size_t time_end(const char *t, size_t i, size_t e)
{
	size_t n = digits(t, i, e, 3), k;

	if (!n || i + n >= e || t[i + n] != ':')
		return 0;
	i += n + 1;
	if (digits(t, i, e, 3) != 2)
		return 0;
	i += 2;
	if (i + 2 < e && t[i] == ':' && digits(t, i + 1, e, 3) == 2)
		i += 3;
	if (i + 1 < e && (t[i] == '.' || t[i] == ',') && (n = digits(t, i + 1, e, 4)) >= 1 && n <= 3)
		i += 1 + n;
	if (i < e && is_digit((unsigned char)t[i]))
		return 0;
	k = skip_blanks(t, i, e);
	if (k + 1 < e && (t[k] == 'A' || t[k] == 'P' || t[k] == 'a' || t[k] == 'p') &&
	    (t[k + 1] == 'M' || t[k + 1] == 'm') && (k + 2 == e || !is_alnum((unsigned char)t[k + 2])))
		i = k + 2;
	return i;
}

static int is_timing(const char *t, size_t p, size_t e)
{
	size_t q = time_end(t, p, e);

	if (!q)
		return 0;
	q = skip_blanks(t, q, e);
	if (e - q < 3 || memcmp(t + q, "-->", 3) != 0)
		return 0;
	q = skip_blanks(t, q + 3, e);
	return time_end(t, q, e) != 0;
}

/* "me", "them", "you", as Granola's exports label the two sides. */
static int side_label(const char *s, size_t n)
{
	return span_ieq(s, n, "me") || span_ieq(s, n, "them") || span_ieq(s, n, "you");
}

/*
 * Whether t[a, z) is shaped like a person's name: one to four words, each
 * starting with a capital letter (or, after the first, a digit: "Speaker
 * 2"), made of letters, digits, '.', '-' and '\''; bytes above 0x7F count
 * as letters.  Or one of side_label()'s.
 */
static int name_shaped(const char *t, size_t a, size_t z)
{
	size_t i = a, words = 0;

	if (z == a || z - a > NAME_MAX_LEN)
		return 0;
	if (side_label(t + a, z - a))
		return 1;
	while (i < z) {
		unsigned char c = (unsigned char)t[i];

		if (words == 4 || !((c >= 'A' && c <= 'Z') || c >= 0xC0 || (words && is_digit(c))))
			return 0;
		for (i++; i < z && t[i] != ' '; i++) {
			c = (unsigned char)t[i];
			if (c < 0x80 && !is_alnum(c) && c != '\'' && c != '-' && c != '.')
				return 0;
		}
		words++;
		if (i < z && (++i == z || t[i] == ' '))
			return 0;
	}
	return 1;
}

/* A display name as a meeting tool writes it: anything up to 64 bytes
 * without control characters, holding a letter. */
static int name_lax(const char *t, size_t a, size_t z)
{
	int letter = 0;

	if (z == a || z - a > NAME_MAX_LEN)
		return 0;
	for (; a < z; a++) {
		unsigned char c = (unsigned char)t[a];

		if (c < 0x20 || c == 0x7F)
			return 0;
		letter |= is_alpha(c) || c >= 0x80;
	}
	return letter;
}

/*
 * Splits the label t[a, z) into a name and a time after it, "Alice
 * (00:01:02)", "Alice [0:03]" or "Alice  0:03" (two blanks or a tab, as
 * Otter and Teams write it): *z_name is where the name ends, and the
 * return value is whether there was a time.
 */
static int name_time(const char *t, size_t a, size_t z, size_t *z_name)
{
	size_t i, q;

	*z_name = z;
	if (z - a < 5)
		return 0;
	if (t[z - 1] == ')' || t[z - 1] == ']') {
		char open = t[z - 1] == ')' ? '(' : '[';

		for (i = z - 1; i > a && t[i - 1] != open; i--)
			;
		if (i > a + 1 && is_blank(t[i - 2]) && time_end(t, i, z - 1) == z - 1) {
			*z_name = trim_end(t, a, i - 1);
			return 1;
		}
		return 0;
	}
	/* a blank run of two or a tab, then a time to the end */
	for (i = a; i + 1 < z && i - a <= NAME_MAX_LEN; i++) {
		if (!is_blank(t[i]) || !(t[i] == '\t' || is_blank(t[i + 1])))
			continue;
		q = skip_blanks(t, i, z);
		if (q < z && time_end(t, q, z) == z) {
			*z_name = i;
			return 1;
		}
		return 0;
	}
	return 0;
}

/* Where a "</v>" that closes a Teams voice span ends the line, or e. */
static size_t before_close_v(const char *t, size_t a, size_t e)
{
	if (e - a >= 4 && !memcmp(t + e - 4, "</v>", 4))
		return trim_end(t, a, e - 4);
	return e;
}

/*
 * A label, "Name: text": the name (maybe with a time after it) in *tl, and
 * whether the line is a turn.  The label is t[a, colon), the words start
 * at or after `from`.  With `lax`, a timestamp or a subtitle file vouches
 * for the line and the name may be any display name; otherwise it must be
 * shaped like one, and not name a field of the note ("Date", "Note").
 */
static int label(const char *t, size_t a, size_t colon, size_t from, size_t e, int lax,
		 struct tline *tl)
{
	size_t zn, text = skip_blanks(t, from, e);
	int timed = name_time(t, a, trim_end(t, a, colon), &zn);

	if (timed || lax) {
		if (!name_lax(t, a, zn))
			return 0;
	} else if (!name_shaped(t, a, zn) || not_a_speaker(t + a, zn - a)) {
		return 0;
	}
	tl->name = a;
	tl->name_len = zn - a;
	tl->strong |= timed || lax;
	tl->text = text;
	tl->end = before_close_v(t, text, e);
	tl->kind = text < tl->end ? TL_TURN : tl->strong ? TL_HEAD : TL_TEXT;
	return tl->kind != TL_TEXT;
}

/* The first ':' followed by a blank or the end, in a label's reach. */
static size_t find_colon(const char *t, size_t a, size_t e)
{
	size_t i, lim = e - a > LABEL_MAX_LEN ? a + LABEL_MAX_LEN : e;

	for (i = a; i < lim; i++)
		if (t[i] == ':' && (i + 1 == e || is_blank(t[i + 1])))
			return i;
	return e;
}

/* "<v Name>text</v>" or "<v.class Name>text", as Teams writes cues. */
static int voice(const char *t, size_t p, size_t e, struct tline *tl)
{
	const char *g;
	size_t a, z;

	if (e - p < 5 || t[p] != '<' || t[p + 1] != 'v' || (t[p + 2] != ' ' && t[p + 2] != '.'))
		return 0;
	g = memchr(t + p + 2, '>', e - p - 2);
	if (!g || (size_t)(g - t) - p > NAME_MAX_LEN + 40)
		return 0;
	z = (size_t)(g - t);
	for (a = p + 2; a < z && !is_blank(t[a]); a++)
		;
	a = skip_blanks(t, a, z);
	z = trim_end(t, a, z);
	if (!name_lax(t, a, z))
		return 0;
	tl->name = a;
	tl->name_len = z - a;
	tl->strong = 1;
	tl->text = skip_blanks(t, (size_t)(g - t) + 1, e);
	tl->end = before_close_v(t, tl->text, e);
	tl->kind = tl->text < tl->end ? TL_TURN : TL_HEAD;
	return 1;
}

/* "[00:01:02] Name: text", "(0:03) Name", "00:01:02 - Name: text". */
static int timestamp_first(const char *t, size_t p, size_t e, int vtt, struct tline *tl)
{
	size_t q = p, r, c;
	char close = 0;

	if (t[q] == '[' || t[q] == '(')
		close = t[q++] == '[' ? ']' : ')';
	if (!(r = time_end(t, q, e)))
		return 0;
	if (close) {
		if (r == e || t[r] != close)
			return 0;
		r++;
	} else if (r == e || !is_blank(t[r])) {
		return 0;
	}
	r = skip_blanks(t, r, e);
	if (r + 1 < e && (t[r] == '-' || t[r] == '|') && is_blank(t[r + 1]))
		r = skip_blanks(t, r + 1, e);
	/* a bare clock time may start an agenda's line: only brackets vouch */
	tl->strong = close != 0;
	if ((c = find_colon(t, r, e)) < e && label(t, r, c, c + 1, e, vtt || close, tl))
		return 1;
	if (r < e && name_shaped(t, r, e) && !not_a_speaker(t + r, e - r)) {
		tl->kind = TL_HEAD;
		tl->name = r;
		tl->name_len = e - r;
		return 1;
	}
	return 0;
}

/* "**Name:** text", "**Name**: text", "**Name (0:03):** text", and
 * "**Name** 10:30 AM" over the turn's lines (Teams). */
static int bold(const char *t, size_t p, size_t e, int vtt, struct tline *tl)
{
	const char *g;
	size_t a = p + 2, z, after, r, zn;

	if (e - p < 5 || t[p] != '*' || t[p + 1] != '*')
		return 0;
	g = span_find(t + a, e - a > LABEL_MAX_LEN ? LABEL_MAX_LEN : e - a, "**", 2);
	if (!g)
		return 0;
	z = (size_t)(g - t);
	after = z + 2;
	if (z > a && t[z - 1] == ':')
		return label(t, a, z - 1, after, e, vtt, tl);
	if (after < e && t[after] == ':')
		return label(t, a, z, after + 1, e, vtt, tl);
	r = skip_blanks(t, after, e);
	if (r > after && r < e && time_end(t, r, e) == e && name_shaped(t, a, z)) {
		tl->kind = TL_HEAD;
		tl->strong = 1;
		tl->name = a;
		tl->name_len = z - a;
		return 1;
	}
	if (after == e && name_time(t, a, z, &zn) && name_shaped(t, a, zn)) {
		tl->kind = TL_HEAD;
		tl->strong = 1;
		tl->name = a;
		tl->name_len = zn - a;
		return 1;
	}
	return 0;
}

/* "Name  0:03" or "Name (00:01:02)" over the turn's lines (Otter, Teams),
 * or "Name   0:03 text" on one line, as Teams' document has it. */
static int header(const char *t, size_t p, size_t e, struct tline *tl)
{
	size_t zn, i, q, r;

	if (name_time(t, p, e, &zn)) {
		if (!name_shaped(t, p, zn))
			return 0;
		tl->kind = TL_HEAD;
		tl->strong = 1;
		tl->name = p;
		tl->name_len = zn - p;
		return 1;
	}
	for (i = p; i + 1 < e && i - p <= NAME_MAX_LEN; i++) {
		if (!is_blank(t[i]) || !(t[i] == '\t' || is_blank(t[i + 1])))
			continue;
		q = skip_blanks(t, i, e);
		if (!(r = time_end(t, q, e)) || r == e || !is_blank(t[r]) || !name_shaped(t, p, i))
			return 0;
		tl->kind = TL_TURN;
		tl->strong = 1;
		tl->name = p;
		tl->name_len = i - p;
		tl->text = skip_blanks(t, r, e);
		tl->end = e;
		return 1;
	}
	return 0;
}

/* Notices meeting tools write into a transcript, which are not talk. */
static int notice(const char *t, size_t p, size_t e)
{
	static const char *const tails[] = { "started transcription", "stopped transcription" };
	size_t i;

	if (e - p >= 15 && !memcmp(t + p, "Transcribed by ", 15))
		return 1;
	for (i = 0; i < 2; i++) {
		size_t n = strlen(tails[i]);

		if (e - p > n && !memcmp(t + e - n, tails[i], n))
			return 1;
	}
	return 0;
}

static void classify_line(const char *t, size_t p, size_t e, int vtt, struct tline *tl)
{
	size_t c;

	memset(tl, 0, sizeof(*tl));
	tl->e = e;
	tl->text = p;
	tl->end = before_close_v(t, p, e);
	if (p == e) {
		tl->kind = TL_BLANK;
		return;
	}
	tl->kind = TL_TEXT;
	if ((e - p == 6 || (e - p > 6 && is_blank(t[p + 6]))) && !memcmp(t + p, "WEBVTT", 6)) {
		tl->kind = TL_META;
		return;
	}
	if (is_timing(t, p, e)) {
		tl->kind = TL_META;
		tl->timing = 1;
		return;
	}
	if (notice(t, p, e)) {
		tl->kind = TL_META;
		return;
	}
	if (voice(t, p, e, tl) || timestamp_first(t, p, e, vtt, tl) || bold(t, p, e, vtt, tl))
		return;
	memset(tl, 0, sizeof(*tl));
	tl->e = e;
	tl->kind = TL_TEXT;
	tl->text = p;
	tl->end = before_close_v(t, p, e);
	if ((c = find_colon(t, p, e)) < e && label(t, p, c, c + 1, e, vtt, tl))
		return;
	tl->kind = TL_TEXT;
	tl->strong = 0;
	if (header(t, p, e, tl))
		return;
	memset(tl, 0, sizeof(*tl));
	tl->e = e;
	tl->kind = TL_TEXT;
	tl->text = p;
	tl->end = before_close_v(t, p, e);
}

/* Whether a line (not a turn) starts a Markdown block that ends a run of
 * turns in a note's body. */
static int block_line(const char *t, size_t p, size_t e)
{
	char c = t[p];
	size_t n = 0, q;

	switch (c) {
	case '#':
		while (p + n < e && t[p + n] == '#')
			n++;
		return n <= 6 && (p + n == e || is_blank(t[p + n]));
	case '`':
	case '~':
		while (p + n < e && t[p + n] == c)
			n++;
		return n >= 3;
	case '>':
		return 1;
	case '<':
		return e - p >= 4 && !memcmp(t + p, "<!--", 4);
	case '%':
		return e - p >= 2 && t[p + 1] == '%';
	case '=':
		return 1;
	case '-':
	case '*':
	case '+':
	case '_':
		if (p + 1 == e || is_blank(t[p + 1]))
			return c != '_';
		for (q = p; q < e && (t[q] == c || is_blank(t[q])); q++)
			n += t[q] == c;
		return q == e && n >= 3;
	default:
		break;
	}
	if (is_digit((unsigned char)c)) {
		n = digits(t, p, e, 9);
		q = p + n;
		return q < e && (t[q] == '.' || t[q] == ')') && (q + 1 == e || is_blank(t[q + 1]));
	}
	return 0;
}

static void hole(struct reader *r, size_t a, size_t z)
{
	struct passage_list *l = r->out;

	if (z <= a)
		return;
	l->holes = xgrow(l->holes, sizeof(*l->holes), l->nholes + 1, &l->holes_alloc);
	l->holes[l->nholes].off = a;
	l->holes[l->nholes].len = z - a;
	l->nholes++;
}

static void count_turn(struct reader *r)
{
	unsigned i;

	for (i = 0; i < r->nspk; i++)
		if (r->spk[i].len == r->spk_len && !memcmp(r->t + r->spk[i].off, r->t + r->spk_off, r->spk_len))
			break;
	if (i == r->nspk) {
		if (r->nspk == MAX_SPEAKERS) {
			r->too_many = 1;
			return;
		}
		r->spk[i].off = r->spk_off;
		r->spk[i].len = r->spk_len;
		r->spk[i].turns = 0;
		r->nspk++;
	}
	r->spk[i].turns++;
	r->turns++;
	r->strong_turns += r->strong != 0;
}

static void end_turn(struct reader *r)
{
	struct passage_list *l = r->out;

	l->nholes = r->committed;
	if (r->has_passage) {
		struct passage *p = &l->v[l->n - 1];

		p->hole_n = r->committed - p->hole_start;
		if (!p->words) {
			l->n--;
			l->nholes = p->hole_start;
		} else {
			count_turn(r);
		}
	}
	r->has_speaker = r->has_passage = r->strong = 0;
	r->committed = l->nholes;
}

/* A speaker line: returns whether the turn under way goes on. */
static int speaker(struct reader *r, const struct tline *tl)
{
	if (r->has_speaker && r->spk_len == tl->name_len &&
	    !memcmp(r->t + r->spk_off, r->t + tl->name, tl->name_len)) {
		r->strong |= tl->strong;
		return 1;
	}
	end_turn(r);
	r->has_speaker = 1;
	r->strong = tl->strong;
	r->spk_off = tl->name;
	r->spk_len = tl->name_len;
	return 0;
}

/* The words t[a, z) of the turn, on line `no` that starts at `row`; a
 * "</v>" after them, to the line's end e, is a pending hole. */
static void text(struct reader *r, size_t row, unsigned no, size_t a, size_t z, size_t e)
{
	struct passage_list *l = r->out;
	struct passage *p;
	unsigned words = markup_count_words(r->t + a, z - a);

	if (!r->has_passage) {
		l->nholes = r->committed;
		l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
		p = &l->v[l->n++];
		memset(p, 0, sizeof(*p));
		p->off = a;
		p->line = no;
		p->col = (unsigned)(a - row + 1);
		p->kind = PASSAGE_TURN;
		p->section_off = r->sec_off;
		p->section_len = r->sec_len;
		p->speaker_off = r->spk_off;
		p->speaker_len = r->spk_len;
		p->hole_start = l->nholes;
		r->has_passage = 1;
	}
	p = &l->v[l->n - 1];
	p->len = z - p->off;
	p->words += words;
	r->committed = l->nholes;
	hole(r, z, e);
}

/* The line after the one that starts at `pos`: its start, and in *eol the
 * end of this one. */
static size_t next_line(const char *t, size_t pos, size_t to, size_t *eol)
{
	while (pos < to && t[pos] != '\n' && t[pos] != '\r')
		pos++;
	*eol = pos;
	if (pos < to && t[pos] == '\r' && pos + 1 < to && t[pos + 1] == '\n')
		return pos + 2;
	return pos < to ? pos + 1 : pos;
}

static int accepted(const struct reader *r)
{
	unsigned i, again = 0;

	if (r->nspk < 2 || r->too_many)
		return 0;
	if (r->vtt || 2 * r->strong_turns >= r->turns)
		return 1;
	for (i = 0; i < r->nspk; i++)
		if (r->spk[i].turns > 1)
			again += r->spk[i].turns;
	return 2 * again >= r->turns;
}

int transcript_read(const char *text_, size_t from, size_t to, unsigned line,
		    int fenced, size_t sec_off, size_t sec_len,
		    struct passage_list *out, size_t *end)
{
	struct reader r;
	struct tline tl;
	size_t n0 = out->n, h0 = out->nholes, pos = from, eol, next, p, e, stop = to;
	int blank = 0, first = 1;
	unsigned no = line;

	memset(&r, 0, sizeof(r));
	r.t = text_;
	r.out = out;
	r.fenced = fenced;
	r.sec_off = sec_off;
	r.sec_len = sec_len;
	r.committed = out->nholes;
	for (; pos < to; pos = next, no++) {
		const char *t = text_;

		next = next_line(t, pos, to, &eol);
		p = skip_blanks(t, pos, eol);
		e = trim_end(t, p, eol);
		classify_line(t, p, e, r.vtt, &tl);
		/* a cue's number, or a Teams cue's id, comes right before its timing */
		if (tl.kind == TL_TEXT && next < to) {
			size_t eol2, np;

			next_line(t, next, to, &eol2);
			np = skip_blanks(t, next, eol2);
			if (is_timing(t, np, trim_end(t, np, eol2)))
				tl.kind = TL_META;
		}
		if (!fenced) {
			if (first && tl.kind != TL_TURN && tl.kind != TL_HEAD && tl.kind != TL_META)
				break;
			if (tl.kind == TL_TEXT && (blank || !r.has_speaker || block_line(t, p, e)))
				break;
		}
		first = 0;
		switch (tl.kind) {
		case TL_BLANK:
			blank = 1;
			continue;
		case TL_META:
			r.vtt |= tl.timing || (e - p >= 6 && !memcmp(t + p, "WEBVTT", 6));
			if (r.has_passage)
				hole(&r, p, e);
			break;
		case TL_HEAD:
			if (speaker(&r, &tl) && r.has_passage)
				hole(&r, p, e);
			break;
		case TL_TURN:
			if (speaker(&r, &tl) && r.has_passage)
				hole(&r, p, tl.text);
			text(&r, pos, no, tl.text, tl.end, e);
			break;
		case TL_TEXT:
			if (r.has_speaker)
				text(&r, pos, no, tl.text, tl.end, e);
			break;
		}
		blank = 0;
	}
	if (pos >= to)
		pos = to;
	stop = pos;
	end_turn(&r);
	if (end)
		*end = stop;
	if (accepted(&r))
		return 1;
	out->n = n0;
	out->nholes = h0;
	return 0;
}
