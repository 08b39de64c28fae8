/*
 * The progress line (see cli_progress.h): "\r" and an erase to the end
 * of the line redraw it, and whoever prints next clears it first.
 */
#include "cli_progress.h"

#include <stdio.h>
#include <unistd.h>

static int progress_drawn;

void cli_progress(const char *what, unsigned long long done,
		  unsigned long long total)
{
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r\033[K%s %llu/%llu", what, done, total);
	fflush(stderr);
	progress_drawn = 1;
}

void cli_progress_done(void)
{
	if (progress_drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		progress_drawn = 0;
	}
}
