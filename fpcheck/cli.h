/*
 * The subcommands, one cmd_<name>.c each, which main.c dispatches to,
 * and what every one of them uses: its messages and exit codes
 * (cli_error.h) and its output files (cli_output.h).  The other jobs the
 * commands share have a header each: options and their help texts
 * (cli_options.h), progress on a terminal (cli_progress.h), child
 * processes (cli_process.h), and what fpcheck takes back when it ends
 * (cli_cleanup.h), finding and building the runner
 * (cli_runner.h), the corpus of a run (cli_corpus.h), records named in
 * tables, summaries and the HTML page (cli_records.h), and images given
 * on the command line (cli_image.h).
 * Only the CLI talks to the user; the library never prints.
 */
#ifndef FPC_CLI_H
#define FPC_CLI_H

#include "cli_error.h"
#include "cli_output.h"

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

#endif
