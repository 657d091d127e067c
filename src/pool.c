/*
 * pool: notes scanned on several threads, handed back in order (pool.h).
 * Layer: glue; calls scan, classify and the primitives.
 */
#include "pool.h"
#include "buf.h"
#include "classify.h"
#include "scan.h"
#include "util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct slot {
	struct buf path;
	struct buf pre;		/* messages to go before the note's own */
	struct note_result r;
	int ready;
};

struct pool;

/* A thread's scanner, made before the thread starts: the scanners share
 * the compiled rules of the first one. */
struct worker {
	struct pool *p;
	struct scanner s;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t can_work;	/* a path was queued, or the pool is ending */
	pthread_cond_t done;		/* a result is ready */
	size_t submitted;	/* paths queued so far */
	size_t next;		/* the next path a worker takes */
	size_t consumed;	/* results handed on so far */
	int finishing;
	int stop;
	struct slot *slots;
	size_t window;
	const struct scan_opts *opts;
	pool_consume_fn consume;
	void *arg;
	unsigned jobs;
	struct worker *workers;
	pthread_t *threads;
	unsigned started;	/* threads running */
	int inline_;		/* no threads: each note is scanned as it comes */
	struct scanner s;	/* (then these are used) */
	struct note_result r;
	int holding;		/* the first path, kept until a second comes */
	struct buf held;
	struct buf held_pre;
};

unsigned pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;
	struct slot *sl;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && !p->finishing && p->next == p->submitted)
			pthread_cond_wait(&p->can_work, &p->mu);
		if (p->stop || p->next == p->submitted)
			break;
		sl = &p->slots[p->next++ % p->window];
		pthread_mutex_unlock(&p->mu);

		scan_note(&w->s, sl->path.ptr, -1, &sl->r);

		pthread_mutex_lock(&p->mu);
		sl->ready = 1;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void swap(struct buf *a, struct buf *b)
{
	struct buf t = *a;

	*a = *b;
	*b = t;
}

/* Puts `pre` in front of the result's own messages; `pre` is left empty. */
static void prepend(struct buf *pre, struct note_result *r)
{
	if (!pre->len)
		return;
	buf_add(pre, r->diags.ptr, r->diags.len);
	swap(&r->diags, pre);
	buf_reset(pre);
}

/* Waits for the oldest result and hands it on. */
static int consume_one(struct pool *p)
{
	struct slot *sl = &p->slots[p->consumed % p->window];
	int ret;

	pthread_mutex_lock(&p->mu);
	while (!sl->ready)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);

	prepend(&sl->pre, &sl->r);
	ret = p->consume(&sl->r, p->arg);

	pthread_mutex_lock(&p->mu);
	sl->ready = 0;
	p->consumed++;
	if (ret < 0) {
		p->stop = 1;
		pthread_cond_broadcast(&p->can_work);
	}
	pthread_mutex_unlock(&p->mu);
	return ret;
}

/* The work is done on this thread: one job, one note, or no thread could
 * be had. */
static void go_inline(struct pool *p)
{
	p->inline_ = 1;
	scanner_init(&p->s, p->opts);
	note_result_init(&p->r);
}

static int scan_inline(struct pool *p, const char *path, struct buf *pre)
{
	scan_note(&p->s, path, -1, &p->r);
	if (pre)
		prepend(pre, &p->r);
	if (p->consume(&p->r, p->arg) < 0)
		p->stop = 1;
	return p->stop ? -1 : 0;
}

