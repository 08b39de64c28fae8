/*
 * A user's own functions for fpcheck run --kernels (fpcheck/user.c).
 */
#ifndef FPCHECK_CLI_USER_H
#define FPCHECK_CLI_USER_H

#include <stddef.h>

#include "cli_runner.h"
#include "fpcheck/corpus.h"

/* One function, as the runner lists it. */
struct cli_user {
	char name[64];
	char implements[64]; /* "exp", or "-" for none */
	char type[8];	     /* "double" or "float" */
	unsigned arity;
};

/* The user's files: --kernels FILE, given again or as a comma-separated
 * list. */
#define CLI_USER_FILES 32
struct cli_user_files {
	const char *file[CLI_USER_FILES];
	size_t n;
};
/* Adds the files of a --kernels argument (split in place on commas).
 * Returns 0, or prints the error and returns EXIT_ERROR. */
int cli_user_add_files(struct cli_user_files *f, char *arg);

/*
 * The user's functions, known before any configuration is built: b (with
 * b->files the user's) is compiled, and the runner it makes asked what
 * they are (*users, *n, malloc'd); each must implement a function fpcheck
 * knows.  sel (len bytes) becomes the selection of built-in kernels for
 * the corpus: functions (unless "all") and the ones they implement.
 * Returns 0, or prints the error and returns EXIT_ERROR.
 */
int cli_user_prepare(const struct cli_runner_build *b, const char *functions,
		     struct cli_user **users, size_t *n, char *sel, size_t len);
/* What runner --list-user says; *out is malloc'd. */
int cli_user_list(const char *runner, struct cli_user **out, size_t *n);
/* The built-in kernel whose inputs u gets ("exp", "sinf", "atan"...). */
const char *cli_user_source(const struct cli_user *u, char *buf, size_t len);
/* Adds a kernel per user function to c, with its source kernel's inputs
 * (c must hold them).  Returns 0, FPC_ERR_UNKNOWN or FPC_ERR_NOMEM. */
int cli_user_corpus(struct fpc_corpus *c, const struct cli_user *u, size_t n);

#endif
