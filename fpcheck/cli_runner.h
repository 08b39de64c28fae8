/*
 * The runner: finding its program, finding its sources, the compiler's
 * command line that builds it for a configuration (matrix) or with a
 * user's functions (run --kernels), and the record it writes: to a fresh
 * file, read through before it counts.
 */
#ifndef FPC_CLI_RUNNER_H
#define FPC_CLI_RUNNER_H

#include <stddef.h>

#include "cli_process.h"

/* The runner: --runner, else $FPCHECK_RUNNER (a bare name taken as
 * "./name", the file checked, not one searched in PATH), else beside the
 * fpcheck executable (build tree), else the installed libexec copy. */
int cli_find_runner(const char *given, char *path, size_t len);

/* path as an argument of the runner, an emulator or a compiler: "./path"
 * in buf when path starts with '-', which they would take for an option
 * (any runner, even one that knows no "--"), else path itself. */
const char *cli_path_arg(const char *path, char *buf, size_t len);

/*
 * Where the runner writes a record: cli_runner_fresh makes tmp, an empty
 * file of its own beside out (out FPC_ATOMIC_SUFFIX), so that whatever
 * is there once the runner exits 0 was written by this run, never an
 * earlier record at out.  Returns 0, or prints why not and returns
 * EXIT_ERROR.
 */
int cli_runner_fresh(const char *out, char *tmp, size_t len);
/*
 * Reads the record a runner wrote at path to its verified end, as the
 * reports and the summary read it.  Returns 0, or -1 with why (for
 * "the runner exited 0 but <why>"): "wrote no record" when path is
 * missing or empty, else "its record is unusable: <what is wrong>".
 */
int cli_runner_check(const char *path, char *why, size_t len);
/* Removes tmp and what a runner left of its own temporary of it. */
void cli_runner_discard(const char *tmp);
/* The checked record at tmp becomes out: renamed over a regular file (or
 * none), copied into anything else (a FIFO, /dev/null), which renaming
 * would replace; tmp is gone either way.  Returns 0 or an exit status
 * (the message printed). */
int cli_runner_install(const char *tmp, const char *out);

/* The runner's sources (src: the folder holding runner/, kernels/ and
 * format/, see fpcheck/runner/sources.def) and public headers (inc):
 * given (--runner-src: that folder, or its runner/ folder) if not NULL,
 * else the installed copy, else the tree fpcheck was built from.
 * Returns 0, or prints why not and returns EXIT_ERROR. */
int cli_runner_sources(const char *given, char *src, size_t src_len, char *inc,
		       size_t inc_len);

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
