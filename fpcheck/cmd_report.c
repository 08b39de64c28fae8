/*
 * fpcheck report: the accuracy of one or more records against MPFR truth,
 * as text, markdown, JSON or CSV.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fpcheck/analysis.h"
#include "fpcheck/error.h"

static const char usage_text[] =
    "usage: fpcheck report [options] RECORD...\n"
    "\n"
    "Reports each kernel's accuracy against MPFR: max and mean error in\n"
    "ulps with the input that attains the max, share correctly rounded,\n"
    "glibc-style ulps, misrounding direction and special-value mismatches.\n"
    "\n"
    "      --format FMT   text (default), markdown, json or csv\n"
    "  -o, --output FILE  write the report to FILE (atomically)\n"
    "      --cache DIR    truth cache (default ~/.cache/fpcheck)\n"
    "      --no-cache     compute truth without the cache\n"
    "  -j, --jobs N       truth threads (default: one per CPU)\n";

enum { OPT_FORMAT = 256, OPT_CACHE, OPT_NO_CACHE };

static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"cache", required_argument, NULL, OPT_CACHE},
    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_report(int argc, char **argv)
{
	struct cli_truth truth;
	struct fpc_analysis *a = NULL;
	struct fpc_report_entry *e = NULL;
	struct cli_output out;
	const char *output = NULL;
	int c, rc = EXIT_OK, format = FPC_REPORT_TEXT, n = 0;

	cli_truth_init(&truth);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:j:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if ((format = fpc_report_format_parse(optarg)) < 0)
				return cli_error("unknown report format '%s' "
						 "(text, markdown, json, csv)",
						 optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_CACHE:
			cli_truth_option(&truth, "cache", optarg);
			break;
		case OPT_NO_CACHE:
			cli_truth_option(&truth, "no-cache", NULL);
			break;
		case 'j':
			if ((rc = cli_truth_option(&truth, "jobs", optarg)))
				return rc;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return cli_usage(usage_text);
		}
	}
	if (optind == argc)
		return cli_usage(usage_text);
	a = calloc((size_t)(argc - optind), sizeof(*a));
	e = calloc((size_t)(argc - optind), sizeof(*e));
	if (!a || !e) {
		free(a);
		free(e);
		return cli_error("out of memory");
	}
	/* Every record is read and checked before anything is written, so a
	 * bad one leaves no partial report behind. */
	for (int i = optind; i < argc; i++, n++) {
		char detail[512];
		int err = fpc_analyse(argv[i], &truth.o, &a[n], detail,
				      sizeof(detail));
		if (err) {
			rc = cli_file_error(argv[i], err, detail);
			break;
		}
		fpc_analysis_entry(&a[n], argv[i], &e[n]);
	}
	cli_progress_done();
	if (!rc && !(rc = cli_output_open(&out, output))) {
		if (fpc_report_write(out.f, format, e, (size_t)n))
			rc = cli_error("cannot write the report");
		if (rc)
			cli_output_abort(&out);
		else
			rc = cli_output_close(&out);
	}
	for (int i = 0; i < n; i++)
		fpc_analysis_release(&a[i]);
	free(a);
	free(e);
	return rc;
}