/* Starts the threads; 0, or -1 when not one could be had. */
static int go_threaded(struct pool *p)
{
	size_t i;
	unsigned t;

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->can_work, NULL);
	pthread_cond_init(&p->done, NULL);
	p->window = (size_t)p->jobs * 8;
	p->slots = xcalloc(p->window, sizeof(*p->slots));
	for (i = 0; i < p->window; i++) {
		buf_init(&p->slots[i].path);
		buf_init(&p->slots[i].pre);
		note_result_init(&p->slots[i].r);
	}
	p->workers = xcalloc(p->jobs, sizeof(*p->workers));
	for (t = 0; t < p->jobs; t++) {
		p->workers[t].p = p;
		scanner_init(&p->workers[t].s, p->opts);
		if (t)
			classifier_share(&p->workers[t].s.cls, &p->workers[0].s.cls);
	}
	p->threads = xcalloc(p->jobs, sizeof(*p->threads));
	for (t = 0; t < p->jobs; t++) {
		if (pthread_create(&p->threads[t], NULL, work, &p->workers[t]) != 0)
			break;
		p->started++;
	}
	return p->started ? 0 : -1;
}

/* Queues a path for the threads, handing on the oldest result first when
 * the window is full. */
static int queue(struct pool *p, const char *path, struct buf *pre)
{
	struct slot *sl;

	while (p->submitted - p->consumed >= p->window)
		if (consume_one(p) < 0)
			return -1;
	sl = &p->slots[p->submitted % p->window];
	buf_reset(&sl->path);
	buf_adds(&sl->path, path);
	buf_reset(&sl->pre);
	if (pre)
		swap(&sl->pre, pre);
	pthread_mutex_lock(&p->mu);
	p->submitted++;
	pthread_cond_signal(&p->can_work);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

struct pool *pool_start(unsigned jobs, const struct scan_opts *opts, pool_consume_fn consume,
			void *arg)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	p->opts = opts;
	p->consume = consume;
	p->arg = arg;
	p->jobs = jobs;
	buf_init(&p->held);
	buf_init(&p->held_pre);
	if (jobs <= 1)
		go_inline(p);
	return p;
}

int pool_submit(struct pool *p, const char *path, struct buf *pre)
{
	if (p->stop)
		return -1;
	if (p->inline_)
		return scan_inline(p, path, pre);
	if (p->started)
		return queue(p, path, pre);
	if (!p->holding) {
		/* the first note waits: threads are started for a second one */
		buf_adds(&p->held, path);
		if (pre)
			swap(&p->held_pre, pre);
		p->holding = 1;
		return 0;
	}
	p->holding = 0;
	if (go_threaded(p) < 0) {
		go_inline(p);
		if (scan_inline(p, p->held.ptr, &p->held_pre) < 0)
			return -1;
		return scan_inline(p, path, pre);
	}
	if (queue(p, p->held.ptr, &p->held_pre) < 0)
		return -1;
	return queue(p, path, pre);
}

int pool_finish(struct pool *p)
{
	size_t i;
	unsigned t;
	int ret;

	if (p->holding && !p->stop) {
		/* a single note: no thread was needed */
		go_inline(p);
		scan_inline(p, p->held.ptr, &p->held_pre);
	}
	ret = p->stop ? -1 : 0;
	while (ret == 0 && p->consumed < p->submitted)
		ret = consume_one(p);
	if (p->started) {
		pthread_mutex_lock(&p->mu);
		p->finishing = 1;
		pthread_cond_broadcast(&p->can_work);
		pthread_mutex_unlock(&p->mu);
		for (t = 0; t < p->started; t++)
			pthread_join(p->threads[t], NULL);
	}
	if (p->workers)
		for (t = 0; t < p->jobs; t++)
			scanner_release(&p->workers[t].s);
	free(p->workers);
	if (p->slots) {
		for (i = 0; i < p->window; i++) {
			buf_release(&p->slots[i].path);
			buf_release(&p->slots[i].pre);
			note_result_release(&p->slots[i].r);
		}
		free(p->slots);
		pthread_cond_destroy(&p->done);
		pthread_cond_destroy(&p->can_work);
		pthread_mutex_destroy(&p->mu);
	}
	free(p->threads);
	if (p->inline_) {
		note_result_release(&p->r);
		scanner_release(&p->s);
	}
	buf_release(&p->held);
	buf_release(&p->held_pre);
	free(p);
	return ret;
}
