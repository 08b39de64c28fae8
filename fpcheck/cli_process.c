/*
 * Child processes (see cli_process.h): argument vectors, starting a
 * child, polling, waiting for or killing it, and cli_spawn, a child run
 * to its end or to its time limit with a message for every way it can
 * fail.
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

double cli_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* In the child: stdout and stderr to the end of log (left as they are
 * when it cannot be opened: the child still runs, and its exit status
 * still tells). */
static void redirect_to_log(const char *log)
{
	int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0666);

	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
}

static void stdin_from_null(void)
{
	int null = open("/dev/null", O_RDONLY);

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		close(null);
	}
}

/* In the child: each NAME=VALUE word of env into the environment. */
static void set_env(const char *env)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", env);
	for (char *w = strtok(buf, " \t"); w; w = strtok(NULL, " \t")) {
		char *eq = strchr(w, '=');
		if (eq) {
			*eq = 0;
			setenv(w, eq + 1, 1);
		}
	}
}

/* The child's side of cli_child_start: never returns. */
static void exec_child(const struct cli_child *c, const int pipe_fd[2])
{
	if (c->new_group)
		setpgid(0, 0);
	if (c->pipe_out) {
		dup2(pipe_fd[1], STDOUT_FILENO);
		close(pipe_fd[0]);
		close(pipe_fd[1]);
	}
	if (c->log)
		redirect_to_log(c->log);
	if (c->no_stdin)
		stdin_from_null();
	if (c->env)
		set_env(c->env);
	if (c->direct)
		execv(c->argv[0], c->argv);
	else
		execvp(c->argv[0], c->argv);
	if (c->exec_error)
		fprintf(stderr, "%scannot run '%s': %s\n", c->exec_error,
			c->argv[0], strerror(errno));
	_exit(127);
}

int cli_child_start(struct cli_child *c)
{
	int pipe_fd[2] = {-1, -1};

	c->pid = 0;
	c->out = -1;
	if (c->pipe_out && pipe(pipe_fd))
		return -1;
	fflush(NULL);
	c->pid = fork();
	if (c->pid == 0)
		exec_child(c, pipe_fd);
	if (c->pid < 0) {
		int e = errno;
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

int cli_child_poll(struct cli_child *c, int *status)
{
	pid_t w = waitpid(c->pid, status, WNOHANG);
	int e = errno;

	if (w == c->pid) {
		c->pid = 0;
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
	if (waitpid(c->pid, status, 0) != c->pid)
		return -1;
	c->pid = 0;
	return 0;
}

void cli_child_kill(struct cli_child *c)
{
	int status;

	if (c->new_group)
		kill(-c->pid, SIGKILL);
	kill(c->pid, SIGKILL);
	waitpid(c->pid, &status, 0);
	c->pid = 0;
}

int cli_spawn(char *const argv[], unsigned timeout, const char *what)
{
	struct cli_child c = {
	    .argv = argv, .exec_error = "fpcheck: ", .timeout = timeout};
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
