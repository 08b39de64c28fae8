/*
 * fpcheck matrix: build the runner for every configuration and run it on
 * one corpus, in parallel, each build and run in its own process group
 * with a time limit, so that a missing compiler, a failed build, a crash
 * or a hang is reported and every other configuration still completes.
 * Then the kernels x configurations summary.
 *
 * Layout of the output directory:
 *   corpus.corpus         the inputs every configuration evaluated
 *   <config>.rec          one record per configuration that ran
 *   build/<config>/       the runner built for it
 *   logs/<config>.log     compiler and runner output
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_corpus.h"
#include "cli_options.h"
#include "cli_process.h"
#include "cli_progress.h"
#include "cli_records.h"
#include "cli_runner.h"
#include "configs.h"
#include "fpcheck/catalog.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/summary.h"
#include "fpcheck/summary_report.h"
#include "user.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck matrix [options]\n"
    "\n"
    "Builds the runner for every configuration (compiler x flags x target\n"
    "x libm, natively or under qemu-user), runs each on one corpus, and\n"
    "prints the kernels x configurations summary against a baseline.\n"
    "\n"
    "      --list            the configurations, and why any cannot run\n"
    "      --config FILE     configurations from FILE (docs/matrix.md)\n"
    "      --only LIST       only these configurations (comma-separated)\n"
    "      --out DIR         results directory (default results)\n"
    "  -j, --jobs N          builds and runs at once (default: CPUs)\n"
    "      --timeout SEC     limit per run (default 600)\n"
    "      --build-timeout SEC  limit per build (default 300)\n"
    "      --repeat N        evaluate every kernel N times per configuration\n"
    "                        and report run-to-run changes\n"
    "  -f, --functions LIST  kernels by C name, 'double', 'float', 'all'\n"
    "      --corpus FILE     evaluate FILE instead of generating a corpus\n"
    CLI_SEED_HELP("       ")
    CLI_SAMPLES_HELP("       ")
    CLI_IMAGE_SIZE_HELP
    "      --runner-src DIR  runner sources (default: fpcheck's own)\n"
    "      --kernels FILE    also your own functions, registered in FILE\n"
    "                        (include/fpcheck/kernel.h), compiled into every\n"
    "                        configuration's runner with its compiler and\n"
    "                        flags; given again (or FILE,FILE) for more\n"
    "                        files, such as your library's sources\n"
    "      --kernel-cflags S more flags for them (e.g. -I include)\n"
    "      --kernel-ldflags S\n"
    "                        more link flags for them\n"
    "      --format FMT      summary as text, markdown, json or csv\n"
    CLI_SHARD_HELP("       ")
    "      --html FILE       also the HTML page of the records (as\n"
    "                        fpcheck report --html)\n"
    CLI_CACHE_HELP("       ")
    "\n"
    "Exit status: 0 every available configuration ran, 1 some failed,\n"
    "2 usage error.\n";
/* clang-format on */

enum {
	OPT_LIST = 256,
	OPT_CONFIG,
	OPT_ONLY,
	OPT_OUT,
	OPT_TIMEOUT,
	OPT_BUILD_TIMEOUT,
	OPT_HTML,
	OPT_RUNNER_SRC,
	OPT_KERNELS,
	OPT_KERNEL_CFLAGS,
	OPT_KERNEL_LDFLAGS,
};

static const struct option options[] = {
    {"list", no_argument, NULL, OPT_LIST},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"only", required_argument, NULL, OPT_ONLY},
    {"out", required_argument, NULL, OPT_OUT},
    {"jobs", required_argument, NULL, 'j'},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"build-timeout", required_argument, NULL, OPT_BUILD_TIMEOUT},
    {"html", required_argument, NULL, OPT_HTML},
    {"runner-src", required_argument, NULL, OPT_RUNNER_SRC},
    {"kernels", required_argument, NULL, OPT_KERNELS},
    {"kernel-cflags", required_argument, NULL, OPT_KERNEL_CFLAGS},
    {"kernel-ldflags", required_argument, NULL, OPT_KERNEL_LDFLAGS},
    CLI_EVAL_OPTIONS,
    CLI_TRUTH_OPTIONS,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

