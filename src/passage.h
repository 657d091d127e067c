/*
 * passage: splits the body of a note into passages, the units banter
 * classifies.
 *
 * A passage is a paragraph, one list item (nested items are passages of
 * their own), or a quoted paragraph.  Headings are not passages, but name
 * the section of the passages below them.  Fenced code blocks (``` or ~~~),
 * HTML comments (<!-- ... -->) and Obsidian's (%% ... %%) on lines of their
 * own, thematic breaks (---, ***, ___), setext underlines and link
 * reference definitions ("[label]: url 'title'", not footnotes) are
 * skipped; a comment inside a passage is blanked by markup_blank().
 * Tables and other text are ordinary paragraphs: lines indented 4 columns
 * or more are text, not code (note-takers indent prose), and so are lines
 * of HTML tags, though markup_blank() blanks the tags.
 *
 * Every position is relative to the note's whole text, so that line numbers
 * are those of the file: the caller passes where the body starts.
 *
 * A pasted meeting transcript is read as turns: one passage of kind
 * PASSAGE_TURN per speaker turn, with its speaker.  A fence is read when
 * all of its content is a transcript (then its lines are not skipped; text
 * before the first turn belongs to none); in the body, a run of turns at
 * the top level (not in a list item or quote) is, and it ends at a heading,
 * fence, list item, quote, thematic break or comment, or at a paragraph
 * after a blank line.  The lines of a turn:
 *  - "Name: text", "**Name:** text", "**Name**: text" (plain and bold
 *    labels; "me:", "them:", "you:" as Granola's exports write them);
 *  - "[00:01:02] Name: text", "(0:03) Name: text", "00:01:02 Name: text",
 *    and "[00:01:02] Name" over the turn's lines;
 *  - "Name (00:01:02): text", "**Name (00:01:02):** text";
 *  - "Name  0:03", "Name (00:01:02)", "**Name** 10:30 AM" over the turn's
 *    lines (Otter, Teams), or "Name   0:03 text" on one line;
 *  - WebVTT and SRT, as Zoom and Teams write them: "WEBVTT", cue numbers
 *    or ids, "00:00:01.230 --> 00:00:04.560" and "Name: text" (Zoom) or
 *    "<v Name>text</v>" (Teams) in the cues.
 * A turn goes on over the lines that follow until the next speaker's line,
 * or, in the body (not in a fence), a blank line; in a subtitle file, over
 * the next cues without a label.  Lines by the same speaker, one after the
 * other, are one turn: its later labels, timestamps and cue lines are holes
 * in its span, which passage_blank() blanks and its word count leaves out.
 * The first label is not in the span: the passage starts at its words.
 *
 * What makes a run or a fence a transcript: turns (with words) by at least
 * two different speakers, at most 64, and
 *  - a subtitle file ("WEBVTT" or a cue timing), or at least half of the
 *    turns with a timestamp in brackets or parentheses, a header's time or
 *    a Teams voice tag: then a speaker may be any display name;
 *  - otherwise (plain and bold labels, a bare clock time as in an agenda
 *    "10:00 Demo: ..."), a conversation that goes back and forth: at least
 *    half of the turns by speakers who have more than one.  Such a label
 *    must be shaped like a name (one to four words, each capitalised, or a
 *    number after the first: "Ann", "Mary O'Neil", "Speaker 2") and not
 *    one of the field names notes use ("Date", "Note", "Action", "Owner",
 *    "Website", "Location", ...), of a mail's headers ("From", "To") or
 *    of a log's levels ("INFO", "ERROR").  So a list of "Key: value" lines, each
 *    key once, stays a paragraph, and so do two lines "Ann: hi", "Bob:
 *    hello".
 *
 * Layer: passages.  May call markup, transcript and the primitives.
 */
#ifndef BANTER_PASSAGE_H
#define BANTER_PASSAGE_H

#include <stddef.h>

#include "buf.h"

enum passage_kind {
	PASSAGE_PARAGRAPH,
	PASSAGE_ITEM,
	PASSAGE_QUOTE,
	PASSAGE_TURN		/* a speaker's turn in a transcript */
};

struct passage {
	size_t off;		/* first byte of the text, after any list or quote marker */
	size_t len;		/* up to the end of the last line's text, no line end */
	unsigned line;		/* 1-based line of the file where it starts */
	unsigned col;		/* 1-based byte column of `off` on that line */
	unsigned words;		/* tokens holding a letter, digit or non-ASCII byte */
	enum passage_kind kind;
	size_t section_off;	/* its section's name, in the list's `sections` */
	size_t section_len;	/* 0 when no heading came before */
	size_t speaker_off;	/* a turn's speaker: a span of the note, before `off` */
	size_t speaker_len;	/* 0 when the passage is no turn */
	size_t hole_start;	/* its holes, in the list's `holes` */
	size_t hole_n;
};

