/*
 * fpcheck plot: PNG figures of records.  The error of one function
 * against its input, for one record or several overlaid, or with
 * --matrix the kernels x records heatmap of the largest errors.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_progress.h"
#include "cli_records.h"
#include "fpcheck/catalog.h"
#include "fpcheck/error.h"
#include "fpcheck/plot.h"
#include "fpcheck/record.h"
#include "fpcheck/summary.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck plot [options] RECORD... FUNCTION -o FILE.png\n"
    "       fpcheck plot --matrix [options] RECORD... -o FILE.png\n"
    "\n"
    "Draws the error in ulps against MPFR of every input of FUNCTION in\n"
    "the record, against the input: the first argument (on a signed log\n"
    "axis when the inputs span many binades), or the input number for\n"
    "kernels of 3 or more arguments.  Correctly rounded results, misrounded\n"
    "ones and special-value mismatches are told apart by colour; with\n"
    "several records (up to 64) each has its own colour, shared by those\n"
    "with the same bits.\n"
    "With --matrix, a heatmap instead: the max error of every kernel\n"
    "(rows) in every record (columns), '=' where a record's bits are the\n"
    "baseline's.\n"
    "\n"
    "  -o, --output FILE  the PNG to write (atomically; '-' for standard\n"
    "                     output)\n"
    "      --matrix       the kernels x records heatmap\n"
    "      --baseline REC with --matrix: the record others are compared\n"
    "                     with (default: the first)\n"
    "      --size WxH     image size in pixels (default 800x450; with\n"
    "                     --matrix, the width the columns share, and the\n"
    "                     height follows the number of kernels)\n"
    CLI_TRUTH_HELP("    ")
    "\n"
    "exit status: 0 plot written, 2 usage or read error\n";
/* clang-format on */

enum { OPT_MATRIX = 256, OPT_BASELINE, OPT_SIZE };

static const struct option options[] = {
    {"output", required_argument, NULL, 'o'},
    {"matrix", no_argument, NULL, OPT_MATRIX},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"size", required_argument, NULL, OPT_SIZE},
    CLI_TRUTH_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* "WxH", each side within the library's limits. */
static int parse_size(const char *arg, int *w, int *h)
{
	const char *x = strchr(arg, 'x');
	unsigned long long a, b;
	char side[32];

	if (!x || (size_t)(x - arg) >= sizeof(side))
		goto bad;
	snprintf(side, sizeof(side), "%.*s", (int)(x - arg), arg);
	if (cli_parse_uint(side, FPC_PLOT_MIN, FPC_PLOT_MAX, &a) ||
	    cli_parse_uint(x + 1, FPC_PLOT_MIN, FPC_PLOT_MAX, &b))
		goto bad;
	*w = (int)a;
	*h = (int)b;
	return 0;
bad:
	return cli_error("--size takes WxH, each from %d to %d pixels, not "
			 "'%s'",
			 FPC_PLOT_MIN, FPC_PLOT_MAX, arg);
}

/* Every record reads whole to its verified end: checked before any truth
 * is computed, so that a bad path or a damaged record fails at once and
 * is named as such. */
static int check_records(char **paths, int n)
{
	for (int i = 0; i < n; i++) {
		char detail[256];
		int err = fpc_record_check(paths[i], detail, sizeof(detail));
		if (err)
			return cli_file_error(paths[i], err, detail);
	}
	return 0;
}

/* The function must be one kernel that has a truth: a built-in one, or
 * a user's function the first record describes. */
static int check_function(const char *name, const char *record)
{
	const struct fpc_kernel *k = fpc_record_kernel(record, name);

	if (!k) {
		const struct fpc_kernel **sel =
		    calloc(fpc_kernel_count(), sizeof(*sel));
		char detail[256] = "";
		size_t n;
		int bad;

		if (!sel)
			return cli_error("out of memory");
		/* the message names the closest kernel; a selection such
		 * as "double" is not one kernel either */
		bad = fpc_kernel_select(name, sel, &n, detail, sizeof(detail));
		free(sel);
		if (!bad || !*detail)
			return cli_error("unknown function '%s' (a plot shows "
					 "one kernel)",
					 name);
		return cli_error("%s", detail);
	}
	if (!FPC_HAS_TRUTH(k->fn))
		return cli_error("'%s' has no truth to plot errors against "
				 "(use fpcheck imgdiff/image)",
				 name);
	return 0;
}

