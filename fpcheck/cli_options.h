/*
 * The options several commands take, each parsed and described once:
 * numbers, the corpus options (seed, samples, shard, image size), the
 * report format, the truth options (cache, jobs) and the evaluation
 * options run and matrix share.  A command puts the option macros in its
 * getopt_long table and hands the cases it does not handle itself to
 * cli_truth_getopt and cli_eval_getopt.
 */
#ifndef FPC_CLI_OPTIONS_H
#define FPC_CLI_OPTIONS_H

#include <stdint.h>

#include "fpcheck/corpus.h"
#include "fpcheck/truth.h"

/* Parses a whole unsigned number in [min, max]; returns 0 or -1. */
int cli_parse_uint(const char *s, unsigned long long min,
		   unsigned long long max, unsigned long long *out);

/* Corpus options shared by run, corpus and matrix: FPCHECK_SEED (left
 * alone when unset), --seed and --samples.  Each prints its error and
 * returns EXIT_ERROR, or returns 0. */
int cli_env_seed(unsigned long long *seed);
int cli_parse_seed(const char *arg, unsigned long long *seed);
int cli_parse_samples(const char *arg, unsigned long long *n);

/* --format: text, markdown, json or csv (enum fpc_report_format); prints
 * the error and returns EXIT_ERROR for anything else. */
int cli_parse_format(const char *arg, int *format);
/* "I/N" of --shard: the I-th (from 1) of N slices of every kernel. */
int cli_parse_shard(const char *arg, unsigned *i, unsigned *n);
/* "WIDTHxHEIGHT" of the render kernels' images. */
int cli_parse_image_size(const char *arg, uint32_t *w, uint32_t *h);
#define CLI_IMAGE_SIZE_HELP                                                    \
	"      --image-size WxH  render kernels' image size (default "         \
	"160x120)\n"

/*
 * The help lines of the shared options, written once for every usage
 * text that lists them.  A usage text starts its descriptions in one
 * column of its own: pad is the blanks from column 17, where
 * "      --cache DIR" ends, to that column ("    " for column 21).
 * CLI_IMAGE_SIZE_HELP, the longest, sets the column of its users (24).
 */
/* clang-format off */
#define CLI_SEED_HELP(pad) \
	"      --seed N   " pad "corpus seed (default " \
	FPC_CORPUS_TEXT(FPC_CORPUS_SEED_DIGITS) ", or FPCHECK_SEED)\n"
#define CLI_SAMPLES_HELP(pad) \
	"      --samples N" pad "random samples per kernel (default " \
	FPC_CORPUS_TEXT(FPC_CORPUS_RANDOM_DIGITS) ")\n"
#define CLI_SHARD_HELP(pad) \
	"      --shard I/N" pad "evaluate the I-th of N slices of every kernel's\n" \
	"                 " pad "inputs (fpcheck merge joins the records)\n"
#define CLI_CACHE_HELP(pad) \
	"      --cache DIR" pad "truth cache (default ~/.cache/fpcheck)\n" \
	"      --no-cache " pad "compute truth without the cache\n"
#define CLI_JOBS_HELP(pad) \
	"  -j, --jobs N   " pad "truth threads (default: one per CPU)\n"
#define CLI_TRUTH_HELP(pad) CLI_CACHE_HELP(pad) CLI_JOBS_HELP(pad)
/* clang-format on */

/* Truth options from --cache/--no-cache/--jobs and the environment:
 * FPCHECK_CACHE_DIR, else $XDG_CACHE_HOME/fpcheck, else
 * $HOME/.cache/fpcheck.  Progress goes to stderr when it is a terminal. */
struct cli_truth {
	struct fpc_truth_options o;
	char cache[4096];
};
void cli_truth_init(struct cli_truth *t);
/*
 * The truth options every command that computes truth takes: put
 * CLI_TRUTH_OPTIONS in its getopt_long table, and pass whatever its own
 * cases do not handle here.  --cache DIR, --no-cache, and -j/--jobs N
 * (truth threads; matrix handles its own -j first).  Returns 0 when c
 * was one of them, EXIT_ERROR (message printed) when its argument was
 * bad, -1 when c is not a truth option.
 */
enum { CLI_OPT_CACHE = 1000, CLI_OPT_NO_CACHE };
#define CLI_TRUTH_OPTIONS                                                      \
	{"cache", required_argument, NULL, CLI_OPT_CACHE},                     \
	{                                                                      \
		"no-cache", no_argument, NULL, CLI_OPT_NO_CACHE                \
	}
int cli_truth_getopt(struct cli_truth *t, int c, const char *arg);

/*
 * What run and matrix evaluate, and how: the options they share, taken
 * as the truth options are (CLI_EVAL_OPTIONS in the table, unhandled
 * cases to cli_eval_getopt, same return values).  -f/--functions,
 * --corpus, --seed, --samples, --image-size, --shard, --repeat, --format.
 * fpcheck corpus takes the first five, those that make a corpus.
 */
struct cli_eval {
	const char *functions; /* the selection, "all" by default */
	const char *corpus;    /* --corpus FILE, or NULL to generate */
	unsigned long long seed, samples, repeat;
	uint32_t image_w, image_h; /* 0: the default size */
	unsigned shard_i, shard_n; /* --shard I/N; shard_n 0 when unsharded */
	int format;		   /* of the report or summary */
};
/* The defaults, with FPCHECK_SEED.  Returns 0 or EXIT_ERROR. */
int cli_eval_init(struct cli_eval *e);
enum {
	CLI_OPT_CORPUS = 1010,
	CLI_OPT_SEED,
	CLI_OPT_SAMPLES,
	CLI_OPT_IMAGE_SIZE,
	CLI_OPT_SHARD,
	CLI_OPT_REPEAT,
	CLI_OPT_FORMAT,
};
/* clang-format off */
#define CLI_EVAL_OPTIONS \
	{"functions", required_argument, NULL, 'f'}, \
	{"corpus", required_argument, NULL, CLI_OPT_CORPUS}, \
	{"seed", required_argument, NULL, CLI_OPT_SEED}, \
	{"samples", required_argument, NULL, CLI_OPT_SAMPLES}, \
	{"image-size", required_argument, NULL, CLI_OPT_IMAGE_SIZE}, \
	{"shard", required_argument, NULL, CLI_OPT_SHARD}, \
	{"repeat", required_argument, NULL, CLI_OPT_REPEAT}, \
	{"format", required_argument, NULL, CLI_OPT_FORMAT}
/* clang-format on */
int cli_eval_getopt(struct cli_eval *e, int c, const char *arg);

#endif