enum state { WAITING, BUILDING, RUNNING, DONE, FAILED, SKIPPED };

struct job {
	struct cli_config *c;
	enum state state;
	struct cli_child child; /* the build or the run, while it goes on */
	double started, took;
	char runner[4096], record[4096], log[4096];
	char why[512];
};

struct matrix_run {
	struct cli_eval ev;
	const char *out, *only, *runner_src, *html;
	const char *config; /* --config FILE, or NULL for the built-in matrix */
	unsigned long long jobs, timeout, build_timeout;
	unsigned long long full_hash; /* the unsharded corpus's hash */
	int list, help;
	char src[4096], inc[4096]; /* runner sources and headers */
	char corpus_path[4096];
	/* --kernels: the user's files, and their functions */
	struct cli_user_files user;
	const char *user_cflags, *user_ldflags;
	struct cli_user *users;
	size_t nusers;
	char functions_buf[8192];
	struct cli_truth truth;
};

/* ---- runner sources -------------------------------------------------- */

/* The runner sources, as cli_runner_sources finds them. */
static int find_sources(struct matrix_run *r)
{
	return cli_runner_sources(r->runner_src, r->src, sizeof(r->src), r->inc,
				  sizeof(r->inc));
}

/* ---- starting builds and runs ---------------------------------------- */

/* Starts argv with output to the job's log (appended, its middle cut
 * when long), no input, and the configuration's environment for a run;
 * a timeout kills everything it started (cli_process.h). */
static int start(struct job *j, char *const *argv, unsigned long long timeout)
{
	j->child = (struct cli_child){
	    .argv = argv,
	    .log = j->log,
	    .no_stdin = 1,
	    .writes = j->state == RUNNING ? j->record : NULL,
	    .env = j->state == RUNNING ? j->c->env : NULL,
	    .exec_error = "",
	    .timeout = (double)timeout,
	};
	return cli_child_start(&j->child);
}

static int build_argv(const struct matrix_run *r, const struct job *j,
		      struct cli_argv *a)
{
	struct cli_runner_build b = {
	    j->c->cc,	    j->c->cflags,    j->c->ldflags, j->c->libc,
	    r->src,	    r->inc,	     r->user.file,  r->user.n,
	    r->user_cflags, r->user_ldflags, j->runner};

	return cli_runner_argv(&b, a);
}

static int run_argv(const struct matrix_run *r, const struct job *j,
		    struct cli_argv *a)
{
	char buf[4100]; /* room for "./" (cli_path_arg) */
	int err = cli_argv_words(a, j->c->emulator) ||
		  cli_argv_push(a, cli_path_arg(j->runner, buf, sizeof(buf)));

	if (j->c->emulator) {
		snprintf(buf, sizeof(buf), "emulator=%s", j->c->emulator);
		err = err || cli_argv_push(a, "-m") || cli_argv_push(a, buf);
	}
	snprintf(buf, sizeof(buf), "config=%s", j->c->name);
	err = err || cli_argv_push(a, "-m") || cli_argv_push(a, buf);
	if (j->c->libc) {
		snprintf(buf, sizeof(buf), "libc.name=%s", j->c->libc);
		err = err || cli_argv_push(a, "-m") || cli_argv_push(a, buf);
	}
	if (r->ev.repeat > 1) {
		snprintf(buf, sizeof(buf), "%llu", r->ev.repeat);
		err = err || cli_argv_push(a, "-r") || cli_argv_push(a, buf);
	}
	if (!j->c->threads)
		err = err || cli_argv_push(a, "-T");
	if (r->ev.shard_n) {
		snprintf(buf, sizeof(buf), "shard=%u/%u", r->ev.shard_i,
			 r->ev.shard_n);
		err = err || cli_argv_push(a, "-m") || cli_argv_push(a, buf);
		snprintf(buf, sizeof(buf), "shard.corpus=%016llx",
			 r->full_hash);
		err = err || cli_argv_push(a, "-m") || cli_argv_push(a, buf);
	}
	err = err ||
	      cli_argv_push(a, cli_path_arg(r->corpus_path, buf, sizeof(buf)));
	err =
	    err || cli_argv_push(a, cli_path_arg(j->record, buf, sizeof(buf)));
	return err ? -1 : 0;
}

