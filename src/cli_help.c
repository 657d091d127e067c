/*
 * cli_help: --help and the messages about bad options (cli_help.h).
 * Layer: glue, below cli.c; calls limits and the primitives.
 */
#include "cli_help.h"
#include "buf.h"
#include "esc.h"
#include "limits.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"usage: banter [OPTIONS] [PATH...]\n"
	"Reads meeting notes (Markdown with YAML front matter) and reports, client by\n"
	"client, how business and social talk balance.  PATH is a note or a folder of\n"
	"notes (*.md, *.markdown, *.txt); '-' reads one note from standard input.\n"
	"\n"
	"Input:\n"
	"      --files-from=FILE    read the paths to scan from FILE ('-': standard input)\n"
	"  -0, --null               paths in --files-from end with NUL, not newline\n"
	"      --stdin-name=PATH    the name of the note read from standard input\n"
	"      --ext=LIST           extensions of notes in folders (default md,markdown,txt)\n"
	"      --follow             follow symbolic links inside folders\n"
	"      --client-from-dir[=N]  a note with no client counts under its folder's name,\n"
	"                           or with N under the folder N levels below the one named\n"
	"      --max-filesize=N     skip notes larger than N bytes (default 8M): --limit file-size=N\n"
	"  -j, --jobs=N             scan with N threads (default: one per processor)\n"
	"\n"
	"Filters:\n"
	"      --client=NAME        only this client (repeatable; case, spacing and aliases ignored)\n"
	"      --since=DATE         only notes dated DATE or later: YYYY-MM-DD, or 30d, 12w, 6m, 1y ago\n"
	"      --until=DATE         only notes dated DATE or earlier (same forms); stale counts from it\n"
	"      --tag=TAG            only notes with this tag (repeatable: any of them)\n"
	"\n"
	"Report:\n"
	"  -f, --format=FORMAT      text (default), json, jsonl, csv, tsv, markdown, html\n"
	"      --by=LEVEL           client (default), note or passage\n"
	"      --period=PERIOD      per client and week, month, quarter or year (none: off)\n"
	"      --annotate           one line per passage, path:line:col: label ..., for editors\n"
	"      --explain            with --annotate or --by=passage: the rules that matched\n"
	"  -o, --output=FILE        write the report to FILE; its extension picks the format\n"
	"      --color=WHEN         colour the text report: auto (default), always, never\n"
	"      --colour=WHEN        the same\n"
	"      --ascii              ASCII sparklines, as when the locale is not UTF-8\n"
	"      --redact[=clients]   leave out excerpts, sections, attendees, tags and paths\n"
	"                           (notes become note-0001); =clients: clients become client-01\n"
	"\n"
	"Flags and checks:\n"
	"      --target=LO-HI       the social share band, in percent (default 10-35)\n"
	"      --stale-days=N       flag a client not met for N days as stale (default 90; 0: off)\n"
	"      --referral-rate=X    flag referral-heavy above X referral asks a note (default 0.5)\n"
	"      --referral-min=N     ... and at least N asks (default 2)\n"
	"      --drift-periods=K    flag drifting when outside the band K periods running (default 3)\n"
	"      --today=DATE         the date that counts as today (default: the clock's)\n"
	"      --check              exit 1 when some client has a flag of --check-flags\n"
	"      --check-flags=LIST   the flags --check counts (default chatty,all-business)\n"
	"  -q, --quiet              no warnings or notes on stderr (errors still);\n"
	"                           with --check also print only flagged clients, or nothing\n"
	"\n"
	"Rules:\n"
	"      --rules=FILE         add the rules of FILE (repeatable); same id replaces\n"
	"      --no-default-rules   start from no rules instead of the built-in ones\n"
	"      --check-rules        try every rule's examples and counterexamples, then exit\n"
	"      --print-rules[=patterns]  print the rules in force as a rule file (or one\n"
	"                           pattern a line), then exit\n"
	"\n"
	"Configuration:\n"
	"      --config=FILE        read options from FILE instead of .banter.yaml\n"
	"      --no-config          read no configuration file\n"
	"      --limit=NAME=N       change one of the limits below (repeatable)\n"
	"\n"
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n";

static const char usage_tail[] =
	"\n"
	"Exit status: 0 when every input was processed (and, with --check, no client\n"
	"is flagged); 1 when --check found a flagged client; 2 on trouble: bad usage,\n"
	"a bad rule or configuration, a failed write, or inputs that could not be\n"
	"processed.  See banter(1).\n";

void cli_help_print(void)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, usage_text);
	buf_adds(&b, "\nLimits (--limit=NAME=N; N may end in K, M or G):\n");
	limits_describe(&b);
	buf_adds(&b, usage_tail);
	fwrite(b.ptr, 1, b.len, stdout);
	buf_release(&b);
}

void cli_help_verror(const char *path, unsigned line, unsigned col, int hint,
		     const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT, out = BUF_INIT;

	/* the message quotes what was given, which may hold any byte: it is
	 * escaped, so that it stays one line and sends the terminal nothing */
	buf_adds(&out, "banter: ");
	if (path) {
		esc_text(&out, path, strlen(path), 0);
		buf_addf(&out, ":%u:%u: ", line, col);
	}
	buf_adds(&out, "error: ");
	buf_vaddf(&msg, fmt, ap);
	esc_text(&out, msg.ptr, msg.len, 0);
	buf_addch(&out, '\n');
	fwrite(out.ptr, 1, out.len, stderr);
	buf_release(&msg);
	buf_release(&out);
	if (hint)
		fputs("Try 'banter --help' for more information.\n", stderr);
}
