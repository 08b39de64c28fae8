/*
 * Progress on a terminal: one line on stderr, redrawn in place, only
 * when stderr is a terminal (a log or a pipe gets none).
 */
#ifndef FPC_CLI_PROGRESS_H
#define FPC_CLI_PROGRESS_H

/* Clears the progress line, if one was drawn. */
void cli_progress_done(void);
/* Draws "<what> done/total" on stderr when it is a terminal. */
void cli_progress(const char *what, unsigned long long done,
		  unsigned long long total);

#endif
