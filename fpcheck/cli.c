/*
 * Shared CLI helpers (see cli.h).
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/html.h"
#include "fpcheck/report.h"
#include "fpcheck/summary.h"

int cli_error(const char *fmt, ...)
{
	va_list ap;

	cli_progress_done();
	fputs("fpcheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_ERROR;
}

int cli_file_error(const char *path, int err, const char *detail)
{
	if (detail && *detail)
		return cli_error("%s: %s", path, detail);
	if (err == FPC_ERR_IO && errno == ENOENT)
		return cli_error("cannot open '%s': %s", path, strerror(errno));
	if (err == FPC_ERR_IO)
		return cli_error("%s: %s", path, strerror(errno));
	return cli_error("%s: %s", path, fpc_strerror(err));
}

int cli_usage(const char *text)
{
	fputs(text, stderr);
	return EXIT_ERROR;
}

int cli_parse_uint(const char *s, unsigned long long min,
		   unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int cli_env_seed(unsigned long long *seed)
{
	const char *env = getenv("FPCHECK_SEED");

	if (env && *env && cli_parse_uint(env, 0, UINT64_MAX, seed))
		return cli_error("FPCHECK_SEED must be a whole number, not "
				 "'%s'",
				 env);
	return 0;
}

int cli_parse_seed(const char *arg, unsigned long long *seed)
{
	if (cli_parse_uint(arg, 0, UINT64_MAX, seed))
		return cli_error("--seed takes a whole number, not '%s'", arg);
	return 0;
}

int cli_parse_samples(const char *arg, unsigned long long *n)
{
	/* 2^24 samples per kernel is already a record of gigabytes. */
	if (cli_parse_uint(arg, 0, 1u << 24, n))
		return cli_error("--samples takes a number from 0 to "
				 "16777216, not '%s'",
				 arg);
	return 0;
}

int cli_parse_shard(const char *arg, unsigned *i, unsigned *n)
{
	unsigned long a, b;
	char *end;

	a = strtoul(arg, &end, 10);
	if (end != arg && *end == '/') {
		const char *p = end + 1;
		b = strtoul(p, &end, 10);
		if (end != p && !*end && a >= 1 && a <= b && b <= 4096) {
			*i = (unsigned)a;
			*n = (unsigned)b;
			return 0;
		}
	}
	return cli_error("--shard takes I/N with 1 <= I <= N <= 4096, not "
			 "'%s'",
			 arg);
}

int cli_parse_image_size(const char *arg, uint32_t *w, uint32_t *h)
{
	unsigned long a, b;
	char *end;

	a = strtoul(arg, &end, 10);
	if (end != arg && (*end == 'x' || *end == 'X')) {
		const char *p = end + 1;
		b = strtoul(p, &end, 10);
		/* the largest size is the library's to check */
		if (end != p && !*end && a >= 1 && b >= 1 && a <= 65535 &&
		    b <= 65535) {
			*w = (uint32_t)a;
			*h = (uint32_t)b;
			return 0;
		}
	}
	return cli_error("--image-size takes WIDTHxHEIGHT, not '%s'", arg);
}

int cli_parse_format(const char *arg, int *format)
{
	if ((*format = fpc_report_format_parse(arg)) < 0)
		return cli_error("unknown report format '%s' (text, markdown, "
				 "json, csv)",
				 arg);
	return 0;
}

/* ---- output ---------------------------------------------------------- */

int cli_output_open(struct cli_output *o, const char *path)
{
	int fd;
	size_t n;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	{
		/* A device or a pipe is written in place: renaming a file
		 * over it would replace it. */
		struct stat st;
		if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
			if (S_ISDIR(st.st_mode))
				return cli_error("cannot write '%s': it is a "
						 "directory",
						 path);
			if (!(o->f = fopen(path, "w")))
				return cli_error("cannot open '%s': %s", path,
						 strerror(errno));
			return 0;
		}
	}
	n = strlen(path);
	o->path = strdup(path);
	o->tmp = malloc(n + sizeof(".tmpXXXXXX"));
	if (!o->path || !o->tmp) {
		free(o->path);
		free(o->tmp);
		return cli_error("out of memory");
	}
	memcpy(o->tmp, path, n);
	memcpy(o->tmp + n, ".tmpXXXXXX", sizeof(".tmpXXXXXX"));
	if ((fd = mkstemp(o->tmp)) < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->path);
		free(o->tmp);
		return cli_error("cannot create '%s': %s", path, strerror(e));
	}
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	return 0;
}

