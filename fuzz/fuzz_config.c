/*
 * Fuzz target: the configuration file (.banter.yaml), read as banter reads
 * it, each key as its option.  The input is written to a file of this
 * process's own, since the reader takes a path.  Invariants: every message
 * is one escaped line; a file that loads leaves options that can be
 * released.
 */
#include "fuzz.h"

#include <stdio.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "diag.h"

#define MAX_INPUT (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct options o;
	struct diag d;
	struct buf out = BUF_INIT;
	FILE *f;

	if (size > MAX_INPUT)
		return 0;
	if (!*path)
		snprintf(path, sizeof(path), "/tmp/banter-fuzz-config-%ld.yaml", (long)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	cli_init(&o);
	diag_init(&d, NULL);
	d.capture = &out;
	(void)config_load(&o, path, &d);
	fuzz_check_diags(out.ptr, out.len);
	cli_release(&o);
	buf_release(&out);
	unlink(path);
	return 0;
}
