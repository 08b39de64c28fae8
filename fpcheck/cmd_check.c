/*
 * fpcheck check: the CI gate.  Records against a tolerance table: exit 0
 * when every measured error is within its tolerance, 1 when one is not
 * (each violation listed with its witness), 2 on error; JUnit XML and a
 * markdown summary for CI dashboards (docs/tolerances.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_process.h"
#include "cli_progress.h"
#include "cli_runner.h"
#include "fpcheck/analysis.h"
#include "fpcheck/catalog.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/prov.h"
#include "fpcheck/report.h"
#include "fpcheck/tolerance.h"
#include "fpcheck/ulp.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck check --tolerances FILE [options] RECORD...\n"
    "       fpcheck check --tolerances FILE --witnesses [--runner R]\n"
    "                     [--emulator CMD] [options]\n"
    "\n"
    "Checks each record against its platform's tolerances in FILE (JSON or\n"
    "glibc's libm-test-ulps layout, as fpcheck tolerances writes them):\n"
    "a function whose glibc-style error exceeds its tolerance, or with\n"
    "more special-value mismatches, is a violation, listed with the input\n"
    "that attains it.  Warns of tolerances much looser than measured\n"
    "(2 x measured + 2 or more) and of functions without one.\n"
    "\n"
    "  -t, --tolerances FILE  the table (required)\n"
    "      --junit FILE       the results as JUnit XML\n"
    "      --markdown FILE    a markdown summary (e.g. $GITHUB_STEP_SUMMARY)\n"
    "  -q, --quiet            print violations only\n"
    "      --witnesses        instead of records: evaluate the table's\n"
    "                         witness inputs alone with the runner (this\n"
    "                         build, or --runner under --emulator) and\n"
    "                         check them: seconds, not minutes; a maximum\n"
    "                         no longer reached is a warning\n"
    CLI_TRUTH_HELP("        ")
    "\n"
    "exit status: 0 every error within its tolerance, 1 a violation, 2\n"
    "usage or read error (a record whose platform the table lacks too)\n";
/* clang-format on */

enum { OPT_JUNIT = 256, OPT_MARKDOWN, OPT_WITNESSES, OPT_RUNNER, OPT_EMULATOR };

