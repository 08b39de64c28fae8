/*
 * Configurations: how to build and run the runner.  A configuration is a
 * name, a compiler command, compiler and linker flags, a target
 * architecture, an optional emulator prefix and environment.  The built-in
 * default matrix is detected from what is installed; a matrix file (INI,
 * docs/matrix.md) describes a user's own.
 */
#ifndef FPCHECK_CLI_CONFIGS_H
#define FPCHECK_CLI_CONFIGS_H

#include <stddef.h>

struct cli_config {
	char *name;     /* "x86_64-gcc-O2": file names are made from it */
	char *cc;       /* compiler command, white-space separated words */
	char *cflags;   /* compiler flags, the flags under test */
	char *ldflags;  /* extra linker flags (-lm is always added) */
	char *target;   /* architecture the runner is built for */
	char *emulator; /* command prefix that runs the runner, or NULL */
	char *env;      /* KEY=VALUE words set for the run, or NULL */
	char *libc;     /* libc name for the provenance, or NULL */
	char *skip;     /* why it cannot run here, or NULL */
	int baseline;   /* the configuration others are compared with */
	int threads;    /* 0: leave out the kernels that start threads */
};

struct cli_configs {
	size_t n;
	struct cli_config *c;
};

/*
 * The built-in matrix for this machine: the host compilers at several
 * flag sets, clang, musl, and each cross target.  Entries whose compiler,
 * emulator or sysroot is missing are kept with skip set to the reason.
 * The first host gcc -O2 entry is the baseline.  Returns 0 or
 * FPC_ERR_NOMEM.
 */
int cli_configs_default(struct cli_configs *m);

/*
 * Reads a matrix file (docs/matrix.md).  An indented line continues the
 * value before it, joined with a space.  Errors: FPC_ERR_IO (errno set),
 * FPC_ERR_PARSE with "FILE:LINE: why" in detail (unknown key, missing
 * cc, duplicate or invalid name, two baselines; a NUL byte, a line over
 * 199 characters, a name over 49, a ';' after white space, which libinih
 * would read as a comment; a file over 1 MiB or with more than 1024
 * configurations), FPC_ERR_NOMEM.  Availability is checked as for the
 * default matrix.
 */
int cli_configs_load(struct cli_configs *m, const char *path, char *detail,
		    size_t detail_len);

/* Sets c->skip when the compiler or emulator is not on PATH or a
 * sysroot given with -L does not exist. */
int cli_config_check(struct cli_config *c);

/* Index of the baseline: the one marked, else the first that can run,
 * else 0. */
size_t cli_configs_baseline(const struct cli_configs *m);

void cli_configs_release(struct cli_configs *m);

/* Is name usable as a configuration name (letters, digits, '.', '_', '-',
 * '+', '=', not starting with '.' or '-')? */
int cli_config_name_ok(const char *name);

#endif
