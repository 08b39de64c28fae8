/*
 * Child processes: the argument vectors they are started with, and the
 * one way fpcheck starts them (the runner, a compiler, a runner asked
 * for its user's functions), as git's run-command: the caller says what
 * to run, where its output goes and its time limit; then it runs it to
 * the end (cli_spawn) or polls it among others (matrix).
 *
 * Every command runs under a guard (cli_guard.h), a small process of
 * fpcheck's that starts it in a process group of its own and, when it
 * ends, is stopped, or fpcheck dies, kills whatever it started before
 * the guard exits: nothing a command started outlives it.  The guard
 * also caps a command's log.  Children are started from the main thread
 * (the kernel tells a guard of its parent's death when the thread that
 * started it ends).
 */
#ifndef FPC_CLI_PROCESS_H
#define FPC_CLI_PROCESS_H

#include <stddef.h>
#include <sys/types.h>

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

/*
 * A child process.  The caller fills in what to run (zero is each
 * field's default); cli_child_start sets the rest.  Nothing here prints
 * in the parent: each caller words its own messages.
 */
struct cli_child {
	char *const *argv;  /* read by cli_child_start only */
	int direct;	    /* argv[0] is run as the path it is (execv), not
			     * searched in PATH (execvp) */
	const char *log;    /* stdout and stderr appended to this file, at
			     * most its first CLI_LOG_HEAD and last
			     * CLI_LOG_TAIL bytes with a line that says how
			     * many were cut between */
	int pipe_out;	    /* stdout into a pipe, read from out */
	int no_stdin;	    /* stdin from /dev/null */
	const char *writes; /* an atomic file (fpcheck/container.h) the
			     * command writes: its temporaries are removed
			     * unless the command exits 0 */
	const char *env;    /* blank-separated NAME=VALUE set in the child */
	const char *exec_error; /* when argv[0] cannot run, the child
				 * writes this prefix and "cannot run
				 * 'argv0': why" on its stderr (the log, if
				 * any); NULL: it only exits 127 */
	double timeout;		/* seconds; 0 for no limit */

	pid_t pid;	 /* the guard's, while it is neither reaped nor
			  * killed, else 0 */
	int out;	 /* the pipe's read end (pipe_out), else -1 */
	double deadline; /* on cli_clock()'s clock */
};

/* A log keeps a command's first and last 64 KiB: where a compiler says
 * what went wrong, and where a runner stopped. */
#define CLI_LOG_HEAD (64 * 1024)
#define CLI_LOG_TAIL (64 * 1024)

/* Seconds on the monotonic clock that time limits are measured on. */
double cli_clock(void);

/* Flushes stdio, so that what fpcheck printed comes before what the
 * child prints on the same stream, and starts c.  Returns 0, or -1 with
 * errno set when nothing could start. */
int cli_child_start(struct cli_child *c);

enum { CLI_CHILD_RUNNING, CLI_CHILD_EXITED, CLI_CHILD_TIMED_OUT };
/* Looks at c without waiting: CLI_CHILD_EXITED with its wait status in
 * *status, CLI_CHILD_TIMED_OUT when its time limit has passed (it is then
 * killed and reaped, *status means nothing), CLI_CHILD_RUNNING, or -1
 * (errno set) when waitpid failed.  The limit is kept to the clock's
 * precision, not in whole seconds. */
int cli_child_poll(struct cli_child *c, int *status);
/* Waits for c to end, without a time limit.  Returns 0 with its wait
 * status in *status, or -1 (errno set). */
int cli_child_wait(struct cli_child *c, int *status);
/* Kills c and everything it started, and reaps it. */
void cli_child_kill(struct cli_child *c);

/* Runs argv (argv[0] searched in PATH) with this process's stdin, stdout
 * and stderr, killing it after timeout seconds (0: never); writes, if
 * not NULL, is the atomic file it writes (as cli_child.writes).  Returns
 * 0 when it exited 0, else prints why it failed ("<what> failed with
 * exit status 3") and returns EXIT_ERROR. */
int cli_spawn(char *const argv[], unsigned timeout, const char *writes,
	      const char *what);

#endif