/* A one-line reason from a log: the compiler's last "error:" line, else
 * the last non-empty line (a caret line under the source says little). */
static void last_line(const char *log, char *out, size_t len)
{
	FILE *f = fopen(log, "r");
	char line[256];
	int error = 0;

	*out = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		int is_error = strstr(line, "error:") != NULL;
		line[strcspn(line, "\n")] = 0;
		if (*line && (is_error || !error))
			snprintf(out, len, "%s", line);
		error |= is_error;
	}
	fclose(f);
}

static void fail(struct job *j, const char *what, int status)
{
	char last[300];

	last_line(j->log, last, sizeof(last));
	if (WIFSIGNALED(status))
		snprintf(j->why, sizeof(j->why), "%s killed by signal %d (%s)",
			 what, WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(j->why, sizeof(j->why), "%s failed (exit %d)%s%s",
			 what, WEXITSTATUS(status), *last ? ": " : "", last);
	j->state = FAILED;
}

/* Appends "$ argv..." to the log, above what the command prints. */
static void log_command(const char *path, const struct cli_argv *a)
{
	FILE *log = fopen(path, "a");

	if (!log)
		return;
	fprintf(log, "$");
	for (size_t i = 0; i < a->n; i++)
		fprintf(log, " %s", a->v[i]);
	fputc('\n', log);
	fclose(log);
}

/* Starts the job's next step: its build, or the run of its runner. */
static void next_step(const struct matrix_run *r, struct job *j)
{
	struct cli_argv a = {0};
	unsigned long long timeout;
	int err;

	if (j->state == WAITING) {
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/build/%s/", r->out, j->c->name);
		if (cli_make_parent_dirs(dir) || build_argv(r, j, &a)) {
			snprintf(j->why, sizeof(j->why),
				 "cannot prepare the build");
			j->state = FAILED;
			cli_argv_free(&a);
			return;
		}
		j->state = BUILDING;
		timeout = r->build_timeout;
		j->started = cli_clock();
	} else {
		if (run_argv(r, j, &a)) {
			snprintf(j->why, sizeof(j->why), "out of memory");
			j->state = FAILED;
			return;
		}
		j->state = RUNNING;
		timeout = r->timeout;
	}
	log_command(j->log, &a);
	err = start(j, a.v, timeout);
	cli_argv_free(&a);
	if (err) {
		snprintf(j->why, sizeof(j->why), "cannot start: %s",
			 strerror(errno));
		j->state = FAILED;
	}
}

static void finished(struct job *j, int status)
{
	if (j->state == BUILDING) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			return; /* next_step starts the run */
		fail(j, "build", status);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		char why[sizeof(j->why) - 32];
		j->took = cli_clock() - j->started;
		/* Read through now, so that a record the summary could not
		 * read fails its configuration alone. */
		if (cli_runner_check(j->record, why, sizeof(why))) {
			snprintf(j->why, sizeof(j->why),
				 "runner exited 0 but %s", why);
			j->state = FAILED;
			unlink(j->record);
		} else {
			j->state = DONE;
		}
	} else {
		fail(j, "runner", status);
		cli_remove_partial(j->record);
	}
}

static void progress(const struct job *jobs, size_t n)
{
	size_t done = 0, running = 0;
	const char *name = "";
	char what[256];

	for (size_t i = 0; i < n; i++) {
		if (jobs[i].state == DONE || jobs[i].state == FAILED ||
		    jobs[i].state == SKIPPED)
			done++;
		else if (jobs[i].child.pid > 0) {
			running++;
			name = jobs[i].c->name;
		}
	}
	snprintf(what, sizeof(what), "matrix: %zu running (%s), done", running,
		 name);
	cli_progress(what, done, n);
}

