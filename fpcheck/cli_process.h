/*
 * Child processes: the argument vectors they are started with, and
 * starting one with a time limit.
 */
#ifndef FPC_CLI_PROCESS_H
#define FPC_CLI_PROCESS_H

#include <stddef.h>

/* Appends the words of s (split, in place, on blanks, as a shell splits
 * an unquoted list: an emulator command, --cflags) to argv[*argc...],
 * up to max entries in all.  Returns 0, or -1 when there are more. */
int cli_words(char **argv, int *argc, int max, char *s);

/* An argument vector that grows, NULL-terminated; strings are copied. */
struct cli_argv {
	size_t n, cap;
	char **v;
};
/* Each returns 0, or -1 without memory. */
int cli_argv_push(struct cli_argv *a, const char *s);
/* Pushes the blank-separated words of s (none when s is NULL). */
int cli_argv_words(struct cli_argv *a, const char *s);
void cli_argv_free(struct cli_argv *a);

/* Runs argv (argv[0] a path), killing it after timeout seconds.  Returns
 * 0 when it exited 0, else prints why it failed and returns EXIT_ERROR. */
int cli_spawn(char *const argv[], unsigned timeout, const char *what);

#endif
