/*
 * The guard of a child command (see cli_guard.h): its command's start,
 * the capped copy of its output, and the end of everything it started.
 * Everything here runs in the guard process (or, in start_command, in
 * the command's process before exec).
 */
#include "cli_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_cleanup.h"

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NSTOP (sizeof(stop_signals) / sizeof(stop_signals[0]))

/* Set by on_stop; the command's process id (and group) once started. */
static volatile sig_atomic_t stopped;
static volatile pid_t command;

/* fpcheck asks the guard to stop (a time limit, a signal), or died: the
 * command's group is killed at once, which ends the wait for it. */
static void on_stop(int sig)
{
	(void)sig;
	stopped = 1;
	if (command > 0) {
		kill(-command, SIGKILL);
		kill(command, SIGKILL);
	}
}

static void nap_ms(long ms)
{
	struct timespec t = {0, ms * 1000 * 1000};

	nanosleep(&t, NULL);
}

/* ---- the command's side ------------------------------------------------ */

static void stdin_from_null(void)
{
	int null = open("/dev/null", O_RDONLY);

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		close(null);
	}
}

/* Each NAME=VALUE word of env into the environment. */
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

/* In the command's process: never returns.  out is the log's pipe
 * ({-1, -1} without a log). */
static _Noreturn void start_command(const struct cli_child *c,
				    const int pipe_fd[2], const int out[2],
				    pid_t guard)
{
	sigset_t none;

	/* Dies with its guard, whatever kills the guard. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != guard)
		_exit(127);
	setpgid(0, 0);
	if (c->pipe_out) {
		dup2(pipe_fd[1], STDOUT_FILENO);
		close(pipe_fd[0]);
		close(pipe_fd[1]);
	}
	if (out[1] >= 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(out[1], STDERR_FILENO);
	}
	if (c->no_stdin)
		stdin_from_null();
	if (c->env)
		set_env(c->env);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (c->direct)
		execv(c->argv[0], c->argv);
	else
		execvp(c->argv[0], c->argv);
	if (c->exec_error)
		fprintf(stderr, "%scannot run '%s': %s\n", c->exec_error,
			c->argv[0], strerror(errno));
	_exit(127);
}

/* ---- the log ----------------------------------------------------------- */

/* The log: what was written to it, and the last CLI_LOG_TAIL bytes past
 * the head, in a ring (static: the guard allocates nothing). */
struct capture {
	int log; /* -1: nothing is captured */
	unsigned long long total;
};
static char tail[CLI_LOG_TAIL];

static void put(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* a full disk: the log is all that suffers */
		p += w;
		n -= (size_t)w;
	}
}

/* The head goes to the log as it comes; the rest into the ring. */
static void take(struct capture *cap, const char *p, size_t n)
{
	if (cap->total < CLI_LOG_HEAD) {
		size_t k = CLI_LOG_HEAD - cap->total;
		if (k > n)
			k = n;
		put(cap->log, p, k);
		p += k;
		n -= k;
		cap->total += k;
	}
	while (n) {
		size_t at = (cap->total - CLI_LOG_HEAD) % CLI_LOG_TAIL;
		size_t k = CLI_LOG_TAIL - at < n ? CLI_LOG_TAIL - at : n;
		memcpy(tail + at, p, k);
		p += k;
		n -= k;
		cap->total += k;
	}
}

/* Decimal digits of v, in buf; returns their start. */
static char *decimal(unsigned long long v, char *buf, size_t len)
{
	char *p = buf + len;

	*--p = 0;
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) && p > buf);
	return p;
}

static void put_str(int fd, const char *s)
{
	put(fd, s, strlen(s));
}

/* The tail, after a line saying how much was cut before it. */
static void finish(struct capture *cap)
{
	unsigned long long past =
	    cap->total > CLI_LOG_HEAD ? cap->total - CLI_LOG_HEAD : 0;
	char num[24];
	size_t at;

	if (past <= CLI_LOG_TAIL) {
		put(cap->log, tail, (size_t)past);
		return;
	}
	put_str(cap->log, "\n[fpcheck: ");
	put_str(cap->log, decimal(past - CLI_LOG_TAIL, num, sizeof(num)));
	put_str(cap->log, " bytes of output cut here; a log keeps the first ");
	put_str(cap->log, decimal(CLI_LOG_HEAD / 1024, num, sizeof(num)));
	put_str(cap->log, " KiB and the last ");
	put_str(cap->log, decimal(CLI_LOG_TAIL / 1024, num, sizeof(num)));
	put_str(cap->log, " KiB of a command's output]\n");
	at = (size_t)(past % CLI_LOG_TAIL); /* the oldest byte kept */
	put(cap->log, tail + at, CLI_LOG_TAIL - at);
	put(cap->log, tail, at);
}

/* Reads what is in the pipe now (it does not block); closes it (-1) at
 * its end. */
