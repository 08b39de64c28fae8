/*
 * Output files: a command's output appears whole or not at all (a
 * temporary renamed into place), or goes to stdout; the directories
 * above it are made on the way; and what a killed runner left of its
 * record is removed.
 */
#ifndef FPC_CLI_OUTPUT_H
#define FPC_CLI_OUTPUT_H

#include <stdio.h>

#include "fpcheck/container.h"

/* Output that appears atomically: a temporary file renamed over path by
 * cli_output_close, or stdout when path is NULL or "-".  A device or a
 * pipe at path is written in place (struct fpc_atomic). */
struct cli_output {
	FILE *f;		/* where to write */
	char *path;		/* for messages */
	struct fpc_atomic file; /* path's atomic file; zeroed for stdout */
};
int cli_output_open(struct cli_output *o, const char *path);
/* Flushes and checks for write errors, then renames into place; on any
 * failure removes the temporary and returns EXIT_ERROR with a message. */
int cli_output_close(struct cli_output *o);
/* Abandons the output: the temporary is removed, path untouched. */
void cli_output_abort(struct cli_output *o);
/* Abandons the output after what was to be written into it failed with
 * err, and says why in one line; returns EXIT_ERROR.  The output is
 * blamed ("cannot write 'PATH': No space left on device") only when its
 * stream holds a write error; otherwise the fault is an input's, which
 * detail names when not empty (else fpc_strerror(err) alone). */
int cli_output_fail(struct cli_output *o, int err, const char *detail);

/* Flushes standard output.  On a write error, now or earlier, says so
 * with its cause, once per process however many callers notice it, and
 * returns EXIT_ERROR; else EXIT_OK. */
int cli_stdout_flush(void);

/* Creates the directories above path (mkdir -p of its dirname). */
int cli_make_parent_dirs(const char *path);

/* Removes what a runner that failed or was killed may have left of its
 * output: the temporary of its atomic file (path FPC_ATOMIC_SUFFIX). */
void cli_remove_partial(const char *path);

#endif
