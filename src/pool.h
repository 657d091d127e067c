/*
 * pool: scans notes on several threads and hands the results back in the
 * order of the paths, so the report is byte for byte the same whatever the
 * number of threads.  At most `window` results wait at once, so memory
 * does not grow with the number of notes.
 *
 * Each worker has its own scanner; the options and rules are shared and
 * only read.  With one job no thread is started.
 */
#ifndef BANTER_POOL_H
#define BANTER_POOL_H

#include <stddef.h>

#include "scan.h"

/* Called on the calling thread for each result, in path order.  Returns 0
 * to go on, or -1 to stop (e.g. standard output failed). */
typedef int (*pool_consume_fn)(struct note_result *r, void *arg);

/*
 * Scans paths[0, n) with `jobs` threads and calls `consume` for each result
 * in order.  Returns 0, or -1 when `consume` asked to stop.
 */
int pool_run(const char *const *paths, size_t n, unsigned jobs,
	     const struct scan_opts *opts, pool_consume_fn consume, void *arg);

/* The number of processors online (at least 1). */
unsigned pool_cpus(void);

#endif
