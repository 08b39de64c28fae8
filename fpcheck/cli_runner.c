/*
 * The runner's program, its sources and its build command, and the
 * record it writes checked before it counts (see cli_runner.h).  An
 * installed fpcheck finds program and sources beside itself; a build
 * tree's fpcheck finds the runner beside itself and the sources in the
 * tree it was built from.
 */
#include "cli_runner.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_cleanup.h"
#include "cli_error.h"
#include "cli_output.h"
#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/join.h"

static int executable(const char *p)
{
	struct stat st;
	return !stat(p, &st) && S_ISREG(st.st_mode) && !access(p, X_OK);
}

int cli_find_runner(const char *given, char *path, size_t len)
{
	char self[PATH_MAX];
	const char *env = getenv("FPCHECK_RUNNER");
	ssize_t n;
	char *slash;

	if (given || (env && *env)) {
		const char *p = given ? given : env;
		if (!executable(p))
			return cli_error("runner '%s' is not an executable "
					 "file",
					 p);
		snprintf(path, len, "%s%s", strchr(p, '/') ? "" : "./", p);
		return 0;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = 0;
		if ((slash = strrchr(self, '/')))
			*slash = 0;
		snprintf(path, len, "%s/fpcheck-runner", self);
		if (executable(path))
			return 0;
		/* <prefix>/bin/fpcheck -> <prefix>/libexec/fpcheck/ */
		if ((slash = strrchr(self, '/')))
			*slash = 0;
		snprintf(path, len, "%s/%s/fpcheck/fpcheck-runner", self,
			 FPC_LIBEXECDIR);
		if (executable(path))
			return 0;
	}
	return cli_error("cannot find fpcheck-runner (set FPCHECK_RUNNER or "
			 "use --runner)");
}

const char *cli_path_arg(const char *path, char *buf, size_t len)
{
	/* A name that does not fit in buf (longer than PATH_MAX, for the
	 * callers' buffers) is no file the system would open anyway: it is
	 * left as it is. */
	if (*path != '-' || (size_t)snprintf(buf, len, "./%s", path) >= len)
		return path;
	return buf;
}

int cli_runner_fresh(const char *out, char *tmp, size_t len)
{
	mode_t mask;
	int fd;

	if ((size_t)snprintf(tmp, len, "%s" FPC_ATOMIC_SUFFIX, out) >= len)
		return cli_error("path too long: '%s'", out);
	/* Registered, so that fpcheck stopped by a signal removes it. */
	if ((fd = cli_cleanup_mkstemp(tmp)) < 0)
		return cli_error("cannot create '%s': %s", tmp,
				 strerror(errno));
	/* mkstemp makes it 0600; a runner that writes in place, rather
	 * than renaming its own file over it, leaves a record as readable
	 * as any other. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	return 0;
}

int cli_runner_check(const char *path, char *why, size_t len)
{
	struct stat st;
	struct fpc_join j;
	char detail[512] = "";
	const char *what = detail;
	size_t n = strlen(path);
	int rc;

	if (stat(path, &st) || (S_ISREG(st.st_mode) && !st.st_size)) {
		snprintf(why, len, "wrote no record");
		return -1;
	}
	/* Through the join, so that what the summary would refuse (a
	 * kernel out of order, with the wrong arity) is refused here. */
	if (!(rc = fpc_join_open(&j, &path, 1, detail, sizeof(detail)))) {
		while ((rc = fpc_join_next(&j, detail, sizeof(detail))) > 0)
			;
		fpc_join_close(&j);
	}
	if (!rc)
		return 0;
	/* The detail names path, which the caller's message does better. */
	if (!strncmp(detail, path, n) && !strncmp(detail + n, ": ", 2))
		what += n + 2;
	snprintf(why, len, "its record is unusable: %s",
		 *what ? what : fpc_strerror(rc));
	return -1;
}

void cli_runner_discard(const char *tmp)
{
	cli_cleanup_unlink(tmp);
	cli_remove_partial(tmp);
}

int cli_runner_install(const char *tmp, const char *out)
{
	struct stat st;
	struct fpc_atomic a;
	char buf[65536];
	size_t n;
	FILE *in;
	int failed, e;

	if (stat(out, &st) || S_ISREG(st.st_mode)) {
		if (!rename(tmp, out)) {
			cli_cleanup_forget(tmp);
			return EXIT_OK;
		}
		cli_runner_discard(tmp);
		return cli_error("cannot write '%s': %s", out, strerror(errno));
	}
	if (!(in = fopen(tmp, "rb"))) {
		cli_runner_discard(tmp);
		return cli_error("cannot read '%s': %s", tmp, strerror(errno));
	}
	if (fpc_atomic_open(&a, out)) {
		e = errno;
		fclose(in);
		cli_runner_discard(tmp);
		return cli_error("cannot write '%s': %s", out, strerror(e));
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) &&
	       fwrite(buf, 1, n, a.f) == n)
		;
	failed = ferror(in) || ferror(a.f);
	e = errno; /* the copy's cause, before fclose and unlink change it */
	fclose(in);
	cli_runner_discard(tmp);
	if (failed) {
		fpc_atomic_abort(&a);
		return cli_error("cannot write '%s': %s", out, strerror(e));
	}
	if (fpc_atomic_commit(&a))
		return cli_error("cannot write '%s': %s", out, strerror(errno));
	return EXIT_OK;
}

