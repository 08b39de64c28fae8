/*
 * How a command fails: its exit status and its message on stderr, in
 * one form ("fpcheck: cannot open 'x.rec': No such file or directory").
 */
#ifndef FPC_CLI_ERROR_H
#define FPC_CLI_ERROR_H

#include <getopt.h>

/* Exit codes, as diff(1): 0 as expected, 1 differences or violations,
 * 2 usage or runtime error. */
#define EXIT_OK	   0
#define EXIT_FOUND 1
#define EXIT_ERROR 2

/* "fpcheck: <message>" on stderr; returns EXIT_ERROR. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "fpcheck: <path>: <why>" for an fpc_err (errno text for FPC_ERR_IO),
 * with detail instead of the generic text when detail is non-empty. */
int cli_file_error(const char *path, int err, const char *detail);
/* getopt_long (without longindex) that prints nothing: a bad option is
 * said by cli_usage, in one line. */
int cli_getopt(int argc, char **argv, const char *optstring,
	       const struct option *longopts);
/* A command line that is wrong, in one line on stderr: the option
 * cli_getopt just refused ("unknown option '--x'", "option '-o' needs a
 * value"), else the synopsis, the first line of the usage text; then
 * "(see 'fpcheck CMD --help')".  Returns EXIT_ERROR. */
int cli_usage(const char *text);

#endif
