/*
 * fpcheck run: generate the corpus, evaluate every kernel with the runner
 * (natively, or under an emulator), write the record, and report its
 * accuracy against MPFR truth.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_cleanup.h"
#include "cli_corpus.h"
#include "cli_options.h"
#include "cli_process.h"
#include "cli_progress.h"
#include "cli_runner.h"
#include "fpcheck/analysis.h"
#include "fpcheck/catalog.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/report.h"
#include "user.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck run [options]\n"
    "\n"
    "Evaluates the C math library kernels on this machine, writes a record\n"
    "and reports each kernel's accuracy against MPFR.\n"
    "\n"
    "  -o, --output FILE     record to write (default results/host.rec)\n"
    "  -f, --functions LIST  kernels by C name (sin, sinf), or 'double',\n"
    "                        'float', 'all' (default all)\n"
    "  -i, --inputs FILE     inputs from FILE instead of the built-in corpus\n"
    "      --with-builtin    with --inputs: keep the built-in inputs too\n"
    "      --corpus FILE     evaluate an existing corpus file\n"
    CLI_SEED_HELP("       ")
    CLI_SAMPLES_HELP("       ")
    CLI_IMAGE_SIZE_HELP
    "      --kernels FILE    also your own functions, registered in FILE\n"
    "                        (include/fpcheck/kernel.h), built into a runner\n"
    "                        with $CC (or cc) and --cflags (default -O2) and\n"
    "                        --ldflags (e.g. -L. -lmylib); given again (or\n"
    "                        FILE,FILE) for more files, such as the library's\n"
    "                        own sources\n"
    CLI_SHARD_HELP("       ")
    "      --runner PATH     runner program (default: fpcheck's own)\n"
    "      --emulator CMD    run the runner under CMD, e.g.\n"
    "                        'qemu-s390x -L /usr/s390x-linux-gnu'\n"
    "      --timeout SEC     stop the runner after SEC s (default 600)\n"
    "      --repeat N        evaluate every kernel N times and report the\n"
    "                        kernels whose bits change from run to run\n"
    "      --no-threads      leave out the kernels that start threads\n"
    "      --format FMT      report as text, markdown, json or csv\n"
    "      --no-report       write the record only\n"
    CLI_TRUTH_HELP("       ");
/* clang-format on */

enum {
	OPT_WITH_BUILTIN = 256,
	OPT_KERNELS,
	OPT_CFLAGS,
	OPT_LDFLAGS,
	OPT_RUNNER,
	OPT_EMULATOR,
	OPT_TIMEOUT,
	OPT_NO_REPORT,
	OPT_NO_THREADS,
};

static const struct option options[] = {
    {"output", required_argument, NULL, 'o'},
    {"inputs", required_argument, NULL, 'i'},
    {"with-builtin", no_argument, NULL, OPT_WITH_BUILTIN},
    {"kernels", required_argument, NULL, OPT_KERNELS},
    {"cflags", required_argument, NULL, OPT_CFLAGS},
    {"ldflags", required_argument, NULL, OPT_LDFLAGS},
    {"runner", required_argument, NULL, OPT_RUNNER},
    {"emulator", required_argument, NULL, OPT_EMULATOR},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"no-threads", no_argument, NULL, OPT_NO_THREADS},
    {"no-report", no_argument, NULL, OPT_NO_REPORT},
    CLI_EVAL_OPTIONS,
    CLI_TRUTH_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct run {
	struct cli_eval ev;
	const char *output, *inputs, *runner, *emulator;
	char klist[4096]; /* with --corpus: the selection, for the runner */
	int with_builtin, report, no_threads, help;
	unsigned long long timeout;
	struct cli_user_files files; /* a user's functions */
	const char *cflags, *ldflags;
	struct cli_user *users;
	size_t nusers;
	char user_runner[4096], functions_buf[8192];
	unsigned long long full_hash; /* the unsharded corpus's hash */
	struct cli_truth truth;
};