static int write_plot(const char *output,
		      int (*draw)(FILE *, const void *, char *, size_t),
		      const void *arg, const char *what)
{
	struct cli_output out;
	char detail[512] = "";
	int rc, err, to_stdout = !strcmp(output, "-");

	if (to_stdout && isatty(STDOUT_FILENO))
		return cli_error(
		    "will not write a PNG to a terminal (-o FILE)");
	if ((rc = cli_output_open(&out, output)))
		return rc;
	err = draw(out.f, arg, detail, sizeof(detail));
	cli_progress_done();
	if (!err)
		return cli_output_close(&out);
	if (!*detail && err != FPC_ERR_IO)
		snprintf(detail, sizeof(detail), "cannot plot %s: %s", what,
			 fpc_strerror(err));
	return cli_output_fail(&out, err, detail);
}

struct errors_args {
	char **paths;
	const char **names;
	size_t n;
	const char *kernel;
	const struct cli_truth *truth;
	int w, h;
};

static int draw_errors(FILE *f, const void *arg, char *detail, size_t len)
{
	const struct errors_args *a = arg;

	return fpc_plot_errors_multi(f, (const char *const *)a->paths, a->names,
				     a->n, a->kernel, &a->truth->o, a->w, a->h,
				     detail, len);
}

struct matrix_args {
	const struct fpc_summary *s;
	int w;
};

static int draw_matrix(FILE *f, const void *arg, char *detail, size_t len)
{
	const struct matrix_args *a = arg;

	return fpc_plot_heatmap(f, a->s, a->w, detail, len);
}

static int plot_errors(char **paths, int n, const char *kernel,
		       const char *output, const struct cli_truth *truth, int w,
		       int h)
{
	struct cli_names nm;
	struct errors_args a = {paths, NULL, (size_t)n, kernel, truth, w, h};
	int rc;

	if (n > FPC_PLOT_SERIES)
		return cli_error("one plot shows at most %d records, not %d",
				 FPC_PLOT_SERIES, n);
	if ((rc = check_records(paths, n)) ||
	    (rc = check_function(kernel, paths[0])) ||
	    (rc = cli_record_names(paths, n, NULL, &nm)))
		return rc;
	a.names = nm.names;
	rc = write_plot(output, draw_errors, &a, kernel);
	cli_names_release(&nm);
	return rc;
}

static int plot_heatmap(char **paths, int n, const char *baseline,
		       const char *output, const struct cli_truth *truth, int w)
{
	struct fpc_summary s;
	struct matrix_args a = {&s, w};
	int rc;

	if ((rc = check_records(paths, n)) ||
	    (rc = cli_summary(paths, n, baseline, truth, &s)))
		return rc;
	rc = write_plot(output, draw_matrix, &a, "the matrix");
	fpc_summary_release(&s);
	return rc;
}

int cmd_plot(int argc, char **argv)
{
	struct cli_truth truth;
	const char *output = NULL, *baseline = NULL;
	int c, rc, matrix = 0, w = FPC_PLOT_W, h = FPC_PLOT_H, nargs;

	cli_truth_init(&truth);
	optind = 1;
	while ((c = cli_getopt(argc, argv, "o:j:h", options)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case OPT_MATRIX:
			matrix = 1;
			break;
		case OPT_BASELINE:
			baseline = optarg;
			break;
		case OPT_SIZE:
			if ((rc = parse_size(optarg, &w, &h)))
				return rc;
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
	nargs = argc - optind;
	if (!output)
		return cli_error("no output file (-o FILE.png, or -o - for "
				 "standard output)");
	if (matrix) {
		if (nargs < 1)
			return cli_usage(usage_text);
		return plot_heatmap(argv + optind, nargs, baseline, output,
				   &truth, w);
	}
	if (baseline)
		return cli_error("--baseline goes with --matrix");
	if (nargs < 2)
		return cli_usage(usage_text);
	return plot_errors(argv + optind, nargs - 1, argv[argc - 1], output,
			   &truth, w, h);
}