/* The job's build or run was killed at its time limit. */
static void timed_out(const struct matrix_run *r, struct job *j)
{
	if (j->state == RUNNING)
		cli_remove_partial(j->record);
	snprintf(j->why, sizeof(j->why),
		 "%s did not finish within %llu s and was killed",
		 j->state == BUILDING ? "build" : "runner",
		 j->state == BUILDING ? r->build_timeout : r->timeout);
	j->state = FAILED;
}

/* Looks at every job's build or run; returns how many go on. */
static size_t poll_jobs(const struct matrix_run *r, struct job *jobs, size_t n)
{
	size_t running = 0;

	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		int status;

		if (j->child.pid > 0) {
			int st = cli_child_poll(&j->child, &status);
			if (st == CLI_CHILD_EXITED)
				finished(j, status);
			else if (st == CLI_CHILD_TIMED_OUT)
				timed_out(r, j);
		}
		running += j->child.pid > 0;
	}
	return running;
}

/* Starts next steps while fewer than r->jobs go on. */
static void start_jobs(const struct matrix_run *r, struct job *jobs, size_t n,
		       size_t running)
{
	for (size_t i = 0; i < n && running < r->jobs; i++) {
		struct job *j = &jobs[i];
		/* A finished build goes on to its run at once. */
		if (j->child.pid == 0 &&
		    (j->state == WAITING || j->state == BUILDING)) {
			next_step(r, j);
			running += j->child.pid > 0;
		}
	}
}

static int pending(const struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (jobs[i].state == WAITING || jobs[i].child.pid > 0 ||
		    jobs[i].state == BUILDING)
			return 1;
	return 0;
}

/* Runs every job, r->jobs at a time. */
static void schedule(const struct matrix_run *r, struct job *jobs, size_t n)
{
	struct timespec nap = {0, 10 * 1000 * 1000};

	for (;;) {
		start_jobs(r, jobs, n, poll_jobs(r, jobs, n));
		progress(jobs, n);
		if (!pending(jobs, n))
			break;
		nanosleep(&nap, NULL);
	}
	cli_progress_done();
}

/* ---- listing --------------------------------------------------------- */

static int list(const struct cli_configs *m)
{
	size_t base = cli_configs_baseline(m), avail = 0;

	for (size_t i = 0; i < m->n; i++) {
		const struct cli_config *c = &m->c[i];
		printf("%-28s %s%s\n", c->name,
		       c->skip ? "skipped: " : "available",
		       c->skip ? c->skip : (i == base ? " (baseline)" : ""));
		printf("  %s %s%s%s%s%s%s\n", c->cc, c->cflags,
		       *c->ldflags ? " " : "", c->ldflags,
		       c->emulator ? "  under " : "",
		       c->emulator ? c->emulator : "",
		       c->threads ? "" : "  (no threaded kernels)");
		avail += !c->skip;
	}
	printf("\n%zu configurations, %zu available here\n", m->n, avail);
	return EXIT_OK;
}

/* ---- options --------------------------------------------------------- */

/* -j, --timeout and --build-timeout. */
static int parse_limit(struct matrix_run *r, int c, const char *arg)
{
	if (c == 'j')
		return cli_parse_uint(arg, 1, 256, &r->jobs)
			   ? cli_error("--jobs takes a number from 1 to 256, "
				       "not '%s'",
				       arg)
			   : 0;
	if (cli_parse_uint(arg, 1, 1u << 30,
			   c == OPT_TIMEOUT ? &r->timeout : &r->build_timeout))
		return cli_error(
		    "%s takes a number of seconds, not '%s'",
		    c == OPT_TIMEOUT ? "--timeout" : "--build-timeout", arg);
	return 0;
}