/* Corpus for this run: generated into a temporary file beside the record
 * (the record keeps the inputs, so it is removed afterwards).  A --corpus
 * file is read and verified as fpcheck corpus reads it, and this copy of
 * it evaluated: the runner reads only what was verified, and an altered
 * corpus is refused in fpcheck's words, before anything runs. */
static int make_corpus(struct run *r, char *path, size_t len)
{
	struct fpc_corpus c;
	int err, fd, rc;

	if ((size_t)snprintf(path, len, "%s.corpusXXXXXX", r->output) >= len)
		return cli_error("path too long: '%s'", r->output);
	{
		struct cli_corpus_spec spec = {
		    r->ev.corpus,  r->ev.functions,
		    r->ev.seed,	   (unsigned)r->ev.samples,
		    r->ev.image_w, r->ev.image_h,
		    r->inputs,	   r->with_builtin};
		if ((rc = cli_corpus(&spec, &c)))
			return rc;
	}
	if (r->nusers && (err = cli_user_corpus(&c, r->users, r->nusers))) {
		fpc_corpus_release(&c);
		return cli_error("cannot give your kernels their inputs: %s",
				 fpc_strerror(err));
	}
	r->full_hash = c.hash;
	if (r->ev.shard_n)
		fpc_corpus_shard(&c, r->ev.shard_i - 1, r->ev.shard_n);
	if ((fd = cli_cleanup_mkstemp(path)) < 0) {
		fpc_corpus_release(&c);
		return cli_error("cannot create '%s': %s", path,
				 strerror(errno));
	}
	close(fd);
	err = fpc_corpus_write(&c, path);
	fpc_corpus_release(&c);
	if (err) {
		cli_cleanup_unlink(path);
		return cli_file_error(path, err, NULL);
	}
	return 0;
}

/* Runs the runner on corpus, its record to record. */
static int evaluate(const struct run *r, const char *corpus, const char *record)
{
	char runner[4096], meta[1024], reps[24], shard[32], full[48];
	char cpath[4100], opath[4100]; /* room for "./" (cli_path_arg) */
	char *argv[64], *words = NULL;
	int argc = 0, rc;

	if ((rc = cli_find_runner(r->runner, runner, sizeof(runner))))
		return rc;
	if (r->emulator) {
		/* The emulator command is split on white space, as a shell
		 * would split an unquoted word list. */
		if (!(words = strdup(r->emulator)))
			return cli_error("out of memory");
		if (cli_words(argv, &argc, 48, words) || !argc) {
			free(words);
			return cli_error("--emulator is empty or too long");
		}
	}
	argv[argc++] = runner;
	if (r->emulator) {
		snprintf(meta, sizeof(meta), "emulator=%s", r->emulator);
		argv[argc++] = "-m";
		argv[argc++] = meta;
	}
	if (*r->klist) {
		argv[argc++] = "-k";
		argv[argc++] = (char *)r->klist;
	}
	if (r->ev.repeat > 1) {
		snprintf(reps, sizeof(reps), "%llu", r->ev.repeat);
		argv[argc++] = "-r";
		argv[argc++] = reps;
	}
	if (r->no_threads)
		argv[argc++] = "-T";
	if (r->ev.shard_n) {
		snprintf(shard, sizeof(shard), "shard=%u/%u", r->ev.shard_i,
			 r->ev.shard_n);
		snprintf(full, sizeof(full), "shard.corpus=%016llx",
			 r->full_hash);
		argv[argc++] = "-m";
		argv[argc++] = shard;
		argv[argc++] = "-m";
		argv[argc++] = full;
	}
	argv[argc++] = (char *)cli_path_arg(corpus, cpath, sizeof(cpath));
	argv[argc++] = (char *)cli_path_arg(record, opath, sizeof(opath));
	argv[argc] = NULL;
	rc = cli_spawn(argv, (unsigned)r->timeout, record, "the runner");
	free(words);
	return rc;
}

/* The record, written by the runner to a fresh file beside the output
 * and read through before it replaces the output: a runner that exits 0
 * without writing, or writes rubbish, leaves the output as it was. */
