/*
 * Taking back what fpcheck leaves (see cli_cleanup.h): a fixed table of
 * children and one of temporaries, read by the exit handler and by the
 * signal handlers.  The handlers only call what is async-signal-safe
 * (kill, waitpid, unlink, the getdents64 system call): the tables are
 * static arrays whose slots are claimed and released with atomics, so
 * that a handler never sees half a path nor needs a lock.
 */
#include "cli_cleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fpcheck/container.h"

static const int handled[] = {SIGINT, SIGTERM, SIGHUP};
#define NHANDLED (sizeof(handled) / sizeof(handled[0]))

static _Atomic pid_t children[CLI_CLEANUP_CHILDREN]; /* 0: a free slot */

/* A temporary's slot: FREE, then BUSY while one thread fills it in, then
 * READY, which is what a handler reads. */
enum { FREE, BUSY, READY };
static struct {
	atomic_int state;
	char path[PATH_MAX];
} files[CLI_CLEANUP_FILES];

/* Set by the first handler (or the exit handler) that ends fpcheck;
 * ended once it is done, so that a second signal, taken by another
 * thread, waits for it rather than ending fpcheck half-way. */
static atomic_int ending, ended;

/* ---- temporaries --------------------------------------------------- */

/* Claims a slot for path; returns -1 when none is free. */
static int remember(const char *path)
{
	if (strlen(path) >= PATH_MAX)
		return -1;
	for (size_t i = 0; i < CLI_CLEANUP_FILES; i++) {
		int expected = FREE;
		if (atomic_compare_exchange_strong(&files[i].state, &expected,
						   BUSY)) {
			strcpy(files[i].path, path);
			atomic_store(&files[i].state, READY);
			return 0;
		}
	}
	return -1;
}

int cli_cleanup_mkstemp(char *tmpl)
{
	sigset_t old;
	int fd;

	/* No handler runs in this thread between the file's creation and
	 * its registration. */
	cli_cleanup_block(&old);
	fd = mkstemp(tmpl);
	if (fd >= 0 && remember(tmpl)) {
		close(fd);
		unlink(tmpl);
		fd = -1;
		errno = EMFILE;
	}
	cli_cleanup_restore(&old);
	return fd;
}

void cli_cleanup_forget(const char *path)
{
	for (size_t i = 0; i < CLI_CLEANUP_FILES; i++) {
		if (atomic_load(&files[i].state) == READY &&
		    !strcmp(files[i].path, path)) {
			int expected = READY;
			if (atomic_compare_exchange_strong(&files[i].state,
							   &expected, FREE))
				return;
		}
	}
}

void cli_cleanup_unlink(const char *path)
{
	unlink(path);
	cli_cleanup_forget(path);
}

void cli_cleanup_files_now(void)
{
	/* Each slot is taken before its path is read, so that a thread
	 * forgetting it and remembering another path meanwhile cannot
	 * change the path under the unlink; the process is ending, and
	 * the slot stays taken. */
	for (size_t i = 0; i < CLI_CLEANUP_FILES; i++) {
		int expected = READY;
		if (atomic_compare_exchange_strong(&files[i].state, &expected,
						   BUSY))
			unlink(files[i].path);
	}
}

/* A directory entry as the getdents64 system call returns it. */
struct raw_dirent {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* Is name base FPC_ATOMIC_SUFFIX, with any six characters for the X's? */
static int is_partial(const char *name, const char *base, size_t blen)
{
	static const char suffix[] = FPC_ATOMIC_SUFFIX;
	const size_t fixed = sizeof(suffix) - 1 - 6;

	return strlen(name) == blen + sizeof(suffix) - 1 &&
	       !strncmp(name, base, blen) &&
	       !strncmp(name + blen, suffix, fixed);
}

void cli_cleanup_partial(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	char dir[PATH_MAX];
	long buf[1024]; /* 8 KiB, aligned as the entries need */
	long n;
	int fd;

	if (!slash)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else if ((size_t)(slash - path) < sizeof(dir)) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = 0;
	} else
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	/* readdir would allocate: the system call does not. */
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long at = 0; at < n;) {
			const struct raw_dirent *d =
			    (const struct raw_dirent *)((char *)buf + at);
			if (is_partial(d->name, base, blen))
				unlinkat(fd, d->name, 0);
			at += d->reclen;
		}
	}
	close(fd);
}

/* ---- children ------------------------------------------------------ */

int cli_cleanup_child(pid_t pid)
{
	for (size_t i = 0; i < CLI_CLEANUP_CHILDREN; i++) {
		pid_t expected = 0;
		if (atomic_compare_exchange_strong(&children[i], &expected,
						   pid))
			return 0;
	}
	return -1;
}

void cli_cleanup_child_gone(pid_t pid)
{
	for (size_t i = 0; i < CLI_CLEANUP_CHILDREN; i++) {
		pid_t expected = pid;
		if (atomic_compare_exchange_strong(&children[i], &expected, 0))
			return;
	}
}

/* Asks every child to stop, then waits for each: a guard kills what its
 * command started and removes its partial output before it exits. */
static void stop_children(void)
{
	for (size_t i = 0; i < CLI_CLEANUP_CHILDREN; i++) {
		pid_t pid = atomic_load(&children[i]);
		if (pid > 0)
			kill(pid, SIGTERM);
	}
	for (size_t i = 0; i < CLI_CLEANUP_CHILDREN; i++) {
		pid_t pid = atomic_load(&children[i]);
		if (pid <= 0)
			continue;
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		atomic_store(&children[i], 0);
	}
}

/* ---- ending -------------------------------------------------------- */

void cli_cleanup_block(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < NHANDLED; i++)
		sigaddset(&set, handled[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

void cli_cleanup_restore(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Stops the children and removes the temporaries, once. */
static void end_now(void)
{
	struct timespec nap = {0, 1000 * 1000};
	int e = errno;

	if (atomic_exchange(&ending, 1)) {
		while (!atomic_load(&ended))
			nanosleep(&nap, NULL);
	} else {
		stop_children();
		cli_cleanup_files_now();
		atomic_store(&ended, 1);
	}
	errno = e;
}

/* With the signals blocked: a handler that ran in the middle would wait
 * for this very call to finish.  One that comes meanwhile is delivered
 * once it has, and ends fpcheck by its signal. */
static void on_exit_cleanup(void)
{
	sigset_t old;

	cli_cleanup_block(&old);
	end_now();
	cli_cleanup_restore(&old);
}

/* Ends fpcheck by sig once its children and temporaries are gone: the
 * disposition goes back to the default, and sig, blocked while this
 * runs, is delivered again when it returns. */
static void on_signal(int sig)
{
	struct sigaction dfl;

	end_now();
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

void cli_cleanup_init(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NHANDLED; i++)
		sigaddset(&sa.sa_mask, handled[i]);
	for (size_t i = 0; i < NHANDLED; i++)
		if (!sigaction(handled[i], NULL, &old) &&
		    old.sa_handler != SIG_IGN)
			sigaction(handled[i], &sa, NULL);
	atexit(on_exit_cleanup);
	fpc_atomic_hooks(cli_cleanup_mkstemp, cli_cleanup_forget);
}
