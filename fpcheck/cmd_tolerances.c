/*
 * fpcheck tolerances: per-platform tolerance tables from records, in
 * glibc's libm-test-ulps layout, JSON, a C header, CSV or markdown
 * (docs/tolerances.md).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_progress.h"
#include "fpcheck/analysis.h"
#include "fpcheck/catalog.h"
#include "fpcheck/error.h"
#include "fpcheck/tolerance.h"
#include "fpcheck/tolerance_report.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck tolerances [options] RECORD...\n"
    "\n"
    "Writes the tolerance table of the records: per platform (arch, libc,\n"
    "compiler, flags from each record's provenance), function and type,\n"
    "the largest glibc-style error in ulps (rounded up), the largest\n"
    "fractional error, special-value mismatches and the input attaining\n"
    "the maximum.  Records of one platform merge by taking the maximum.\n"
    "The same records always give the same file.\n"
    "\n"
    "  -o, --output FILE     where to write it, atomically (default: stdout)\n"
    "      --format FMT      glibc (libm-test-ulps, default), json, header,\n"
    "                        csv or markdown\n"
    "  -f, --functions LIST  only these kernels (C names, your functions'\n"
    "                        names, 'double', 'float')\n"
    CLI_TRUTH_HELP("       ")
    "\n"
    "exit status: 0 written, 2 usage or read error\n";
/* clang-format on */

enum { OPT_FORMAT = 256 };

static const struct option options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"functions", required_argument, NULL, 'f'},
    CLI_TRUTH_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Does the comma-separated selection list take entry e?  Words: a
 * kernel's name (the user's functions' too), "all", "double", "float". */
static int takes(const char *list, const struct fpc_tol_entry *e, char *used)
{
	const char *p = list;
	int any = 0;

	for (size_t w = 0; *p; w++) {
		size_t len = strcspn(p, ",");
		const char *fmt = e->format == FPC_FMT_BINARY32 ? "float" : "double";
		if ((len == 3 && !strncmp(p, "all", 3)) ||
		    (len == strlen(fmt) && !strncmp(p, fmt, len)) ||
		    (len == strlen(e->kernel) && !strncmp(p, e->kernel, len)))
			any = used[w] = 1;
		p += len + (p[len] == ',');
	}
	return any;
}

/* Keeps the entries the selection takes; an error naming a word of it
 * that takes none. */
static int select_kernels(struct fpc_tol_table *t, const char *list)
{
	char used[256] = {0};
	const char *p = list;

	for (size_t i = 0; i < t->np; i++) {
		struct fpc_tol_platform *pl = &t->p[i];
		size_t kept = 0;
		for (size_t j = 0; j < pl->n; j++)
			if (takes(list, &pl->e[j], used))
				pl->e[kept++] = pl->e[j];
		pl->n = kept;
	}
	for (size_t w = 0; *p && w < sizeof(used); w++) {
		size_t len = strcspn(p, ",");
		if (!used[w])
			return cli_error("no kernel '%.*s' with a truth in the "
					 "records",
					 (int)len, p);
		p += len + (p[len] == ',');
	}
	return 0;
}

int cmd_tolerances(int argc, char **argv)
{
	struct cli_truth truth;
	struct fpc_tol_table t = {0};
	struct cli_output out;
	const char *output = NULL, *functions = NULL;
	int c, rc = EXIT_OK, format = FPC_TOL_GLIBC;

	cli_truth_init(&truth);
	optind = 1;
	while ((c = cli_getopt(argc, argv, "o:f:j:h", options)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case OPT_FORMAT:
			if ((format = fpc_tol_format_parse(optarg)) < 0)
				return cli_error("unknown table format '%s' "
						 "(glibc, json, header, csv, "
						 "markdown)",
						 optarg);
			break;
		case 'f':
			functions = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			if ((rc = cli_truth_getopt(&truth, c, optarg)) < 0)
				return cli_usage(usage_text);
			if (rc)
				return rc;
			break;
		}
	}
	if (optind == argc)
		return cli_usage(usage_text);
	/* Every record is read before anything is written. */
	for (int i = optind; i < argc && !rc; i++) {
		struct fpc_analysis a;
		char detail[512];
		int err =
		    fpc_analyse(argv[i], &truth.o, &a, detail, sizeof(detail));
		if (err) {
			rc = cli_file_error(argv[i], err, detail);
			break;
		}
		if (fpc_tol_add(&t, &a, argv[i]))
			rc = cli_error("out of memory");
		fpc_analysis_release(&a);
	}
	cli_progress_done();
	if (!rc && functions)
		rc = select_kernels(&t, functions);
	if (!rc && !(rc = cli_output_open(&out, output))) {
		int err = fpc_tol_write(out.f, (enum fpc_tol_format)format, &t);
		rc = err ? cli_output_fail(&out, err, NULL)
			 : cli_output_close(&out);
	}
	fpc_tol_release(&t);
	return rc;
}
