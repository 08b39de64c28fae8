/*
 * fpcheck imgdiff: two renders (records' render kernels, or PNG/PFM
 * files) compared value by value, with pictures of where they differ
 * and a verdict against limits.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_image.h"
#include "fpcheck/error.h"
#include "fpcheck/imgdiff.h"

static const char usage_text[] =
    "usage: fpcheck imgdiff [options] A B\n"
    "\n"
    "Compares two images: A and B are records (their render kernel,\n"
    "chosen with -k when a record has several) or image files (PNG, PFM).\n"
    "Prints the share of bit-identical pixels, per channel the largest and\n"
    "mean absolute difference, the largest ulp distance and where it is,\n"
    "RMSE, PSNR and special-value mismatches.\n"
    "\n"
    "  -k, --kernel NAME     render kernel of the records (path_spp64f, ...)\n"
    "  -o, --output PREFIX   write PREFIX-abs.png (|A-B|), PREFIX-boost.png\n"
    "                        (|A-B| exposed up --stops), PREFIX-signed.png,\n"
    "                        PREFIX-ulp.png (ulp heatmap), PREFIX-special.png\n"
    "      --stops N         exposure of the boosted difference (default 10,\n"
    "                        i.e. x1024)\n"
    "      --json FILE       the statistics and verdict as JSON\n"
    "      --max-ulp N       within if no value is more than N ulps apart\n"
    "      --max-abs X       within if no |A-B| exceeds X\n"
    "      --max-percent P   within if at most P%% of pixels differ\n"
    "\n"
    "Without limits only bit-identical images are within; NaN or infinity\n"
    "mismatches exceed every ulp and absolute limit.\n"
    "\n"
    "exit status: 0 within the limits, 1 outside, 2 usage or read error\n"
    "(images of different sizes included)\n";

enum { OPT_STOPS = 256, OPT_JSON, OPT_MAX_ULP, OPT_MAX_ABS, OPT_MAX_PERCENT };

static const struct option options[] = {
    {"kernel", required_argument, NULL, 'k'},
    {"output", required_argument, NULL, 'o'},
    {"stops", required_argument, NULL, OPT_STOPS},
    {"json", required_argument, NULL, OPT_JSON},
    {"max-ulp", required_argument, NULL, OPT_MAX_ULP},
    {"max-abs", required_argument, NULL, OPT_MAX_ABS},
    {"max-percent", required_argument, NULL, OPT_MAX_PERCENT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int parse_double(const char *opt, const char *arg, double lo, double hi,
			double *v)
{
	char *end;

	*v = strtod(arg, &end);
	if (end == arg || *end || !(*v >= lo && *v <= hi))
		return cli_error("%s takes a number from %g to %g, not '%s'",
				 opt, lo, hi, arg);
	return 0;
}

/* Writes the pictures PREFIX-<name>.png, with where A and B came from in
 * their text chunks. */
static int write_pictures(const char *prefix, const struct fpc_imgdiff *d,
			  double stops, const struct cli_image *im)
{
	for (int p = 0; p < FPC_PICTURE_COUNT; p++) {
		char path[4096], title[64];
		struct cli_output out;
		struct fpc_png_text text[6] = {
		    {"Software", "fpcheck " FPC_VERSION},
		    {"Title", title},
		    {"fpcheck.a", im[0].label},
		    {"fpcheck.b", im[1].label},
		    {"fpcheck.a.config", im[0].config},
		    {"fpcheck.b.config", im[1].config},
		};
		size_t ntext = *im[0].config && *im[1].config ? 6 : 4;
		int rc, err;

		snprintf(path, sizeof(path), "%s-%s.png", prefix,
			 fpc_imgdiff_picture_name((enum fpc_imgdiff_picture)p));
		if ((rc = cli_make_parent_dirs(path)) ||
		    (rc = cli_output_open(&out, path)))
			return rc;
		snprintf(title, sizeof(title), "fpcheck imgdiff: %s",
			 fpc_imgdiff_picture_name((enum fpc_imgdiff_picture)p));
		err = fpc_imgdiff_write_png(
		    out.f, d, (enum fpc_imgdiff_picture)p, stops, text, ntext);
		if (err)
			return cli_output_fail(&out, err, NULL);
		if ((rc = cli_output_close(&out)))
			return rc;
	}
	return 0;
}

/* The command line. */
struct imgdiff_args {
	struct fpc_imgdiff_limits lim;
	const char *kernel, *prefix, *json; /* -k, -o, --json */
	double stops;
	int help;
};