/* Options that exclude or need each other. */
static int check_options(const struct matrix_run *r)
{
	if (r->ev.shard_n && r->ev.repeat > 1)
		return cli_error("--shard and --repeat exclude each other (the "
				 "shards of repeated runs do not merge)");
	if (r->user.n && r->ev.corpus)
		return cli_error("--kernels and --corpus exclude each other");
	if (!r->user.n && (r->user_cflags || r->user_ldflags))
		return cli_error("--kernel-cflags and --kernel-ldflags build "
				 "your --kernels; there are none");
	return 0;
}

/* The command line into r.  Returns 0, or the exit status when the
 * command ends here: an error, or --help (r->help set). */
static int parse_options(struct matrix_run *r, int argc, char **argv)
{
	int c, rc = 0;

	optind = 1;
	while (!rc && (c = cli_getopt(argc, argv, "j:f:h", options)) != -1) {
		switch (c) {
		case OPT_LIST:
			r->list = 1;
			break;
		case OPT_CONFIG:
			r->config = optarg;
			break;
		case OPT_ONLY:
			r->only = optarg;
			break;
		case OPT_OUT:
			r->out = optarg;
			break;
		case 'j':
		case OPT_TIMEOUT:
		case OPT_BUILD_TIMEOUT:
			rc = parse_limit(r, c, optarg);
			break;
		case OPT_HTML:
			r->html = optarg;
			break;
		case OPT_RUNNER_SRC:
			r->runner_src = optarg;
			break;
		case OPT_KERNELS:
			rc = cli_user_add_files(&r->user, optarg);
			break;
		case OPT_KERNEL_CFLAGS:
			r->user_cflags = optarg;
			break;
		case OPT_KERNEL_LDFLAGS:
			r->user_ldflags = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			r->help = 1;
			return EXIT_OK;
		default:
			if ((rc = cli_eval_getopt(&r->ev, c, optarg)) < 0 &&
			    (rc = cli_truth_getopt(&r->truth, c, optarg)) < 0)
				return cli_usage(usage_text);
			break;
		}
	}
	if (rc)
		return rc;
	if (optind != argc)
		return cli_error("unexpected argument '%s' (see 'fpcheck "
				 "matrix --help')",
				 argv[optind]);
	return check_options(r);
}

/* ---- configurations --------------------------------------------------- */

/* --config FILE, or the built-in matrix; nothing to release on error. */
static int load_configs(const struct matrix_run *r, struct cli_configs *m)
{
	char detail[512] = "";
	int err = r->config
		      ? cli_configs_load(m, r->config, detail, sizeof(detail))
		      : cli_configs_default(m);

	if (err)
		return *detail
			   ? cli_error("%s", detail)
			   : cli_file_error(r->config ? r->config : "matrix",
					    err, NULL);
	return 0;
}

/* Every name --only gives must be a configuration's. */
static int check_only(const char *only, const struct cli_configs *m)
{
	for (const char *p = only; p && *p;) {
		size_t len = strcspn(p, ","), i;
		for (i = 0; i < m->n; i++)
			if (strlen(m->c[i].name) == len &&
			    !strncmp(m->c[i].name, p, len))
				break;
		if (i == m->n)
			return cli_error("--only: no configuration '%.*s' (see "
					 "'fpcheck matrix --list')",
					 (int)len, p);
		p += len + (p[len] == ',');
	}
	return 0;
}

static int selected(const char *only, const char *name)
{
	size_t n = strlen(name);

	if (!only)
		return 1;
	for (const char *p = only; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, name, n))
			return 1;
		p += len + (p[len] == ',');
	}
	return 0;
}

/*
 * --kernels: the user's functions, from a runner built on this machine
 * with $CC (or cc) -O2 only to ask what they are, so that the corpus can
 * hold their inputs before any configuration is built.
 */
