/*
 * How a command fails: its exit status and its message on stderr, in
 * one form ("fpcheck: cannot open 'x.rec': No such file or directory").
 */
#ifndef FPC_CLI_ERROR_H
#define FPC_CLI_ERROR_H

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
/* Usage text of a subcommand on stderr; returns EXIT_ERROR. */
int cli_usage(const char *text);

#endif
