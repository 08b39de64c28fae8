/*
 * A user's own functions for fpcheck run --kernels (fpcheck/user.c).
 */
#ifndef FPCHECK_CLI_USER_H
#define FPCHECK_CLI_USER_H

#include <stddef.h>

#include "cli.h"
#include "fpcheck/corpus.h"

/* One function, as the runner lists it. */
struct cli_user {
	char name[64];
	char implements[64]; /* "exp", or "-" for none */
	char type[8];	     /* "double" or "float" */
	unsigned arity;
};

/* Builds a runner from the sources in src (headers in inc) and file,
 * with cc, cflags and ldflags, at out.  Returns 0, or prints the error
 * and returns EXIT_ERROR. */
int cli_user_build(const char *file, const char *cc, const char *cflags,
		   const char *ldflags, const char *src, const char *inc,
		   const char *out);
/* What runner --list-user says; *out is malloc'd. */
int cli_user_list(const char *runner, struct cli_user **out, size_t *n);
/* The built-in kernel whose inputs u gets ("exp", "sinf", "atan"...). */
const char *cli_user_source(const struct cli_user *u, char *buf, size_t len);
/* Adds a kernel per user function to c, with its source kernel's inputs
 * (c must hold them).  Returns 0, FPC_ERR_UNKNOWN or FPC_ERR_NOMEM. */
int cli_user_corpus(struct fpc_corpus *c, const struct cli_user *u, size_t n);

#endif
