/*
 * fpcheck report: the accuracy of one or more records against MPFR truth,
 * as text, markdown, JSON or CSV.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_progress.h"
#include "cli_records.h"
#include "fpcheck/analysis.h"
#include "fpcheck/error.h"
#include "fpcheck/report.h"
#include "fpcheck/summary.h"
#include "fpcheck/summary_report.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck report [options] RECORD...\n"
    "\n"
    "Reports each kernel's accuracy against MPFR: max and mean error in\n"
    "ulps with the input that attains the max, share correctly rounded,\n"
    "glibc-style ulps, misrounding direction and special-value mismatches.\n"
    "With several records, a kernels x records table instead: each cell\n"
    "says whether the results are bit-identical to the baseline record's,\n"
    "how far they are from them, and the max error against MPFR.\n"
    "\n"
    "      --baseline REC the record others are compared with (default:\n"
    "                     the first)\n"
    "      --each         with several records, the full report of each\n"
    "      --format FMT   text (default), markdown, json or csv\n"
    "      --html FILE    instead, one self-contained HTML page: the table,\n"
    "                     its heatmap, each record's diff from the\n"
    "                     baseline with causes, error plots, and the\n"
    "                     renders with their differences\n"
    "      --stops N      exposure of the renders' differences in the\n"
    "                     HTML page (default 10, i.e. x1024)\n"
    "  -o, --output FILE  write the report to FILE (atomically)\n"
    CLI_TRUTH_HELP("    ");
/* clang-format on */

enum { OPT_FORMAT = 256, OPT_BASELINE, OPT_EACH, OPT_HTML, OPT_STOPS };

static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"each", no_argument, NULL, OPT_EACH},
    {"html", required_argument, NULL, OPT_HTML},
    {"stops", required_argument, NULL, OPT_STOPS},
    {"output", required_argument, NULL, 'o'},
    CLI_TRUTH_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int table(char **paths, int n, const char *baseline, int format,
		 const char *output, const struct cli_truth *truth)
{
	struct fpc_summary s;
	struct cli_output out;
	int rc;

	if ((rc = cli_summary(paths, n, baseline, truth, &s)))
		return rc;
	if (!(rc = cli_output_open(&out, output))) {
		int err = fpc_summary_write(out.f, format, &s);
		rc = err ? cli_output_fail(&out, err, NULL)
			 : cli_output_close(&out);
	}
	fpc_summary_release(&s);
	return rc;
}

/* The HTML page of the records. */
static int html(char **paths, int n, const char *baseline, double stops,
		const char *output, const struct cli_truth *truth)
{
	struct cli_names nm;
	int rc;

	if ((rc = cli_record_names(paths, n, baseline, &nm)))
		return rc;
	rc = cli_write_html((const char *const *)paths, nm.names, (size_t)n,
			    nm.base, stops, output, truth);
	cli_names_release(&nm);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	struct cli_truth truth;
	struct fpc_analysis *a = NULL;
	struct fpc_report_entry *e = NULL;
	struct cli_output out;
	const char *output = NULL, *baseline = NULL, *html_out = NULL;
	int c, rc = EXIT_OK, format = FPC_REPORT_TEXT, n = 0, each = 0;
	double stops = 10;

	cli_truth_init(&truth);
	optind = 1;
	while ((c = cli_getopt(argc, argv, "o:j:h", options)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if ((rc = cli_parse_format(optarg, &format)))
				return rc;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_BASELINE:
			baseline = optarg;
			break;
		case OPT_EACH:
			each = 1;
			break;
		case OPT_HTML:
			html_out = optarg;
			break;
		case OPT_STOPS: {
			char *end;
			stops = strtod(optarg, &end);
			if (end == optarg || *end || !(stops >= 0 && stops <= 64))
				return cli_error("--stops takes a number from 0 "
						 "to 64, not '%s'",
						 optarg);
			break;
		}
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
	if (html_out)
		return html(argv + optind, argc - optind, baseline, stops,
			    html_out, &truth);
	if (argc - optind > 1 && !each)
		return table(argv + optind, argc - optind, baseline, format,
			     output, &truth);
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
		fpc_report_entry_of(&a[n], argv[i], &e[n]);
	}
	cli_progress_done();
	if (!rc && !(rc = cli_output_open(&out, output))) {
		int err = fpc_report_write(out.f, format, e, (size_t)n);
		rc = err ? cli_output_fail(&out, err, NULL)
			 : cli_output_close(&out);
	}
	for (int i = 0; i < n; i++)
		fpc_analysis_release(&a[i]);
	free(a);
	free(e);
	return rc;
}