static int is_file(const char *dir, const char *name)
{
	char p[4096];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return !stat(p, &st) && S_ISREG(st.st_mode);
}

/* The folder holding the runner's sources (runner/, kernels/, format/,
 * as fpcheck/runner/sources.def lists them): dir itself, or its parent
 * when dir is the runner/ folder.  Public headers sit in include/ beside
 * an installed copy, and in include/ of a source tree, one level up. */
static int runner_root(const char *dir, char *src, size_t src_len, char *inc,
		       size_t inc_len)
{
	if (is_file(dir, "runner/runner.c"))
		snprintf(src, src_len, "%s", dir);
	else if (is_file(dir, "runner.c"))
		snprintf(src, src_len, "%s/..", dir);
	else
		return -1;
	if (is_file(src, "include/fpcheck/container.h"))
		snprintf(inc, inc_len, "%s/include", src);
	else
		snprintf(inc, inc_len, "%s/../include", src);
	return 0;
}

/* The runner sources: --runner-src, else the installed copy (an
 * installed fpcheck uses its installed sources, even when the tree it was
 * built from is still there), else the source tree this fpcheck was built
 * from. */
int cli_runner_sources(const char *given, char *src, size_t src_len, char *inc,
		       size_t inc_len)
{
	char self[4096];
	ssize_t n;
	const char *cands[3];
	char installed[4200];
	size_t nc = 0;

	if (given)
		cands[nc++] = given;
	else {
		n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		if (n > 0) {
			char *slash;
			self[n] = 0;
			if ((slash = strrchr(self, '/')))
				*slash = 0;
			if ((slash = strrchr(self, '/')))
				*slash = 0;
			snprintf(installed, sizeof(installed),
				 "%s/share/fpcheck", self);
			cands[nc++] = installed;
		}
		cands[nc++] = FPC_SOURCE_DIR "/fpcheck";
	}
	for (size_t i = 0; i < nc; i++)
		if (!runner_root(cands[i], src, src_len, inc, inc_len))
			return 0;
	return cli_error("cannot find the runner sources (use --runner-src)");
}

int cli_runner_argv(const struct cli_runner_build *b, struct cli_argv *a)
{
	static const char *const sources[] = {
#define FPC_RUNNER_SOURCE(path) path,
#include "runner/sources.def"
#undef FPC_RUNNER_SOURCE
	};
	char buf[8192];
	int err = cli_argv_words(a, b->cc) || cli_argv_words(a, b->cflags);

	/* The flags the record names: the configuration's, and those the
	 * user's files were compiled with too. */
	snprintf(buf, sizeof(buf), "-DFPC_BUILD_FLAGS=\"%s%s%s\"", b->cflags,
		 b->user_cflags && *b->user_cflags ? " " : "",
		 b->user_cflags ? b->user_cflags : "");
	err = err || cli_argv_push(a, buf);
	snprintf(buf, sizeof(buf), "-I%s", b->src);
	err = err || cli_argv_push(a, buf);
	snprintf(buf, sizeof(buf), "-I%s", b->inc);
	err = err || cli_argv_push(a, buf);
	snprintf(buf, sizeof(buf), "-DFPC_VERSION=\"%s\"", FPC_VERSION);
	err = err || cli_argv_push(a, buf);
	snprintf(buf, sizeof(buf), "-DFPC_BUILD_CC=\"%s\"", b->cc);
	err = err || cli_argv_push(a, buf);
	if (b->libc) {
		snprintf(buf, sizeof(buf), "-DFPC_LIBC=\"%s\"", b->libc);
		err = err || cli_argv_push(a, buf);
	}
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		char p[8192];
		snprintf(p, sizeof(p), "%s/%s", b->src, sources[i]);
		err =
		    err || cli_argv_push(a, cli_path_arg(p, buf, sizeof(buf)));
	}
	if (b->nfiles)
		err = err || cli_argv_push(a, "-DFPC_USER_KERNELS") ||
		      cli_argv_words(a, b->user_cflags);
	for (size_t i = 0; i < b->nfiles; i++)
		err = err || cli_argv_push(a, cli_path_arg(b->files[i], buf,
							   sizeof(buf)));
	err = err || cli_argv_push(a, "-o") || cli_argv_push(a, b->out) ||
	      cli_argv_words(a, b->ldflags) ||
	      cli_argv_words(a, b->user_ldflags) || cli_argv_push(a, "-lm") ||
	      cli_argv_push(a, "-pthread");
	return err ? -1 : 0;
}