static int user_kernels(struct matrix_run *r)
{
	const char *cc = getenv("CC");
	char runner[4096];
	struct cli_runner_build b = {0};
	int rc;

	snprintf(runner, sizeof(runner), "%s/build/kernels/fpcheck-runner",
		 r->out);
	if ((rc = cli_make_parent_dirs(runner)))
		return rc;
	b.cc = cc && *cc ? cc : "cc";
	b.cflags = "-O2";
	b.src = r->src;
	b.inc = r->inc;
	b.files = r->user.file;
	b.nfiles = r->user.n;
	b.user_cflags = r->user_cflags;
	b.user_ldflags = r->user_ldflags;
	b.out = runner;
	if ((rc = cli_user_prepare(&b, r->ev.functions, &r->users, &r->nusers,
				   r->functions_buf, sizeof(r->functions_buf))))
		return rc;
	r->ev.functions = r->functions_buf;
	return 0;
}

static int make_corpus(struct matrix_run *r)
{
	struct fpc_corpus c;
	int err;

	snprintf(r->corpus_path, sizeof(r->corpus_path), "%s/corpus.corpus",
		 r->out);
	{
		/* A --corpus file is read and verified, and its copy in the
		 * results directory evaluated, so the results say what they
		 * evaluated. */
		struct cli_corpus_spec spec = {
		    r->ev.corpus,  r->ev.functions,
		    r->ev.seed,	   (unsigned)r->ev.samples,
		    r->ev.image_w, r->ev.image_h,
		    NULL,	   0};
		if ((err = cli_corpus(&spec, &c)))
			return err;
	}
	if (r->nusers && (err = cli_user_corpus(&c, r->users, r->nusers))) {
		fpc_corpus_release(&c);
		return cli_error("cannot give your kernels their inputs: %s",
				 fpc_strerror(err));
	}
	r->full_hash = c.hash;
	if (r->ev.shard_n)
		fpc_corpus_shard(&c, r->ev.shard_i - 1, r->ev.shard_n);
	err = fpc_corpus_write(&c, r->corpus_path);
	fpc_corpus_release(&c);
	return err ? cli_file_error(r->corpus_path, err, NULL) : 0;
}

