/*
 * Child processes (see cli_process.h): argument vectors, and a child run
 * to its end or to its time limit, with a message for every way it can
 * fail.
 */
#include "cli_process.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_error.h"

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

int cli_spawn(char *const argv[], unsigned timeout, const char *what)
{
	struct timespec start, now, nap = {0, 5 * 1000 * 1000};
	pid_t pid;
	int status;

	fflush(NULL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid < 0)
		return cli_error("cannot start %s: %s", what, strerror(errno));
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "fpcheck: cannot run '%s': %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			return cli_error("waiting for %s: %s", what,
					 strerror(errno));
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (timeout && now.tv_sec - start.tv_sec >= (time_t)timeout) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return cli_error(
			    "%s did not finish within %u s and was "
			    "killed",
			    what, timeout);
		}
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
