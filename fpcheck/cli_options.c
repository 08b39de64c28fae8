/*
 * Parsing the options several commands share (see cli_options.h): each
 * number's range and each option's error message are written here once,
 * so that run, matrix, corpus and the truth-computing commands reject a
 * bad argument in the same words.
 */
#include "cli_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_error.h"
#include "cli_progress.h"
#include "fpcheck/corpus.h"
#include "fpcheck/report.h"

int cli_parse_uint(const char *s, unsigned long long min,
		   unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int cli_env_seed(unsigned long long *seed)
{
	const char *env = getenv("FPCHECK_SEED");

	if (env && *env && cli_parse_uint(env, 0, UINT64_MAX, seed))
		return cli_error("FPCHECK_SEED must be a whole number, not "
				 "'%s'",
				 env);
	return 0;
}

int cli_parse_seed(const char *arg, unsigned long long *seed)
{
	if (cli_parse_uint(arg, 0, UINT64_MAX, seed))
		return cli_error("--seed takes a whole number, not '%s'", arg);
	return 0;
}

int cli_parse_samples(const char *arg, unsigned long long *n)
{
	/* 2^24 samples per kernel is already a record of gigabytes. */
	if (cli_parse_uint(arg, 0, 1u << 24, n))
		return cli_error("--samples takes a number from 0 to "
				 "16777216, not '%s'",
				 arg);
	return 0;
}

int cli_parse_shard(const char *arg, unsigned *i, unsigned *n)
{
	unsigned long a, b;
	char *end;

	a = strtoul(arg, &end, 10);
	if (end != arg && *end == '/') {
		const char *p = end + 1;
		b = strtoul(p, &end, 10);
		if (end != p && !*end && a >= 1 && a <= b && b <= 4096) {
			*i = (unsigned)a;
			*n = (unsigned)b;
			return 0;
		}
	}
	return cli_error("--shard takes I/N with 1 <= I <= N <= 4096, not "
			 "'%s'",
			 arg);
}

int cli_parse_image_size(const char *arg, uint32_t *w, uint32_t *h)
{
	unsigned long a, b;
	char *end;

	a = strtoul(arg, &end, 10);
	if (end != arg && (*end == 'x' || *end == 'X')) {
		const char *p = end + 1;
		b = strtoul(p, &end, 10);
		/* the largest size is the library's to check */
		if (end != p && !*end && a >= 1 && b >= 1 && a <= 65535 &&
		    b <= 65535) {
			*w = (uint32_t)a;
			*h = (uint32_t)b;
			return 0;
		}
	}
	return cli_error("--image-size takes WIDTHxHEIGHT, not '%s'", arg);
}

int cli_parse_format(const char *arg, int *format)
{
	if ((*format = fpc_report_format_parse(arg)) < 0)
		return cli_error("unknown report format '%s' (text, markdown, "
				 "json, csv)",
				 arg);
	return 0;
}

static void truth_progress(void *arg, const char *kernel, uint64_t done,
			   uint64_t total)
{
	char what[128];

	(void)arg;
	snprintf(what, sizeof(what), "truth: %s", kernel);
	cli_progress(what, done, total);
}

void cli_truth_init(struct cli_truth *t)
{
	const char *env;

	memset(t, 0, sizeof(*t));
	if ((env = getenv("FPCHECK_CACHE_DIR")) && *env)
		snprintf(t->cache, sizeof(t->cache), "%s", env);
	else if ((env = getenv("XDG_CACHE_HOME")) && *env)
		snprintf(t->cache, sizeof(t->cache), "%s/fpcheck", env);
	else if ((env = getenv("HOME")) && *env)
		snprintf(t->cache, sizeof(t->cache), "%s/.cache/fpcheck", env);
	t->o.cache = *t->cache ? t->cache : NULL;
	if (isatty(STDERR_FILENO)) {
		t->o.progress = truth_progress;
		t->o.progress_arg = t;
	}
}

int cli_truth_getopt(struct cli_truth *t, int c, const char *arg)
{
	unsigned long long v;

	switch (c) {
	case CLI_OPT_CACHE:
		snprintf(t->cache, sizeof(t->cache), "%s", arg);
		t->o.cache = t->cache;
		return 0;
	case CLI_OPT_NO_CACHE:
		t->o.cache = NULL;
		return 0;
	case 'j':
		if (cli_parse_uint(arg, 1, 64, &v))
			return cli_error("--jobs takes a number from 1 to 64, "
					 "not '%s'",
					 arg);
		t->o.threads = (unsigned)v;
		return 0;
	default:
		return -1;
	}
}

int cli_eval_init(struct cli_eval *e)
{
	memset(e, 0, sizeof(*e));
	e->functions = "all";
	e->seed = FPC_CORPUS_DEFAULT_SEED;
	e->samples = FPC_CORPUS_DEFAULT_RANDOM;
	e->repeat = 1;
	return cli_env_seed(&e->seed);
}

int cli_eval_getopt(struct cli_eval *e, int c, const char *arg)
{
	switch (c) {
	case 'f':
		e->functions = arg;
		return 0;
	case CLI_OPT_CORPUS:
		e->corpus = arg;
		return 0;
	case CLI_OPT_SEED:
		return cli_parse_seed(arg, &e->seed);
	case CLI_OPT_SAMPLES:
		return cli_parse_samples(arg, &e->samples);
	case CLI_OPT_IMAGE_SIZE:
		return cli_parse_image_size(arg, &e->image_w, &e->image_h);
	case CLI_OPT_SHARD:
		return cli_parse_shard(arg, &e->shard_i, &e->shard_n);
	case CLI_OPT_REPEAT:
		if (cli_parse_uint(arg, 1, 1000, &e->repeat))
			return cli_error("--repeat takes a number of runs from "
					 "1 to 1000, not '%s'",
					 arg);
		return 0;
	case CLI_OPT_FORMAT:
		return cli_parse_format(arg, &e->format);
	default:
		return -1;
	}
}
