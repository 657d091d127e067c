#include "diag.h"
#include "buf.h"
#include "esc.h"

#include <stdarg.h>
#include <string.h>

void diag_init(struct diag *d, FILE *out)
{
	d->out = out;
	d->capture = NULL;
	d->errors = 0;
	d->warnings = 0;
	d->quiet = 0;
}

static const char *const level_names[] = { "note", "warning", "error" };

void diag_report(struct diag *d, enum diag_level level, const char *path,
		 unsigned line, unsigned col, const char *fmt, ...)
{
	struct buf local = BUF_INIT, *b = d->capture ? d->capture : &local;
	va_list ap;

	if (d->quiet && level != DIAG_ERROR) {
		d->warnings += level == DIAG_WARNING;
		return;
	}

	buf_adds(b, "banter: ");
	if (path) {
		esc_text(b, path, strlen(path), 0);
		if (line) {
			buf_addf(b, ":%u", line);
			if (col)
				buf_addf(b, ":%u", col);
		}
		buf_adds(b, ": ");
	}
	buf_adds(b, level_names[level]);
	buf_adds(b, ": ");
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
	buf_addch(b, '\n');
	if (!d->capture) {
		fwrite(local.ptr, 1, local.len, d->out);
		fflush(d->out);
		buf_release(&local);
	}
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
}