/* One option.  Returns 0, or the exit status. */
static int parse_option(struct imgdiff_args *a, int c, const char *arg)
{
	double v;
	int rc;

	switch (c) {
	case 'k':
		a->kernel = arg;
		return 0;
	case 'o':
		a->prefix = arg;
		return 0;
	case OPT_STOPS:
		return parse_double("--stops", arg, 0, 64, &a->stops);
	case OPT_JSON:
		a->json = arg;
		return 0;
	case OPT_MAX_ULP:
		if ((rc = parse_double("--max-ulp", arg, 0, 1e19, &v)))
			return rc;
		a->lim.has_ulp = 1;
		a->lim.max_ulp = (uint64_t)v;
		return 0;
	case OPT_MAX_ABS:
		if ((rc = parse_double("--max-abs", arg, 0, INFINITY,
				       &a->lim.max_abs)))
			return rc;
		a->lim.has_abs = 1;
		return 0;
	case OPT_MAX_PERCENT:
		if ((rc = parse_double("--max-percent", arg, 0, 100,
				       &a->lim.max_percent)))
			return rc;
		a->lim.has_percent = 1;
		return 0;
	default:
		return cli_usage(usage_text);
	}
}

/* The command line into a, A and B at argv[optind].  Returns 0, or the
 * exit status when the command ends here: an error, or --help. */
static int parse_options(struct imgdiff_args *a, int argc, char **argv)
{
	int c, rc;

	optind = 1;
	while ((c = cli_getopt(argc, argv, "k:o:h", options)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			a->help = 1;
			return EXIT_OK;
		}
		if ((rc = parse_option(a, c, optarg)))
			return rc;
	}
	if (argc - optind != 2)
		return cli_usage(usage_text);
	return 0;
}

/* A and B, a record's render kernel or an image file each.  Returns 0
 * with both to release, or prints the error with nothing to release. */
static int load_images(char **paths, const char *kernel, struct cli_image *im)
{
	int rc;

	for (int i = 0; i < 2; i++) {
		const char *p = paths[i];
		if ((rc = cli_image_load(
			 &im[i], p, fpc_image_is_record(p) ? kernel : NULL))) {
			if (i)
				cli_image_release(&im[0]);
			return rc;
		}
	}
	return 0;
}

/* --json FILE: the statistics and the verdict. */
static int write_json(const char *path, const struct fpc_imgdiff *d,
		      const struct cli_image *im, int within)
{
	struct cli_output out;
	int rc;

	if ((rc = cli_output_open(&out, path)))
		return rc;
	fpc_imgdiff_write_json(out.f, d, im[0].label, im[1].label, within);
	return cli_output_close(&out);
}

/* The statistics and the verdict on stdout; returns the exit status. */
static int print_verdict(const struct fpc_imgdiff *d,
			 const struct cli_image *im, int within)
{
	printf("A %s\nB %s\n", im[0].label, im[1].label);
	fpc_imgdiff_write_text(stdout, d);
	printf("verdict          %s\n",
	       within ? (d->differ ? "within the limits" : "bit-identical")
		      : "outside the limits");
	return cli_stdout_flush() ? EXIT_ERROR : within ? EXIT_OK : EXIT_FOUND;
}

int cmd_imgdiff(int argc, char **argv)
{
	struct imgdiff_args a = {.stops = 10};
	struct cli_image im[2];
	struct fpc_imgdiff d;
	char detail[256];
	int rc, err, within;

	if ((rc = parse_options(&a, argc, argv)) || a.help ||
	    (rc = load_images(argv + optind, a.kernel, im)))
		return rc;
	err = fpc_imgdiff_compute(&im[0].img, &im[1].img, &d, detail,
				  sizeof(detail));
	if (err) {
		rc = cli_error("%s against %s: %s", im[0].label, im[1].label,
			       err == FPC_ERR_MISMATCH ? detail
						       : fpc_strerror(err));
		cli_image_release(&im[0]);
		cli_image_release(&im[1]);
		return rc;
	}
	within = fpc_imgdiff_within(&d, &a.lim);
	rc = a.prefix ? write_pictures(a.prefix, &d, a.stops, im) : 0;
	if (!rc && a.json)
		rc = write_json(a.json, &d, im, within);
	if (!rc)
		rc = print_verdict(&d, im, within);
	fpc_imgdiff_release(&d);
	cli_image_release(&im[0]);
	cli_image_release(&im[1]);
	return rc;
}
