/*
 * fpcheck diff: two records compared kernel by kernel, with the likely
 * cause of each difference and the evidence for it (docs/diff.md).
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_progress.h"
#include "fpcheck/catalog.h"
#include "fpcheck/diff.h"
#include "fpcheck/diff_report.h"
#include "fpcheck/error.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck diff [options] A.rec B.rec\n"
    "\n"
    "Compares two records kernel by kernel: which results differ and by\n"
    "how many ulps, which side is nearer the MPFR truth, exception flags,\n"
    "the first differing inputs, and the likely cause of the differences\n"
    "(zero-sign, nan-sign-payload, ftz-daz, fma-contraction,\n"
    "x87-excess-precision, x87-double-rounding, libm, unexplained) with\n"
    "the evidence for it (docs/diff.md).\n"
    "\n"
    "      --format FMT   text (default), markdown or json\n"
    "  -o, --output FILE  write the diff to FILE (atomically)\n"
    "  -n, --first N      differing inputs shown per kernel (default 5)\n"
    CLI_TRUTH_HELP("    ")
    "\n"
    "exit status: 0 every kernel compared is identical, 1 some differ,\n"
    "2 usage or read error, or no kernel could be compared\n";
/* clang-format on */

enum { OPT_FORMAT = 256 };

static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"first", required_argument, NULL, 'n'},
    CLI_TRUTH_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Largest --first: every example is kept in memory until the end. */
#define MAX_FIRST 100000

int cmd_diff(int argc, char **argv)
{
	struct cli_truth truth;
	struct fpc_diff_options o = {NULL, FPC_DIFF_FIRST};
	struct fpc_diff d;
	struct cli_output out;
	const char *output = NULL, *path[2];
	char detail[512];
	unsigned long long v;
	int c, rc, err, which, format = FPC_REPORT_TEXT;

	cli_truth_init(&truth);
	optind = 1;
	while ((c = cli_getopt(argc, argv, "o:n:j:h", options)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			format = fpc_report_format_parse(optarg);
			if (format < 0 || format == FPC_REPORT_CSV)
				return cli_error("unknown diff format '%s' "
						 "(text, markdown, json)",
						 optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'n':
			if (cli_parse_uint(optarg, 0, MAX_FIRST, &v))
				return cli_error("--first takes a number from "
						 "0 to %d, not '%s'",
						 MAX_FIRST, optarg);
			o.nfirst = (unsigned)v;
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
	if (argc - optind != 2)
		return cli_usage(usage_text);
	path[0] = argv[optind];
	path[1] = argv[optind + 1];
	o.truth = &truth.o;
	/* Both records are read to the end before anything is written, so
	 * a damaged one leaves no partial diff behind. */
	err = fpc_diff_records(path, &o, &d, &which, detail, sizeof(detail));
	cli_progress_done();
	if (err)
		return *detail ? cli_error("%s", detail)
			       : cli_file_error(path[which], err, NULL);
	if ((rc = cli_output_open(&out, output))) {
		fpc_diff_release(&d);
		return rc;
	}
	if ((err = fpc_diff_write(out.f, format, &d, path))) {
		fpc_diff_release(&d);
		return cli_output_fail(&out, err, NULL);
	}
	if ((rc = cli_output_close(&out))) {
		fpc_diff_release(&d);
		return rc;
	}
	if (!d.compared)
		rc = cli_error("no kernel could be compared: the records "
			       "share no kernel with the same inputs");
	else
		rc = d.identical == d.compared ? EXIT_OK : EXIT_FOUND;
	fpc_diff_release(&d);
	return rc;
}