static int write_record(const struct run *r, const char *corpus)
{
	char tmp[4096], why[600];
	int rc;

	if ((rc = cli_runner_fresh(r->output, tmp, sizeof(tmp))))
		return rc;
	if (!(rc = evaluate(r, corpus, tmp))) {
		if (cli_runner_check(tmp, why, sizeof(why)))
			rc = cli_error("the runner exited 0 but %s", why);
		else
			return cli_runner_install(tmp, r->output);
	}
	cli_runner_discard(tmp);
	return rc;
}

static int report(struct run *r)
{
	struct fpc_analysis a;
	struct fpc_report_entry e;
	char detail[512];
	int err;

	if ((err = fpc_analyse(r->output, &r->truth.o, &a, detail,
			       sizeof(detail))))
		return cli_file_error(r->output, err, detail);
	cli_progress_done();
	fpc_report_entry_of(&a, r->output, &e);
	err = fpc_report_write(stdout, r->ev.format, &e, 1);
	fprintf(stderr,
		"fpcheck: wrote %s (%zu kernels); truth: %zu from "
		"cache, %zu computed\n",
		r->output, a.nk + a.nskipped, a.truth_hits, a.truth_misses);
	fpc_analysis_release(&a);
	if (err && !ferror(stdout))
		return cli_error("cannot write the report: %s",
				 fpc_strerror(err));
	return cli_stdout_flush();
}

/*
 * --kernels FILE: a runner built with the user's functions (with $CC, or
 * cc, and --cflags), which says what they are; the corpus then holds the
 * inputs of the functions they implement, and theirs.
 */
static int user_kernels(struct run *r)
{
	char src[4096], inc[4096];
	const char *cc = getenv("CC");
	struct cli_runner_build b = {0};
	int fd, rc;

	if (r->ev.corpus)
		return cli_error("--kernels and --corpus exclude each other");
	if ((rc = cli_runner_sources(NULL, src, sizeof(src), inc, sizeof(inc))))
		return rc;
	/* "./" so that no one searches PATH for it */
	snprintf(r->user_runner, sizeof(r->user_runner), "%s%s.runnerXXXXXX",
		 strchr(r->output, '/') ? "" : "./", r->output);
	if ((fd = cli_cleanup_mkstemp(r->user_runner)) < 0) {
		rc = cli_error("cannot create '%s': %s", r->user_runner,
			       strerror(errno));
		*r->user_runner = 0;
		return rc;
	}
	close(fd);
	b.cc = cc && *cc ? cc : "cc";
	b.cflags = r->cflags ? r->cflags : "-O2";
	b.ldflags = r->ldflags;
	b.src = src;
	b.inc = inc;
	b.files = r->files.file;
	b.nfiles = r->files.n;
	b.out = r->user_runner;
	if ((rc = cli_user_prepare(&b, r->ev.functions, &r->users, &r->nusers,
				   r->functions_buf, sizeof(r->functions_buf))))
		return rc;
	r->ev.functions = r->functions_buf;
	r->runner = r->user_runner;
	return 0;
}

/* With --corpus and -f: the selection checked and spelled out for the
 * runner, which would only say "none" of a name it does not know. */
static int runner_selection(struct run *r)
{
	const struct fpc_kernel *sel[256];
	char detail[256];
	size_t n;

	if (fpc_kernel_select(r->ev.functions, sel, &n, detail, sizeof(detail)))
		return cli_error("%s", detail);
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(r->klist);
		snprintf(r->klist + used, sizeof(r->klist) - used, "%s%s",
			 i ? "," : "", sel[i]->name);
	}
	return 0;
}

/* The report reads the record back from the output, which a FIFO or a
 * device written in place cannot give: said before anything runs, rather
 * than waiting on a FIFO for a writer that never comes. */