int cli_output_close(struct cli_output *o)
{
	int rc = EXIT_OK;

	if (o->f == stdout)
		return fflush(stdout) || ferror(stdout)
			   ? cli_error("cannot write to standard output")
			   : EXIT_OK;
	if (!o->tmp) { /* a device or a pipe */
		rc = fflush(o->f) || ferror(o->f) ? -1 : 0;
		if (fclose(o->f) || rc)
			rc = cli_error("cannot write: %s", strerror(errno));
		memset(o, 0, sizeof(*o));
		return rc;
	}
	if (fflush(o->f) || ferror(o->f) || fsync(fileno(o->f))) {
		rc = cli_error("cannot write '%s': %s", o->path,
			       strerror(errno));
		fclose(o->f);
	} else if (fclose(o->f) || rename(o->tmp, o->path)) {
		rc = cli_error("cannot write '%s': %s", o->path,
			       strerror(errno));
	}
	if (rc)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return rc;
}

void cli_output_abort(struct cli_output *o)
{
	if (o->f && o->f != stdout) {
		fclose(o->f);
		if (o->tmp)
			unlink(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

/* ---- truth options and progress ------------------------------------- */

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

static void truth_progress(void *arg, const char *kernel, uint64_t done,
			   uint64_t total)
{
	char what[128];

	(void)arg;
	snprintf(what, sizeof(what), "truth: %s", kernel);
	cli_progress(what, done, total);
}

void cli_truth_init(struct cli_truth *t)
{
	const char *env;

	memset(t, 0, sizeof(*t));
	if ((env = getenv("FPCHECK_CACHE_DIR")) && *env)
		snprintf(t->cache, sizeof(t->cache), "%s", env);
	else if ((env = getenv("XDG_CACHE_HOME")) && *env)
		snprintf(t->cache, sizeof(t->cache), "%s/fpcheck", env);
	else if ((env = getenv("HOME")) && *env)
		snprintf(t->cache, sizeof(t->cache), "%s/.cache/fpcheck", env);
	t->o.cache = *t->cache ? t->cache : NULL;
	if (isatty(STDERR_FILENO)) {
		t->o.progress = truth_progress;
		t->o.progress_arg = t;
	}
}

int cli_truth_getopt(struct cli_truth *t, int c, const char *arg)
{
	unsigned long long v;

	switch (c) {
	case CLI_OPT_CACHE:
		snprintf(t->cache, sizeof(t->cache), "%s", arg);
		t->o.cache = t->cache;
		return 0;
	case CLI_OPT_NO_CACHE:
		t->o.cache = NULL;
		return 0;
	case 'j':
		if (cli_parse_uint(arg, 1, 64, &v))
			return cli_error("--jobs takes a number from 1 to 64, "
					 "not '%s'",
					 arg);
		t->o.threads = (unsigned)v;
		return 0;
	default:
		return -1;
	}
}

int cli_eval_init(struct cli_eval *e)
{
	memset(e, 0, sizeof(*e));
	e->functions = "all";
	e->seed = FPC_CORPUS_DEFAULT_SEED;
	e->samples = FPC_CORPUS_DEFAULT_RANDOM;
	e->repeat = 1;
	return cli_env_seed(&e->seed);
}

int cli_eval_getopt(struct cli_eval *e, int c, const char *arg)
{
	switch (c) {
	case 'f':
		e->functions = arg;
		return 0;
	case CLI_OPT_CORPUS:
		e->corpus = arg;
		return 0;
	case CLI_OPT_SEED:
		return cli_parse_seed(arg, &e->seed);
	case CLI_OPT_SAMPLES:
		return cli_parse_samples(arg, &e->samples);
	case CLI_OPT_IMAGE_SIZE:
		return cli_parse_image_size(arg, &e->image_w, &e->image_h);
	case CLI_OPT_SHARD:
		return cli_parse_shard(arg, &e->shard_i, &e->shard_n);
	case CLI_OPT_REPEAT:
		if (cli_parse_uint(arg, 1, 1000, &e->repeat))
			return cli_error("--repeat takes a number of runs from "
					 "1 to 1000, not '%s'",
					 arg);
		return 0;
	case CLI_OPT_FORMAT:
		return cli_parse_format(arg, &e->format);
	default:
		return -1;
	}
}

int cli_make_parent_dirs(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return cli_error("path too long: '%s'", path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0777) && errno != EEXIST)
			return cli_error("cannot create directory '%s': %s",
					 buf, strerror(errno));
		*p = '/';
	}
	return 0;
}

void cli_remove_partial(const char *path)
{
	/* The container writer's temporary suffix, as in container.c. */
	static const char suffix[] = ".tmpXXXXXX";
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[PATH_MAX], file[PATH_MAX + 256];
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d;

	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof(dir), ".");
	if (!(d = opendir(*dir ? dir : "/")))
		return;
	while ((e = readdir(d))) {
		if (strlen(e->d_name) != blen + sizeof(suffix) - 1 ||
		    strncmp(e->d_name, base, blen) ||
		    strncmp(e->d_name + blen, ".tmp", 4))
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, e->d_name);
		unlink(file);
	}
	closedir(d);
}

