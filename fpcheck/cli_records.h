/*
 * Several records on one command line (report, plot, matrix): the names
 * they go by in tables and plots, their kernels x records summary, and
 * their HTML page.
 */
#ifndef FPC_CLI_RECORDS_H
#define FPC_CLI_RECORDS_H

#include <stddef.h>

#include "cli_options.h"

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

#endif
