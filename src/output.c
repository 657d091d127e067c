/*
 * output: where the report goes (output.h).
 * Layer: glue; calls the primitives (diag) and the C library only (and
 * takes render.h's RENDER_MARKER, a constant).
 */
#include "output.h"
#include "diag.h"
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Whether the file at `path` starts with the marker of a report banter
 * wrote (a note never does: banter never writes to one). */
static int is_report(const char *path)
{
	char head[sizeof(RENDER_MARKER) - 1];
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, head, sizeof(head));
	close(fd);
	return n == (ssize_t)sizeof(head) && memcmp(head, RENDER_MARKER, sizeof(head)) == 0;
}

int output_open(struct output *out, const char *path, struct diag *d)
{
	struct stat st;

	out->path = NULL;
	out->f = stdout;
	out->fd = -1;
	out->met = 0;
	out->report = 0;
	if (!path || strcmp(path, "-") == 0)
		return 0;
	out->path = path;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		out->report = is_report(path);
		out->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (out->fd < 0 || !(out->f = tmpfile())) {
			diag_error(d, path, 0, 0, "%s", strerror(errno));
			if (out->fd >= 0)
				close(out->fd);
			return -1;
		}
		return 0;
	}
	if (!(out->f = fopen(path, "w"))) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

void output_meet_stdin(struct output *out)
{
	struct stat in_st, out_st;

	if (out->fd >= 0 && fstat(0, &in_st) == 0 && fstat(out->fd, &out_st) == 0 &&
	    in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
		out->met++;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copies the report into the existing -o file, unless it is a note (a
 * file the walk met that is not a report banter wrote). */
static int copy_output(struct output *out, struct diag *d)
{
	char chunk[65536];
	size_t n;
	int ret = 0;

	if (out->met && !out->report) {
		diag_error(d, out->path, 0, 0, "is one of the notes being read, "
			   "so the report was not written to it");
		return -1;
	}
	if (fflush(out->f) != 0 || fseek(out->f, 0, SEEK_SET) != 0 || ftruncate(out->fd, 0) < 0)
		ret = -1;
	while (!ret && (n = fread(chunk, 1, sizeof(chunk), out->f)) > 0)
		if (write_all(out->fd, chunk, n) < 0)
			ret = -1;
	if (!ret && ferror(out->f))
		ret = -1;
	if (ret)
		diag_error(d, out->path, 0, 0, "write error: %s", strerror(errno));
	return ret;
}

int output_done(struct output *out, struct diag *d)
{
	int ret = 0;

	if (out->f == stdout)
		return 0;
	if (out->fd >= 0) {
		ret = copy_output(out, d);
		fclose(out->f);
		if (close(out->fd) != 0 && !ret) {
			diag_error(d, out->path, 0, 0, "write error: %s", strerror(errno));
			ret = -1;
		}
		return ret;
	}
	if (fflush(out->f) != 0 || ferror(out->f) | (fclose(out->f) != 0)) {
		diag_error(d, out->path, 0, 0, "write error: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int output_width(FILE *out)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (cols && *cols) {
		n = strtol(cols, &end, 10);
		if (!*end && n > 0 && n < 100000)
			return (int)n;
	}
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

int output_color(enum color when, FILE *out)
{
	const char *term = getenv("TERM"), *no = getenv("NO_COLOR");

	if (when == COLOR_NEVER)
		return 0;
	if (when == COLOR_ALWAYS)
		return 1;
	if (no && *no)
		return 0;
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(out));
}

int output_utf8(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v, *dot;
	size_t i;

	for (i = 0; i < 3; i++) {
		v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		dot = strchr(v, '.');
		return dot && (strncasecmp(dot + 1, "utf-8", 5) == 0 || strncasecmp(dot + 1, "utf8", 4) == 0);
	}
	return 0;
}

int output_close_stdout(void)
{
	int err = fflush(stdout) != 0 || ferror(stdout);
	int saved = errno;

	if (fclose(stdout) != 0 && !err) {
		err = 1;
		saved = errno;
	}
	if (err) {
		fprintf(stderr, "banter: error: write error: %s\n",
			saved ? strerror(saved) : "unknown error");
		return -1;
	}
	return 0;
}
