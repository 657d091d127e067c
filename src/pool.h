/*
 * pool: scans notes on several threads and hands the results back in the
 * order the notes were queued, so the report is byte for byte the same
 * whatever the number of threads.
 *
 * Paths are queued one at a time (as the walk finds them) and at most
 * `window` of them are in flight; when the window is full, pool_submit
 * first hands on the oldest result.  So memory follows the window, never
 * the number of notes, and the report begins before the walk ends.
 *
 * Each worker has its own scanner; the options and rules are shared and
 * only read.  With one job no thread is started: each note is scanned and
 * handed on inside pool_submit.  Nor is one for a single note: threads
 * start when a second note is queued.
 *
 * Layer: glue.  May call scan.c, labels (classify) and the primitives;
 * called by main.c.
 */
#ifndef BANTER_POOL_H
#define BANTER_POOL_H

#include <stddef.h>

#include "scan.h"

struct buf;
struct pool;

/* Called on the submitting thread for each result, in queue order.
 * Returns 0 to go on, or -1 to stop (e.g. standard output failed). */
typedef int (*pool_consume_fn)(struct note_result *r, void *arg);

/* A pool of `jobs` scanning threads (none for 1), started when needed. */
struct pool *pool_start(unsigned jobs, const struct scan_opts *opts, pool_consume_fn consume,
			void *arg);

/*
 * Queues the note at `path`.  When `pre` is given, its text
 * (messages about what came before this note, e.g. from the walk) is put in
 * front of the note's own messages, and `pre` is left empty.  Returns 0, or
 * -1 once `consume` has asked to stop.
 */
int pool_submit(struct pool *p, const char *path, struct buf *pre);

/* Hands on every queued result, stops the threads and frees the pool.
 * Returns 0, or -1 when `consume` asked to stop. */
int pool_finish(struct pool *p);

/* The number of processors online (at least 1). */
unsigned pool_cpus(void);

#endif
