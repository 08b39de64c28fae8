/*
 * What the subcommands share: messages, exit codes, output files, the
 * truth options, progress on a terminal, and starting the runner.
 * Only the CLI talks to the user; the library never prints.
 */
#ifndef FPC_CLI_H
#define FPC_CLI_H

#include <stdio.h>

#include "fpcheck/image.h"
#include "fpcheck/truth.h"

/* Exit codes, as diff(1): 0 as expected, 1 differences or violations,
 * 2 usage or runtime error. */
#define EXIT_OK	   0
#define EXIT_FOUND 1
#define EXIT_ERROR 2

int cmd_run(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_image(int argc, char **argv);
int cmd_imgdiff(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_tolerances(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* "fpcheck: <message>" on stderr; returns EXIT_ERROR. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "fpcheck: <path>: <why>" for an fpc_err (errno text for FPC_ERR_IO),
 * with detail instead of the generic text when detail is non-empty. */
int cli_file_error(const char *path, int err, const char *detail);
/* Usage text of a subcommand on stderr; returns EXIT_ERROR. */
int cli_usage(const char *text);

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

/* Output that appears atomically: a temporary file renamed over path by
 * cli_output_close, or stdout when path is NULL or "-". */
struct cli_output {
	FILE *f;
	char *path, *tmp;
};
int cli_output_open(struct cli_output *o, const char *path);
/* Flushes and checks for write errors, then renames into place; on any
 * failure removes the temporary and returns EXIT_ERROR with a message. */
int cli_output_close(struct cli_output *o);
/* Abandons the output: the temporary is removed, path untouched. */
void cli_output_abort(struct cli_output *o);

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
/* Clears the progress line, if one was drawn. */
void cli_progress_done(void);
/* Draws "<what> done/total" on stderr when it is a terminal. */
void cli_progress(const char *what, unsigned long long done,
		  unsigned long long total);

/* Creates the directories above path (mkdir -p of its dirname). */
int cli_make_parent_dirs(const char *path);

/* Removes what a runner that failed or was killed may have left of its
 * output: path.tmpXXXXXX, the temporary it writes before renaming. */
void cli_remove_partial(const char *path);

/* The runner: --runner, else $FPCHECK_RUNNER, else beside the fpcheck
 * executable (build tree), else the installed libexec copy. */
int cli_find_runner(const char *given, char *path, size_t len);
/* Runs argv (argv[0] a path), killing it after timeout seconds.  Returns
 * 0 when it exited 0, else prints why it failed and returns EXIT_ERROR. */
int cli_spawn(char *const argv[], unsigned timeout, const char *what);

/* An image given on the command line: a record's render kernel, or a
 * PNG or PFM file, with the PNG text chunks that say where it came from
 * (the record's provenance). */
#define CLI_IMAGE_TEXT 10
struct cli_image {
	struct fpc_image img;
	char kernel[FPC_NAME_MAX + 1]; /* empty for an image file */
	struct fpc_prov prov;
	struct fpc_png_text text[CLI_IMAGE_TEXT];
	size_t ntext;
	char label[600];  /* "path" or "path:kernel" */
	char config[400]; /* a record's arch, compiler, flags, libc; or "" */
};

/* Loads path (a record, with kernel or its only render kernel, or an
 * image file; kernel must be NULL for a file).  Returns 0, or prints the
 * error and returns EXIT_ERROR. */
int cli_image_load(struct cli_image *im, const char *path, const char *kernel);
void cli_image_release(struct cli_image *im);

/* The names records go by in tables and plots: each file name without
 * directory and ".rec"; base is the index of the record baseline names
 * (a path or a name; 0 when baseline is NULL). */
struct cli_names {
	const char **names;
	char (*bufs)[256];
	size_t base;
};

/* Returns 0, or prints the error (out of memory, an unknown baseline)
 * and returns EXIT_ERROR with nothing to release. */
int cli_record_names(char **paths, int n, const char *baseline,
		     struct cli_names *out);
void cli_names_release(struct cli_names *n);

/* Writes the HTML page of the records (names as in tables, base the
 * baseline's index) to output, atomically.  Returns 0 or prints the
 * error and returns EXIT_ERROR. */
int cli_write_html(const char *const *paths, const char *const *names, size_t n,
		   size_t base, double stops, const char *output,
		   const struct cli_truth *truth);

/* The kernels x records summary of the records (names as in tables,
 * baseline as cli_record_names takes it).  Returns 0 with s to release
 * with fpc_summary_release, or prints the error and returns EXIT_ERROR. */
struct fpc_summary;
int cli_summary(char **paths, int n, const char *baseline,
		const struct cli_truth *truth, struct fpc_summary *s);

/* The runner's sources (src: the folder holding runner/, kernels/ and
 * format/, see fpcheck/runner/sources.def) and public headers (inc):
 * given (--runner-src: that folder, or its runner/ folder) if not NULL,
 * else the installed copy, else the tree fpcheck was built from.  Returns 0, or prints why not and returns
 * EXIT_ERROR. */
int cli_runner_sources(const char *given, char *src, size_t src_len, char *inc,
		       size_t inc_len);

/* Where a run's corpus comes from: a file, or generated. */
struct cli_corpus_spec {
	const char *corpus;    /* --corpus FILE, or NULL to generate */
	const char *functions; /* the selection */
	unsigned long long seed;
	unsigned samples;
	uint32_t image_w, image_h;
	const char *inputs; /* --inputs FILE, or NULL */
	int with_builtin;
};

/* Reads or generates the corpus.  Returns 0, or prints the error and
 * returns EXIT_ERROR. */
struct fpc_corpus;
int cli_corpus(const struct cli_corpus_spec *spec, struct fpc_corpus *c);

/* Appends the words of s (split, in place, on blanks, as a shell splits
 * an unquoted list: an emulator command, --cflags) to argv[*argc...],
 * up to max entries in all.  Returns 0, or -1 when there are more. */
int cli_words(char **argv, int *argc, int max, char *s);

/* An argument vector that grows, NULL-terminated; strings are copied. */
struct cli_argv {
	size_t n, cap;
	char **v;
};
/* Each returns 0, or -1 without memory. */
int cli_argv_push(struct cli_argv *a, const char *s);
/* Pushes the blank-separated words of s (none when s is NULL). */
int cli_argv_words(struct cli_argv *a, const char *s);
void cli_argv_free(struct cli_argv *a);

/* How to compile a runner: a configuration's compiler and flags, the
 * runner's sources, and a user's files (include/fpcheck/kernel.h). */
struct cli_runner_build {
	const char *cc, *cflags, *ldflags; /* words; ldflags may be NULL */
	const char *libc;		   /* the libc's name, or NULL */
	const char *src, *inc;		   /* as cli_runner_sources */
	const char *const *files; /* the user's files, nfiles of them */
	size_t nfiles;
	const char *user_cflags, *user_ldflags; /* for them, or NULL */
	const char *out;
};
/* The compiler's command line for b. */
int cli_runner_argv(const struct cli_runner_build *b, struct cli_argv *a);

#endif