static void drain(int *in, struct capture *cap)
{
	char buf[16384];
	ssize_t n;

	while (*in >= 0) {
		n = read(*in, buf, sizeof(buf));
		if (n > 0) {
			take(cap, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) {
			close(*in);
			*in = -1;
		}
		return;
	}
}

/* ---- waiting and ending -------------------------------------------- */

/* Until the command exits (left a zombie, so that its process id stays
 * its group's), copying its output meanwhile. */
static void wait_command(pid_t pid, int *in, struct capture *cap)
{
	for (;;) {
		siginfo_t si;
		int nohang = *in >= 0 ? WNOHANG : 0;
		struct pollfd p = {*in, POLLIN, 0};

		memset(&si, 0, sizeof(si));
		if (!waitid(P_PID, (id_t)pid, &si,
			    WEXITED | WNOWAIT | nohang)) {
			if (si.si_pid == pid)
				return;
		} else if (errno != EINTR)
			return;
		/* A background process may keep the pipe open after the
		 * command exits: poll it briefly, and look again. */
		if (*in >= 0 && poll(&p, 1, 20) > 0)
			drain(in, cap);
	}
}

/* SIGKILL to each of the guard's children, as /proc lists them (the
 * orphans it reaps as their subreaper).  Returns -1 when there is no
 * such list. */
static int kill_children(void)
{
	char path[64] = "/proc/self/task/", num[24], buf[4096];
	const char *tid =
	    decimal((unsigned long long)getpid(), num, sizeof(num));
	ssize_t n;
	long pid = 0;
	int fd;

	strcat(strcat(strcat(path, tid), "/"), "children");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9')
				pid = pid * 10 + (buf[i] - '0');
			else if (pid) {
				kill((pid_t)pid, SIGKILL);
				pid = 0;
			}
		}
	}
	if (pid)
		kill((pid_t)pid, SIGKILL);
	close(fd);
	return 0;
}

/* Kills the command's group and everything that became the guard's,
 * reaping all of it; returns the command's wait status. */
static int end_all(pid_t pid)
{
	int status = W_EXITCODE(127, 0); /* if it cannot be waited for */

	kill(-pid, SIGKILL);
	/* Once reaped, its pid may be another process's: on_stop must no
	 * longer kill it. */
	command = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* Without /proc's list, the group's members are waited for up
	 * to a second; anything left then goes to init. */
	for (int rounds = 0;;) {
		int listed = kill_children();
		pid_t w = waitpid(-1, NULL, WNOHANG);
		if (w < 0 && errno != EINTR)
			break; /* no child left */
		if (w == 0) {
			if (listed < 0 && ++rounds > 200)
				break;
			nap_ms(5);
		}
	}
	return status;
}

/* Exits as the command did: its exit status, or its signal. */
static _Noreturn void exit_as(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		struct rlimit none = {0, 0};
		struct sigaction dfl;
		sigset_t set;

		/* A core dump would be the guard's, not the command's. */
		setrlimit(RLIMIT_CORE, &none);
		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		sigaction(sig, &dfl, NULL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		kill(getpid(), sig);
		_exit(128 + sig);
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
}

/* ---- the guard --------------------------------------------------------- */

/* Stop handlers (which interrupt the waits), the subreaper, and the
 * signal the kernel sends when fpcheck dies. */
static void become_guard(void)
{
	struct sigaction sa;

	setpgid(0, 0); /* out of fpcheck's group: a kill of that group, or
			* the terminal's ^C, is fpcheck's to handle */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &sa, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
}

/* The log, open for appending, and the pipe the command writes into; the
 * command's output goes where fpcheck's goes when the log cannot be
 * opened. */
static void open_capture(const char *log, struct capture *cap, int out[2])
{
	cap->log = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	if (cap->log >= 0 && pipe2(out, O_CLOEXEC)) {
		close(cap->log);
		cap->log = -1;
	}
	/* The guard reads what there is and goes back to waiting: a
	 * background process may hold the pipe open forever. */
	if (cap->log >= 0)
		fcntl(out[0], F_SETFL, O_NONBLOCK);
}

_Noreturn void cli_guard(const struct cli_child *c, const int pipe_fd[2],
			 pid_t parent)
{
	struct capture cap = {-1, 0};
	int out[2] = {-1, -1}, status;
	sigset_t none;
	pid_t pid, self = getpid();

	become_guard();
	if (c->log)
		open_capture(c->log, &cap, out);
	if ((pid = fork()) == 0)
		start_command(c, pipe_fd, out, self);
	if (c->pipe_out) {
		close(pipe_fd[0]);
		close(pipe_fd[1]);
	}
	if (out[1] >= 0)
		close(out[1]);
	if (pid < 0)
		_exit(127);
	setpgid(pid, pid);
	command = pid;
	if (getppid() != parent)
		raise(SIGTERM); /* fpcheck died before it could tell */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	wait_command(pid, &out[0], &cap);
	status = end_all(pid);
	drain(&out[0], &cap);
	if (cap.log >= 0)
		finish(&cap);
	if (c->writes && !(WIFEXITED(status) && !WEXITSTATUS(status)))
		cli_cleanup_partial(c->writes);
	if (getppid() != parent)
		cli_cleanup_files_now();
	exit_as(status);
}
