/*
 * Child processes (see cli_process.h): argument vectors, starting a
 * child under its guard (cli_guard.c), polling, waiting for or killing
 * it, and cli_spawn, a child run to its end or to its time limit with a
 * message for every way it can fail.  fpcheck's side knows only the
 * guard: stopping it (SIGTERM) stops everything the command started.
 */
#include "cli_process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_cleanup.h"
#include "cli_error.h"
#include "cli_guard.h"

int cli_words(char **argv, int *argc, int max, char *s)
{
	for (char *w = strtok(s, " \t"); w; w = strtok(NULL, " \t")) {
		if (*argc >= max)
			return -1;
		argv[(*argc)++] = w;
	}
	return 0;
}

int cli_argv_push(struct cli_argv *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 32;
		char **v = realloc(a->v, cap * sizeof(*v));
		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	if (!(a->v[a->n] = strdup(s)))
		return -1;
	a->v[++a->n] = NULL;
	return 0;
}

int cli_argv_words(struct cli_argv *a, const char *s)
{
	char *copy = strdup(s ? s : ""), *w;
	int err = !copy;

	for (w = copy ? strtok(copy, " \t") : NULL; w && !err;
	     w = strtok(NULL, " \t"))
		err = cli_argv_push(a, w);
	free(copy);
	return err ? -1 : 0;
}

void cli_argv_free(struct cli_argv *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

double cli_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int cli_child_start(struct cli_child *c)
{
	int pipe_fd[2] = {-1, -1}, e;
	pid_t parent = getpid();
	sigset_t old;

	c->pid = 0;
	c->out = -1;
	if (c->pipe_out && pipe2(pipe_fd, O_CLOEXEC))
		return -1;
	fflush(NULL);
	/* No handler runs between the fork and the guard's registration,
	 * nor in the guard before it sets its own. */
	cli_cleanup_block(&old);
	c->pid = fork();
	if (c->pid == 0)
		cli_guard(c, pipe_fd, parent);
	e = errno;
	if (c->pid > 0 && cli_cleanup_child(c->pid)) {
		cli_child_kill(c);
		c->pid = -1;
		e = EAGAIN;
	}
	cli_cleanup_restore(&old);
	if (c->pid < 0) {
		if (c->pipe_out) {
			close(pipe_fd[0]);
			close(pipe_fd[1]);
		}
		c->pid = 0;
		errno = e;
		return -1;
	}
	if (c->pipe_out) {
		close(pipe_fd[1]);
		c->out = pipe_fd[0];
	}
	c->deadline = cli_clock() + c->timeout;
	return 0;
}

/* c's guard has been reaped. */
static void reaped(struct cli_child *c)
{
	cli_cleanup_child_gone(c->pid);
	c->pid = 0;
}

int cli_child_poll(struct cli_child *c, int *status)
{
	pid_t w = waitpid(c->pid, status, WNOHANG);
	int e = errno;

	if (w == c->pid) {
		reaped(c);
		return CLI_CHILD_EXITED;
	}
	if (c->timeout && cli_clock() > c->deadline) {
		cli_child_kill(c);
		return CLI_CHILD_TIMED_OUT;
	}
	errno = e;
	return w < 0 ? -1 : CLI_CHILD_RUNNING;
}

int cli_child_wait(struct cli_child *c, int *status)
{
	pid_t w;

	while ((w = waitpid(c->pid, status, 0)) < 0 && errno == EINTR)
		;
	if (w != c->pid)
		return -1;
	reaped(c);
	return 0;
}

void cli_child_kill(struct cli_child *c)
{
	int status;

	/* The guard kills the command and all it started, then exits. */
	kill(c->pid, SIGTERM);
	while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
		;
	reaped(c);
}

int cli_spawn(char *const argv[], unsigned timeout, const char *writes,
	      const char *what)
{
	struct cli_child c = {.argv = argv,
			      .exec_error = "fpcheck: ",
			      .writes = writes,
			      .timeout = timeout};
	struct timespec nap = {0, 5 * 1000 * 1000};
	int status, st;

	if (cli_child_start(&c))
		return cli_error("cannot start %s: %s", what, strerror(errno));
	while ((st = cli_child_poll(&c, &status)) != CLI_CHILD_EXITED) {
		if (st == CLI_CHILD_TIMED_OUT)
			return cli_error(
			    "%s did not finish within %u s and was "
			    "killed",
			    what, timeout);
		if (st < 0 && errno != EINTR)
			return cli_error("waiting for %s: %s", what,
					 strerror(errno));
		nanosleep(&nap, NULL);
	}
	if (WIFSIGNALED(status))
		return cli_error("%s was killed by signal %d (%s)", what,
				 WTERMSIG(status), strsignal(WTERMSIG(status)));
	if (WEXITSTATUS(status) == 127)
		return EXIT_ERROR; /* the child said why */
	if (WEXITSTATUS(status))
		return cli_error("%s failed with exit status %d", what,
				 WEXITSTATUS(status));
	return 0;
}