static const struct option options[] = {
    {"tolerances", required_argument, NULL, 't'},
    {"junit", required_argument, NULL, OPT_JUNIT},
    {"markdown", required_argument, NULL, OPT_MARKDOWN},
    {"quiet", no_argument, NULL, 'q'},
    {"witnesses", no_argument, NULL, OPT_WITNESSES},
    {"runner", required_argument, NULL, OPT_RUNNER},
    {"emulator", required_argument, NULL, OPT_EMULATOR},
    CLI_TRUTH_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const char *type_of(unsigned fmt)
{
	return fmt == FPC_FMT_BINARY32 ? "float" : "double";
}

/* "x = 0x1.8p+1 (3), got ..., expected ..." */
static void witness(FILE *f, const struct fpc_check_item *it)
{
	static const char names[] = "xyzwuv";
	char h[FPC_HEX_MAX], d[FPC_DEC_MAX];

	for (unsigned a = 0; a < it->arity && a < 6; a++) {
		fpc_bits_hex(it->format, it->witness.in[a], h);
		fpc_bits_dec(it->format, it->witness.in[a], d);
		fprintf(f, "%s%c = %s (%s)", a ? ", " : "", names[a], h, d);
	}
	fpc_bits_hex(it->format, it->witness.out, h);
	fprintf(f, ": got %s", h);
	fpc_bits_hex(it->format, it->witness.cr, h);
	fprintf(f, ", expected %s", h);
}

static void text(FILE *f, const char *path, const struct fpc_check *c,
		 int quiet)
{
	fprintf(f, "%s (%s)\n", path, c->key);
	for (size_t i = 0; i < c->n; i++) {
		const struct fpc_check_item *it = &c->item[i];
		const char *ty = type_of(it->format);
		switch (it->status) {
		case FPC_CHECK_VIOLATION:
			if (it->measured > it->allowed)
				fprintf(f,
					"  FAIL %s %s: %llu ulps, %llu "
					"allowed; ",
					it->function, ty,
					(unsigned long long)it->measured,
					(unsigned long long)it->allowed);
			else
				fprintf(f,
					"  FAIL %s %s: %lld special-value "
					"mismatches, %lld allowed; ",
					it->function, ty,
					(long long)it->special,
					(long long)it->allowed_special);
			witness(f, it);
			fputc('\n', f);
			break;
		case FPC_CHECK_LOOSE:
			if (!quiet)
				fprintf(f,
					"  warn %s %s: %llu ulps allowed, "
					"%llu measured\n",
					it->function, ty,
					(unsigned long long)it->allowed,
					(unsigned long long)it->measured);
			break;
		case FPC_CHECK_MISSING:
			if (!quiet)
				fprintf(f,
					"  warn %s %s: no tolerance (%llu "
					"ulps measured)\n",
					it->function, ty,
					(unsigned long long)it->measured);
			break;
		case FPC_CHECK_OK:
			break;
		}
	}
	fprintf(f,
		"  %zu functions: %zu within, %zu violation%s, %zu "
		"warning%s\n",
		c->n, c->n - c->violations, c->violations,
		c->violations == 1 ? "" : "s", c->warnings,
		c->warnings == 1 ? "" : "s");
}

/* What the reports say: each record's check, and when and where it ran. */
struct outcome {
	char **paths; /* the records, as the reports name them */
	const struct fpc_check *c;
	size_t n;
	const double *seconds; /* per record: reading and measuring it */
	char timestamp[32];    /* local time the check began, ISO 8601 */
	char hostname[256];
};

/*
 * JUnit XML as CI dashboards read it (Jenkins, GitLab, GitHub's test
 * reporters): one testsuite per record, one testcase per function and
 * precision, a failure per violation and a skipped testcase per function
 * without a tolerance.  tests/data/junit.xsd is the schema the tests hold
 * it to, with the attributes the strictest readers require.
 */
static void junit(FILE *f, const struct outcome *o)
{
	char **paths = o->paths;
	const struct fpc_check *c = o->c;
	size_t n = o->n, tests = 0, failures = 0, skipped = 0;
	double total = 0;

	for (size_t r = 0; r < n; r++) {
		total += o->seconds[r];
		tests += c[r].n;
		failures += c[r].violations;
		for (size_t i = 0; i < c[r].n; i++)
			skipped += c[r].item[i].status == FPC_CHECK_MISSING;
	}
	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
		"name=\"fpcheck check\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"0\" skipped=\"%zu\" time=\"%.3f\">\n",
		tests, failures, skipped, total);
	for (size_t r = 0; r < n; r++) {
		size_t sk = 0;
		for (size_t i = 0; i < c[r].n; i++)
			sk += c[r].item[i].status == FPC_CHECK_MISSING;
		fputs("  <testsuite name=\"", f);
		fpc_xml_text(f, paths[r]);
		fprintf(f,
			"\" id=\"%zu\" package=\"fpcheck\" tests=\"%zu\" "
			"failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
			"time=\"%.3f\" timestamp=\"%s\" hostname=\"",
			r, c[r].n, c[r].violations, sk, o->seconds[r],
			o->timestamp);
		fpc_xml_text(f, o->hostname);
		fputs("\">\n    <properties><property name=\"platform\" "
		      "value=\"",
		      f);
		fpc_xml_text(f, c[r].key);
		fputs("\"/></properties>\n", f);
		for (size_t i = 0; i < c[r].n; i++) {
			const struct fpc_check_item *it = &c[r].item[i];
			fputs("    <testcase classname=\"", f);
			fpc_xml_text(f, c[r].key);
			/* The time is the record's, in its testsuite. */
			fprintf(f, "\" name=\"%s %s\" time=\"0\"", it->function,
				type_of(it->format));
			if (it->status == FPC_CHECK_VIOLATION) {
				char *buf = NULL;
				size_t len = 0;
				FILE *m = open_memstream(&buf, &len);
				fputs(">\n      <failure type=\"tolerance\" "
				      "message=\"",
				      f);
				fprintf(f, "%llu ulps, %llu allowed",
					(unsigned long long)it->measured,
					(unsigned long long)it->allowed);
				fputs("\">", f);
				if (m) {
					witness(m, it);
					fputc(0, m);
					fclose(m);
					fpc_xml_text(f, buf);
				}
				free(buf);
				fputs("</failure>\n    </testcase>\n", f);
			} else if (it->status == FPC_CHECK_MISSING) {
				fputs(">\n      <skipped message=\"no "
				      "tolerance\"/>\n    </testcase>\n",
				      f);
			} else {
				fputs("/>\n", f);
			}
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
}

static void markdown(FILE *f, const struct outcome *o)
{
	char **paths = o->paths;
	const struct fpc_check *c = o->c;
	size_t n = o->n;
	size_t v = 0;

	for (size_t r = 0; r < n; r++)
		v += c[r].violations;
	fprintf(f, "## fpcheck check: %s\n\n",
		v ? "tolerances exceeded" : "every error within tolerance");
	fputs("| record | platform | functions | violations | warnings |\n"
	      "|---|---|--:|--:|--:|\n",
	      f);
	for (size_t r = 0; r < n; r++)
		fprintf(f, "| `%s` | %s | %zu | %zu | %zu |\n", paths[r],
			c[r].key, c[r].n, c[r].violations, c[r].warnings);
	if (!v)
		return;
	fputs("\n| record | function | type | ulps | allowed | witness |\n"
	      "|---|---|---|--:|--:|---|\n",
	      f);
	for (size_t r = 0; r < n; r++)
		for (size_t i = 0; i < c[r].n; i++) {
			const struct fpc_check_item *it = &c[r].item[i];
			if (it->status != FPC_CHECK_VIOLATION)
				continue;
			fprintf(f, "| `%s` | %s | %s | %llu | %llu | `",
				paths[r], it->function, type_of(it->format),
				(unsigned long long)it->measured,
				(unsigned long long)it->allowed);
			witness(f, it);
			fputs("` |\n", f);
		}
}

/*
 * --witnesses: the table's witness inputs evaluated by the runner into a
 * record in a temporary directory (dir, removed by the caller), whose
 * path goes to rec.
 */
static int witness_record(const struct fpc_tol_table *t, const char *runner,
			  const char *emulator, char *dir, int *made, char *rec,
			  size_t len)
{
	struct fpc_corpus c;
	char exe[4096], corpus[4200], *argv[64], *words = NULL;
	int argc = 0, rc, err;

	if ((rc = cli_find_runner(runner, exe, sizeof(exe))))
		return rc;
	if (!mkdtemp(dir))
		return cli_error("cannot create a temporary directory: %s",
				 strerror(errno));
	*made = 1;
	snprintf(corpus, sizeof(corpus), "%s/witnesses.corpus", dir);
	snprintf(rec, len, "%s/witnesses.rec", dir);
	if ((err = fpc_tol_witness_corpus(t, &c)))
		return cli_error("out of memory");
	if (!c.n) {
		fpc_corpus_release(&c);
		return cli_error("the table has no witness input (a glibc "
				 "layout has none: use its JSON)");
	}
	err = fpc_corpus_write(&c, corpus);
	fpc_corpus_release(&c);
	if (err)
		return cli_file_error(corpus, err, NULL);
	if (emulator) {
		if (!(words = strdup(emulator)))
			return cli_error("out of memory");
		if (cli_words(argv, &argc, 48, words) || !argc) {
			free(words);
			return cli_error("--emulator is empty or too long");
		}
	}
	argv[argc++] = exe;
	argv[argc++] = corpus;
	argv[argc++] = rec;
	argv[argc] = NULL;
	rc = cli_spawn(argv, 600, rec, "the runner");
	free(words);
	return rc;
}

/* Removes --witnesses' temporary directory and what is in it. */
static void remove_witnesses(const char *dir, int made)
{
	char p[4200];

	if (!made)
		return;
	snprintf(p, sizeof(p), "%s/witnesses.corpus", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/witnesses.rec", dir);
	unlink(p);
	rmdir(dir);
}

/* When and where the check runs, for the JUnit XML. */
static void start_time(struct outcome *o)
{
	time_t t = time(NULL);
	struct tm tm;

	memset(o, 0, sizeof(*o));
	if (!localtime_r(&t, &tm) ||
	    !strftime(o->timestamp, sizeof(o->timestamp), "%Y-%m-%dT%H:%M:%S",
		      &tm))
		snprintf(o->timestamp, sizeof(o->timestamp),
			 "1970-01-01T00:00:00");
	if (gethostname(o->hostname, sizeof(o->hostname) - 1) || !*o->hostname)
		snprintf(o->hostname, sizeof(o->hostname), "localhost");
}

/* Writes one of the reports to path, atomically. */
static int write_to(const char *path,
		    void (*fn)(FILE *, const struct outcome *),
		    const struct outcome *o)
{
	struct cli_output out;
	int rc;

	if ((rc = cli_make_parent_dirs(path)) ||
	    (rc = cli_output_open(&out, path)))
		return rc;
	fn(out.f, o);
	return cli_output_close(&out);
}

/* The command line. */
struct check_args {
	struct cli_truth truth;
	const char *table, *junit_out, *md_out; /* -t, --junit, --markdown */
	const char *runner, *emulator;		/* for --witnesses */
	int quiet, witnesses, help;
};

/* The command line into a.  Returns 0, or the exit status when the
 * command ends here: a usage error, or --help (a->help set). */
static int parse_options(struct check_args *a, int argc, char **argv)
{
	int ch, rc;

	cli_truth_init(&a->truth);
	optind = 1;
	while ((ch = cli_getopt(argc, argv, "t:qj:h", options)) != -1) {
		switch (ch) {
		case 't':
			a->table = optarg;
			break;
		case OPT_JUNIT:
			a->junit_out = optarg;
			break;
		case OPT_MARKDOWN:
			a->md_out = optarg;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case OPT_WITNESSES:
			a->witnesses = 1;
			break;
		case OPT_RUNNER:
			a->runner = optarg;
			break;
		case OPT_EMULATOR:
			a->emulator = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			a->help = 1;
			return EXIT_OK;
		default:
			if ((rc = cli_truth_getopt(&a->truth, ch, optarg)) < 0)
				return cli_usage(usage_text);
			if (rc)
				return rc;
			break;
		}
	}
	if (!a->table || (optind == argc) != a->witnesses)
		return cli_usage(usage_text);
	return 0;
}

/* Analyses each of the n records and checks it against t into c[i],
 * seconds[i] the time that took, up to the first error.  Returns 0 with
 * the total of violations in *violations, or prints the error and
 * returns EXIT_ERROR. */
static int check_records(char **paths, size_t n, const struct cli_truth *truth,
			 const struct fpc_tol_table *t, struct fpc_check *c,
			 double *seconds, size_t *violations)
{
	char detail[1024];
	int rc = 0, err;

	for (size_t i = 0; i < n && !rc; i++) {
		struct fpc_analysis a;
		double t0 = cli_clock();
		err = fpc_analyse(paths[i], &truth->o, &a, detail,
				  sizeof(detail));
		if (err) {
			rc = cli_file_error(paths[i], err, detail);
			break;
		}
		if ((err = fpc_tol_check(t, &a, &c[i], detail, sizeof(detail))))
			rc = err == FPC_ERR_MISMATCH
				 ? cli_error("%s: %s", paths[i], detail)
				 : cli_error("out of memory");
		fpc_analysis_release(&a);
		seconds[i] = cli_clock() - t0;
		if (!rc)
			*violations += c[i].violations;
	}
	cli_progress_done();
	return rc;
}

/* The checks on stdout, and the total when there are several. */
static int print_checks(char **labels, const struct fpc_check *c, size_t n,
			int quiet, size_t violations)
{
	for (size_t r = 0; r < n; r++)
		text(stdout, labels[r], &c[r], quiet);
	if (n > 1)
		printf("check: %zu violation%s in %zu records\n", violations,
		       violations == 1 ? "" : "s", n);
	return cli_stdout_flush();
}

/* Did one of the n checks measure kernel? */
static int measured(const char *kernel, const struct fpc_check *c, size_t n)
{
	for (size_t r = 0; r < n; r++)
		for (size_t i = 0; i < c[r].n; i++)
			if (!strcmp(c[r].item[i].kernel, kernel))
				return 1;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Says once, on stderr, what of the table no record was checked against
 * because fpcheck does not measure it: glibc's own libm-test-ulps lists
 * complex functions (left out as it was read), rounding-mode and vector
 * variants (acos_downward, sin_vlen4) and more.  A function of a user's
 * that a record measured is not among them.
 */
static void note_left_out(const char *table, const struct fpc_tol_table *t,
			  const struct fpc_check *c, size_t n)
{
	size_t total = 0, k = 0, distinct = 0;
	const char **names;

	for (size_t i = 0; i < t->np; i++)
		total += t->p[i].n;
	if (!(names = malloc((total ? total : 1) * sizeof(*names))))
		return;
	for (size_t i = 0; i < t->np; i++)
		for (size_t j = 0; j < t->p[i].n; j++) {
			const struct fpc_tol_entry *e = &t->p[i].e[j];
			if (!fpc_kernel_find(e->kernel) &&
			    !measured(e->kernel, c, n))
				names[k++] = e->function;
		}
	if (k)
		qsort(names, k, sizeof(*names), name_cmp);
	/* Each name once (a function in two types or platforms). */
	for (size_t i = 0; i < k; i++)
		if (!i || strcmp(names[i - 1], names[i]))
			names[distinct++] = names[i];
	if (distinct || t->nskipped) {
		fprintf(stderr,
			"fpcheck: %s: left out %zu functions that fpcheck "
			"does not measure (",
			table, distinct + t->nskipped);
		/* The names come from the table: shown escaped. */
		char shown[4 * (FPC_NAME_MAX + 1)];
		if (t->nskipped)
			fprintf(stderr, "%zu complex, e.g. %s%s", t->nskipped,
				fpc_prov_show(shown, sizeof(shown), t->skipped),
				distinct ? "; " : "");
		if (distinct)
			fprintf(stderr, "%zu more, e.g. ", distinct);
		for (size_t i = 0; i < distinct && i < 3; i++)
			fprintf(stderr, "%s%s", i ? ", " : "",
				fpc_prov_show(shown, sizeof(shown), names[i]));
		fputs(")\n", stderr);
	}
	free(names);
}

int cmd_check(int argc, char **argv)
{
	struct check_args a = {0};
	struct fpc_tol_table t;
	struct fpc_check *c;
	struct outcome o;
	double *seconds = NULL;
	char detail[1024], dir[] = "/tmp/fpcheck-witnesses-XXXXXX", wrec[4200];
	char *wpaths[1] = {wrec}, *wlabel[1] = {"witnesses"};
	char **paths, **labels; /* records, and their names in reports */
	size_t n, violations = 0;
	int rc, err, made = 0;

	if ((rc = parse_options(&a, argc, argv)) || a.help)
		return rc;
	if ((err = fpc_tol_read(a.table, &t, detail, sizeof(detail))))
		return *detail ? cli_error("%s", detail) /* names the file */
			       : cli_file_error(a.table, err, NULL);
	n = a.witnesses ? 1 : (size_t)(argc - optind);
	paths = a.witnesses ? wpaths : argv + optind;
	labels = a.witnesses ? wlabel : paths;
	if (a.witnesses && (rc = witness_record(&t, a.runner, a.emulator, dir,
						&made, wrec, sizeof(wrec)))) {
		fpc_tol_release(&t);
		remove_witnesses(dir, made);
		return rc;
	}
	if (!(c = calloc(n, sizeof(*c))) ||
	    !(seconds = calloc(n, sizeof(*seconds)))) {
		free(c);
		fpc_tol_release(&t);
		return cli_error("out of memory");
	}
	start_time(&o);
	o.paths = labels;
	o.c = c;
	o.n = n;
	o.seconds = seconds;
	rc = check_records(paths, n, &a.truth, &t, c, seconds, &violations);
	if (!rc)
		rc = print_checks(labels, c, n, a.quiet, violations);
	if (!rc && a.junit_out)
		rc = write_to(a.junit_out, junit, &o);
	if (!rc && a.md_out)
		rc = write_to(a.md_out, markdown, &o);
	if (!rc && violations)
		rc = EXIT_FOUND;
	if (rc != EXIT_ERROR)
		note_left_out(a.table, &t, c, n);
	for (size_t r = 0; r < n; r++)
		fpc_check_release(&c[r]);
	free(c);
	free(seconds);
	fpc_tol_release(&t);
	if (a.witnesses)
		remove_witnesses(dir, made);
	return rc;
}
