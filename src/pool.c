#include "pool.h"
#include "util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct slot {
	struct note_result r;
	int ready;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t can_work;
	pthread_cond_t done;
	const char *const *paths;
	size_t n;
	size_t next;		/* the next path to scan */
	size_t consumed;	/* results handed on so far */
	int stop;
	struct slot *slots;
	size_t window;
	const struct scan_opts *opts;
};

unsigned pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct scanner s;
	size_t i;

	scanner_init(&s, p->opts);
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->stop && p->next < p->n && p->next >= p->consumed + p->window)
			pthread_cond_wait(&p->can_work, &p->mu);
		if (p->stop || p->next >= p->n) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		i = p->next++;
		pthread_mutex_unlock(&p->mu);

		scan_note(&s, p->paths[i], -1, &p->slots[i % p->window].r);

		pthread_mutex_lock(&p->mu);
		p->slots[i % p->window].ready = 1;
		pthread_cond_broadcast(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
	scanner_release(&s);
	return NULL;
}

static int run_inline(const char *const *paths, size_t n, const struct scan_opts *opts,
		      pool_consume_fn consume, void *arg)
{
	struct scanner s;
	struct note_result r;
	size_t i;
	int ret = 0;

	scanner_init(&s, opts);
	note_result_init(&r);
	for (i = 0; i < n && ret == 0; i++) {
		scan_note(&s, paths[i], -1, &r);
		ret = consume(&r, arg);
	}
	note_result_release(&r);
	scanner_release(&s);
	return ret;
}

int pool_run(const char *const *paths, size_t n, unsigned jobs,
	     const struct scan_opts *opts, pool_consume_fn consume, void *arg)
{
	struct pool p;
	pthread_t *threads;
	unsigned started = 0, t;
	size_t i;
	int ret = 0;

	if (jobs > n)
		jobs = (unsigned)n;
	if (jobs <= 1)
		return run_inline(paths, n, opts, consume, arg);

	memset(&p, 0, sizeof(p));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.can_work, NULL);
	pthread_cond_init(&p.done, NULL);
	p.paths = paths;
	p.n = n;
	p.opts = opts;
	p.window = (size_t)jobs * 8;
	p.slots = xcalloc(p.window, sizeof(*p.slots));
	for (i = 0; i < p.window; i++)
		note_result_init(&p.slots[i].r);
	threads = xcalloc(jobs, sizeof(*threads));
	for (t = 0; t < jobs; t++) {
		if (pthread_create(&threads[t], NULL, worker, &p) != 0)
			break;
		started++;
	}
	if (!started) {
		/* no thread could be had: do the work here */
		free(threads);
		for (i = 0; i < p.window; i++)
			note_result_release(&p.slots[i].r);
		free(p.slots);
		pthread_cond_destroy(&p.done);
		pthread_cond_destroy(&p.can_work);
		pthread_mutex_destroy(&p.mu);
		return run_inline(paths, n, opts, consume, arg);
	}

	for (i = 0; i < n; i++) {
		struct slot *sl = &p.slots[i % p.window];

		pthread_mutex_lock(&p.mu);
		while (!sl->ready)
			pthread_cond_wait(&p.done, &p.mu);
		pthread_mutex_unlock(&p.mu);

		ret = consume(&sl->r, arg);

		pthread_mutex_lock(&p.mu);
		sl->ready = 0;
		p.consumed++;
		if (ret < 0)
			p.stop = 1;
		pthread_cond_broadcast(&p.can_work);
		pthread_mutex_unlock(&p.mu);
		if (ret < 0)
			break;
	}

	for (t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	for (i = 0; i < p.window; i++)
		note_result_release(&p.slots[i].r);
	free(p.slots);
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.can_work);
	pthread_mutex_destroy(&p.mu);
	return ret;
}