/* Bytes inside a turn's span that are not its words: a later label of the
 * same speaker, a subtitle cue's number and timing, a closing "</v>". */
struct passage_hole {
	size_t off;
	size_t len;
};

/*
 * The list owns `v`, `holes` and `sections`, which holds the names of the
 * sections one after another (not NUL-terminated each): a name is a
 * heading's text as a reader sees it, a copy rather than a span of the
 * note.  `skipped_lines` counts the lines inside fenced blocks that were
 * not read (every fence but a transcript's; not its opening and closing
 * lines).
 */
struct passage_list {
	struct passage *v;
	size_t n;
	size_t alloc;
	struct buf sections;
	struct passage_hole *holes;
	size_t nholes;
	size_t holes_alloc;
	unsigned long skipped_lines;
};

#define PASSAGE_LIST_INIT { NULL, 0, 0, BUF_INIT, NULL, 0, 0, 0 }

/*
 * Appends the passages of text[body_off, len) to `out`, in order.  The body
 * starts on line `body_line` of the file.  Line ends may be LF, CRLF or a
 * lone CR.  Never fails (except on out of memory, which exits).
 *
 * The passages point into `text` (borrowed spans: they live as long as it
 * does); their section names are copies, in out->sections.  A passage's
 * span ends at its last line's text with trailing blanks trimmed; a
 * multi-line quote's span includes the '>' markers of its later lines.
 * Passages without words are left out.  Rules beyond the file comment
 * above, chosen as CommonMark does where it has a say:
 *  - a paragraph line (an item's text included) followed by a line of
 *    only '=' or only '-' is a (setext) heading, the underline being
 *    indented into the item the text is in ("- Bar\n  ---" names "Bar",
 *    as "- # Bar" does); "---" after a blank line, a quote, or a list item
 *    it is not indented into is a thematic break;
 *  - a list marker starts an item anywhere, except that after a paragraph
 *    line (an item's text included) an empty item or an ordered one not
 *    numbered 1 is paragraph text ("we ended at\n10. then..." stays one
 *    paragraph); a marker less indented than the item it follows leaves
 *    that item, and starts a sibling, an outer item or a new list; a
 *    marker right after a marker opens a nested item ("- - a", "1. - a"),
 *    whose text starts after both;
 *  - headings, fences, comments, quotes and breaks may be indented 0-3
 *    columns past the content column of the list item they sit in (tabs
 *    are 4-column stops), so a fence indented inside an item is skipped;
 *    they may start on the item's marker line too ("1. ```", "- # Title",
 *    "- <!-- aside --> text", where the item's text is what follows the
 *    comment); a non-blank line indented less than that item's content
 *    ends such a fence or comment;
 *  - "#tag" is text (a heading needs a blank after its '#'s); a closing
 *    run of '#' counts only after a blank;
 *  - a section's name is its heading's text without the closing run of
 *    '#', comments (an unclosed "<!--" is text, as in a passage), HTML
 *    tags (as markup_blank() reads them) and a quote's '>' markers on
 *    later lines, with each run of blanks and
 *    line ends made one space, and trimmed: "# Plans <!-- x -->" names
 *    "Plans", "Setext\r\nheading\n===" names "Setext heading";
 *  - an HTML comment's "-->" is looked for after its "<!--"; what follows
 *    it on its line is text;
 *  - Obsidian's comments are "%%" at the start of a line (0-3 columns in,
 *    as above), running to the next line that holds a "%%", what follows
 *    which is text ("%%\nprivate\n%%", "%%aside%% text"); and, inside a
 *    line, "%%" at its start or after a blank, closed by a "%%" on the same
 *    line ("talked %%golf%% pricing").  So "50%%" opens none, and a "%%"
 *    that nothing closes is text: unlike an unclosed "<!--" at the start
 *    of a line, which CommonMark hides to the end, it hides nothing, as a
 *    stray "%%" is likelier than a comment left open;
 *  - a link reference definition is skipped only where a paragraph would
 *    start, only when it fits on its line, and only when its url looks like
 *    one ("[Update]: done" is talk).
 */
void passage_split(const char *text, size_t len, size_t body_off,
		   unsigned body_line, struct passage_list *out);

/*
 * Blanks, with spaces, the holes of passage p of list l in `text` (the
 * text it was split from): what its span holds that is not words of the
 * turn.  p->words already leaves them out.  Nothing for other passages.
 */
void passage_blank(char *text, const struct passage_list *l, const struct passage *p);

/* Empties the list (the section names too), keeping its storage. */
void passage_list_reset(struct passage_list *l);
void passage_list_release(struct passage_list *l);

#endif