/* ---- the runner ------------------------------------------------------ */

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
		snprintf(path, len, "%s", p);
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

/* ---- images ------------------------------------------------------------ */

int cli_image_load(struct cli_image *im, const char *path, const char *kernel)
{
	static const char *const keys[][2] = {
	    {"arch", "fpcheck.arch"},	      {"compiler", "fpcheck.compiler"},
	    {"build.flags", "fpcheck.flags"}, {"libc", "fpcheck.libc"},
	    {"emulator", "fpcheck.emulator"}, {"corpus.hash", "fpcheck.corpus"},
	};
	char detail[512] = "";
	int err;

	memset(im, 0, sizeof(*im));
	if (fpc_image_is_record(path)) {
		err = fpc_image_from_record(path, kernel, &im->img, &im->prov,
					    im->kernel, detail, sizeof(detail));
		if (err)
			return cli_file_error(path, err, detail);
		snprintf(im->label, sizeof(im->label), "%s:%s", path,
			 im->kernel);
	} else {
		if (kernel)
			return cli_error("'%s' is an image file, not a record: "
					 "leave out the kernel",
					 path);
		if ((err = fpc_image_read(path, &im->img, detail,
					  sizeof(detail))))
			return cli_file_error(path, err, detail);
		snprintf(im->label, sizeof(im->label), "%s", path);
	}
	im->text[im->ntext++] =
	    (struct fpc_png_text){"Software", "fpcheck " FPC_VERSION};
	im->text[im->ntext++] = (struct fpc_png_text){"Source", im->label};
	if (*im->kernel)
		im->text[im->ntext++] =
		    (struct fpc_png_text){"fpcheck.kernel", im->kernel};
	if (*im->kernel) {
		const char *v[4] = {fpc_prov_get(&im->prov, "arch"),
				    fpc_prov_get(&im->prov, "compiler"),
				    fpc_prov_get(&im->prov, "build.flags"),
				    fpc_prov_get(&im->prov, "libc")};
		snprintf(im->config, sizeof(im->config), "%s, %s, %s, %s",
			 v[0] ? v[0] : "?", v[1] ? v[1] : "?",
			 v[2] ? v[2] : "?", v[3] ? v[3] : "?");
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = fpc_prov_get(&im->prov, keys[i][0]);
		if (v && im->ntext < CLI_IMAGE_TEXT)
			im->text[im->ntext++] =
			    (struct fpc_png_text){keys[i][1], v};
	}
	return 0;
}

void cli_image_release(struct cli_image *im)
{
	fpc_image_release(&im->img);
	fpc_prov_release(&im->prov);
	memset(im, 0, sizeof(*im));
}

/* ---- record names -------------------------------------------------------- */

int cli_record_names(char **paths, int n, const char *baseline,
		     struct cli_names *out)
{
	out->base = 0;
	out->names = calloc((size_t)n, sizeof(char *));
	out->bufs = calloc((size_t)n, sizeof(*out->bufs));
	if (!out->names || !out->bufs) {
		cli_names_release(out);
		return cli_error("out of memory");
	}
	for (int i = 0; i < n; i++) {
		const char *slash = strrchr(paths[i], '/');
		const char *base = slash ? slash + 1 : paths[i];
		size_t len = strlen(base);

		if (len > 4 && !strcmp(base + len - 4, ".rec"))
			len -= 4;
		snprintf(out->bufs[i], sizeof(out->bufs[i]), "%.*s", (int)len,
			 base);
		out->names[i] = out->bufs[i];
		/* the last record of that path or name, as the table reads */
		if (baseline && (!strcmp(baseline, paths[i]) ||
				 !strcmp(baseline, out->names[i])))
			out->base = (size_t)i + 1;
	}
	if (baseline && !out->base--) {
		cli_names_release(out);
		return cli_error("--baseline '%s' is none of the records",
				 baseline);
	}
	return 0;
}