static int check_reportable(const struct run *r)
{
	struct stat st;

	if (!r->report || stat(r->output, &st) || S_ISREG(st.st_mode) ||
	    S_ISDIR(st.st_mode))
		return 0;
	return cli_error("cannot report on '%s': not a regular file (use "
			 "--no-report)",
			 r->output);
}

/* Options that exclude or need each other. */
static int check_options(struct run *r)
{
	int rc;

	if (r->ev.corpus && r->inputs)
		return cli_error("--corpus and --inputs exclude each other");
	if (r->with_builtin && !r->inputs)
		return cli_error("--with-builtin goes with --inputs");
	if (r->ev.shard_n && r->ev.repeat > 1)
		return cli_error("--shard and --repeat exclude each other (the "
				 "shards of repeated runs do not merge)");
	if (r->ev.corpus && strcmp(r->ev.functions, "all") &&
	    (rc = runner_selection(r)))
		return rc;
	return check_reportable(r);
}

/* One option of run's own.  Returns 0, or the exit status. */
static int parse_option(struct run *r, int c, char *arg)
{
	int rc;

	switch (c) {
	case 'o':
		r->output = arg;
		break;
	case 'i':
		r->inputs = arg;
		break;
	case OPT_WITH_BUILTIN:
		r->with_builtin = 1;
		break;
	case OPT_RUNNER:
		r->runner = arg;
		break;
	case OPT_EMULATOR:
		r->emulator = arg;
		break;
	case OPT_NO_THREADS:
		r->no_threads = 1;
		break;
	case OPT_KERNELS:
		return cli_user_add_files(&r->files, arg);
	case OPT_CFLAGS:
		r->cflags = arg;
		break;
	case OPT_LDFLAGS:
		r->ldflags = arg;
		break;
	case OPT_TIMEOUT:
		if (cli_parse_uint(arg, 1, 1u << 30, &r->timeout))
			return cli_error("--timeout takes a number of seconds, "
					 "not '%s'",
					 arg);
		break;
	case OPT_NO_REPORT:
		r->report = 0;
		break;
	default:
		if ((rc = cli_eval_getopt(&r->ev, c, arg)) < 0 &&
		    (rc = cli_truth_getopt(&r->truth, c, arg)) < 0)
			return cli_usage(usage_text);
		return rc;
	}
	return 0;
}

/* The command line into r.  Returns 0, or the exit status when the
 * command ends here: an error, or --help (r->help set). */
static int parse_options(struct run *r, int argc, char **argv)
{
	int c, rc;

	optind = 1;
	while ((c = cli_getopt(argc, argv, "o:f:i:j:h", options)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			r->help = 1;
			return EXIT_OK;
		}
		if ((rc = parse_option(r, c, optarg)))
			return rc;
	}
	if (optind != argc)
		return cli_error("unexpected argument '%s' (see 'fpcheck run "
				 "--help')",
				 argv[optind]);
	return check_options(r);
}

int cmd_run(int argc, char **argv)
{
	struct run r = {
	    .output = "results/host.rec", .report = 1, .timeout = 600};
	char corpus[4096];
	int rc;

	cli_truth_init(&r.truth);
	if ((rc = cli_eval_init(&r.ev)) ||
	    (rc = parse_options(&r, argc, argv)) || r.help)
		return rc;
	if ((rc = cli_make_parent_dirs(r.output)))
		return rc;
	if (!r.files.n && (r.cflags || r.ldflags))
		return cli_error("--cflags and --ldflags build your --kernels; "
				 "without them, the runner is fpcheck's own");
	if (r.files.n && (rc = user_kernels(&r))) {
		if (*r.user_runner)
			cli_cleanup_unlink(r.user_runner);
		free(r.users);
		return rc;
	}
	if (!(rc = make_corpus(&r, corpus, sizeof(corpus)))) {
		rc = write_record(&r, corpus);
		cli_cleanup_unlink(corpus);
	}
	if (*r.user_runner)
		cli_cleanup_unlink(r.user_runner);
	free(r.users);
	if (rc)
		return rc;
	return r.report ? report(&r) : EXIT_OK;
}