static int summarise(struct matrix_run *r, struct job *jobs, size_t n,
		     size_t base)
{
	const char **paths = calloc(n, sizeof(char *));
	const char **names = calloc(n, sizeof(char *));
	struct fpc_summary s;
	char detail[512] = "";
	size_t k = 0, b = 0;
	int err;

	if (!paths || !names) {
		free(paths);
		free(names);
		return cli_error("out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].state != DONE)
			continue;
		if (i == base)
			b = k;
		paths[k] = jobs[i].record;
		names[k++] = jobs[i].c->name;
	}
	if (jobs[base].state != DONE && k)
		fprintf(stderr,
			"fpcheck: baseline %s did not run; comparing "
			"with %s\n",
			jobs[base].c->name, names[0]);
	err = k ? fpc_summary_compute(paths, names, k, b, &r->truth.o, &s,
				      detail, sizeof(detail))
		: 0;
	cli_progress_done();
	if (k && err)
		err = *detail ? cli_error("%s", detail)
			      : cli_file_error(paths[0], err, NULL);
	else if (k) {
		int werr = fpc_summary_write(stdout, r->ev.format, &s);
		err = werr && !ferror(stdout)
			  ? cli_error("cannot write the summary: %s",
				      fpc_strerror(werr))
			  : cli_stdout_flush();
		fpc_summary_release(&s);
		if (!err && r->html)
			err = cli_write_html(paths, names, k, b, 10, r->html,
					     &r->truth);
	}
	free(paths);
	free(names);
	return err;
}

/* The line of counts, then each configuration's outcome; returns how
 * many failed. */
static size_t report_status(const struct matrix_run *r, const struct job *jobs,
			    size_t n)
{
	size_t nfailed = 0, nran = 0;

	for (size_t i = 0; i < n; i++) {
		nran += jobs[i].state == DONE;
		nfailed += jobs[i].state == FAILED;
	}
	fprintf(stderr,
		"fpcheck: %zu configurations ran, %zu failed, %zu "
		"skipped (results in %s/)\n",
		nran, nfailed, n - nran - nfailed, r->out);
	for (size_t i = 0; i < n; i++) {
		const struct job *j = &jobs[i];
		if (j->state == DONE)
			fprintf(stderr, "  ok       %-28s %.1f s\n", j->c->name,
				j->took);
		else if (j->state == FAILED)
			fprintf(stderr, "  FAILED   %-28s %s\n", j->c->name,
				j->why);
		else if (j->state == SKIPPED)
			fprintf(stderr, "  skipped  %-28s %s\n", j->c->name,
				j->why);
	}
	return nfailed;
}

/* ---- main ------------------------------------------------------------ */

/* What every configuration shares, made before any is built: the
 * runner's sources, the results directory, the user's functions and
 * the corpus. */
static int prepare(struct matrix_run *r)
{
	int rc;

	if ((rc = find_sources(r)) || (rc = cli_make_parent_dirs(r->out)))
		return rc;
	if (mkdir(r->out, 0777) && errno != EEXIST)
		return cli_error("cannot create '%s': %s", r->out,
				 strerror(errno));
	if (r->user.n && (rc = user_kernels(r)))
		return rc;
	return make_corpus(r);
}

/* The job of configuration c: its paths, and whether it runs. */
static void init_job(const struct matrix_run *r, struct job *j,
		     struct cli_config *c)
{
	j->c = c;
	snprintf(j->runner, sizeof(j->runner), "%s/build/%s/fpcheck-runner",
		 r->out, c->name);
	snprintf(j->record, sizeof(j->record), "%s/%s.rec", r->out, c->name);
	snprintf(j->log, sizeof(j->log), "%s/logs/%s.log", r->out, c->name);
	if (!selected(r->only, c->name)) {
		/* Its record, if any, is left as it is. */
		j->state = SKIPPED;
		snprintf(j->why, sizeof(j->why), "not in --only");
		return;
	}
	/* A record left by an earlier matrix must not stand in for a
	 * configuration that fails now. */
	unlink(j->record);
	if (c->skip) {
		/* The default matrix offers what it finds; a user's matrix
		 * file asks for each configuration, so one that cannot run
		 * is a failure. */
		j->state = r->config ? FAILED : SKIPPED;
		snprintf(j->why, sizeof(j->why), "%s", c->skip);
	} else {
		unlink(j->log);
	}
}

/* Builds and runs every configuration of m, then the summary. */
static int run_matrix(struct matrix_run *r, const struct cli_configs *m)
{
	char logs[4096];
	struct job *jobs;
	size_t nfailed;
	int rc;

	if ((rc = check_only(r->only, m)) || (rc = prepare(r)))
		return rc;
	if (!(jobs = calloc(m->n, sizeof(*jobs))))
		return cli_error("out of memory");
	snprintf(logs, sizeof(logs), "%s/logs/", r->out);
	cli_make_parent_dirs(logs);
	mkdir(logs, 0777);
	for (size_t i = 0; i < m->n; i++)
		init_job(r, &jobs[i], &m->c[i]);
	schedule(r, jobs, m->n);
	nfailed = report_status(r, jobs, m->n);
	rc = summarise(r, jobs, m->n, cli_configs_baseline(m));
	free(jobs);
	if (rc)
		return rc;
	return nfailed ? EXIT_FOUND : EXIT_OK;
}

int cmd_matrix(int argc, char **argv)
{
	struct matrix_run r = {
	    .out = "results", .timeout = 600, .build_timeout = 300};
	struct cli_configs m;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;

	r.jobs = cpus > 0 ? (unsigned long long)cpus : 1;
	cli_truth_init(&r.truth);
	if ((rc = cli_eval_init(&r.ev)) ||
	    (rc = parse_options(&r, argc, argv)) || r.help ||
	    (rc = load_configs(&r, &m)))
		return rc;
	rc = r.list ? list(&m) : run_matrix(&r, &m);
	free(r.users);
	cli_configs_release(&m);
	return rc;
}