void cli_names_release(struct cli_names *n)
{
	free(n->names);
	free(n->bufs);
	memset(n, 0, sizeof(*n));
}

/* ---- the HTML page ------------------------------------------------------- */

static void html_progress(void *arg, const char *what, size_t done,
			  size_t total)
{
	(void)arg;
	cli_progress(what, done, total);
}

int cli_write_html(const char *const *paths, const char *const *names, size_t n,
		   size_t base, double stops, const char *output,
		   const struct cli_truth *truth)
{
	struct fpc_html_options o = {&truth->o,	       base,	      stops,
				     "fpcheck report", html_progress, NULL};
	struct cli_output out;
	char detail[512] = "";
	int err, rc;

	if ((rc = cli_make_parent_dirs(output)) ||
	    (rc = cli_output_open(&out, output)))
		return rc;
	err =
	    fpc_html_write(out.f, paths, names, n, &o, detail, sizeof(detail));
	cli_progress_done();
	if (err) {
		cli_output_abort(&out);
		return *detail ? cli_error("%s", detail)
			       : cli_error("cannot write '%s': %s", output,
					   fpc_strerror(err));
	}
	return cli_output_close(&out);
}

int cli_summary(char **paths, int n, const char *baseline,
		const struct cli_truth *truth, struct fpc_summary *s)
{
	struct cli_names nm;
	char detail[512] = "";
	int err, rc;

	if ((rc = cli_record_names(paths, n, baseline, &nm)))
		return rc;
	err =
	    fpc_summary_compute((const char *const *)paths, nm.names, (size_t)n,
				nm.base, &truth->o, s, detail, sizeof(detail));
	cli_progress_done();
	cli_names_release(&nm);
	if (err)
		return *detail ? cli_error("%s", detail)
			       : cli_file_error(paths[0], err, NULL);
	return 0;
}

/* ---- runner sources ------------------------------------------------------ */

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
			snprintf(installed, sizeof(installed), "%s/share/fpcheck",
				 self);
			cands[nc++] = installed;
		}
		cands[nc++] = FPC_SOURCE_DIR "/fpcheck";
	}
	for (size_t i = 0; i < nc; i++)
		if (!runner_root(cands[i], src, src_len, inc, inc_len))
			return 0;
	return cli_error("cannot find the runner sources (use --runner-src)");
}

/* ---- the corpus of a run ----------------------------------------------------
 */

int cli_corpus(const struct cli_corpus_spec *spec, struct fpc_corpus *c)
{
	const struct fpc_kernel **sel;
	struct fpc_corpus_options o;
	char detail[512] = "";
	size_t n;
	int err;

	if (spec->corpus)
		return (err = fpc_corpus_read(c, spec->corpus))
			   ? cli_file_error(spec->corpus, err, NULL)
			   : 0;
	if (!(sel = calloc(fpc_kernel_count(), sizeof(*sel))))
		return cli_error("out of memory");
	if ((err = fpc_kernel_select(spec->functions, sel, &n, detail,
				     sizeof(detail)))) {
		free(sel);
		return cli_error("%s", detail);
	}
	fpc_corpus_options_init(&o);
	o.seed = spec->seed;
	o.random = spec->samples;
	o.image_w = spec->image_w;
	o.image_h = spec->image_h;
	o.kernels = sel;
	o.nkernels = n;
	o.inputs = spec->inputs;
	o.with_builtin = spec->with_builtin;
	err = fpc_corpus_generate(c, &o, detail, sizeof(detail));
	free(sel);
	if (err)
		return *detail ? cli_error("%s", detail)
			       : cli_file_error(spec->inputs ? spec->inputs
							     : "corpus",
						err, NULL);
	return 0;
}

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
		snprintf(buf, sizeof(buf), "%s/%s", b->src, sources[i]);
		err = err || cli_argv_push(a, buf);
	}
	if (b->nfiles)
		err = err || cli_argv_push(a, "-DFPC_USER_KERNELS") ||
		      cli_argv_words(a, b->user_cflags);
	for (size_t i = 0; i < b->nfiles; i++)
		err = err || cli_argv_push(a, b->files[i]);
	err = err || cli_argv_push(a, "-o") || cli_argv_push(a, b->out) ||
	      cli_argv_words(a, b->ldflags) ||
	      cli_argv_words(a, b->user_ldflags) || cli_argv_push(a, "-lm") ||
	      cli_argv_push(a, "-pthread");
	return err ? -1 : 0;
}
