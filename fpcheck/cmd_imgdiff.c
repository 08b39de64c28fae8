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
		if (err) {
			cli_output_abort(&out);
			return cli_error("cannot write '%s': %s", path,
					 fpc_strerror(err));
		}
		if ((rc = cli_output_close(&out)))
			return rc;
	}
	return 0;
}

int cmd_imgdiff(int argc, char **argv)
{
	struct fpc_imgdiff_limits lim = {0};
	struct cli_image im[2];
	struct fpc_imgdiff d;
	const char *kernel = NULL, *prefix = NULL, *json = NULL;
	double stops = 10, v;
	char detail[256];
	int c, rc, err, within;

	optind = 1;
	while ((c = getopt_long(argc, argv, "k:o:h", options, NULL)) != -1) {
		switch (c) {
		case 'k':
			kernel = optarg;
			break;
		case 'o':
			prefix = optarg;
			break;
		case OPT_STOPS:
			if ((rc = parse_double("--stops", optarg, 0, 64,
					       &stops)))
				return rc;
			break;
		case OPT_JSON:
			json = optarg;
			break;
		case OPT_MAX_ULP:
			if ((rc = parse_double("--max-ulp", optarg, 0, 1e19,
					       &v)))
				return rc;
			lim.has_ulp = 1;
			lim.max_ulp = (uint64_t)v;
			break;
		case OPT_MAX_ABS:
			if ((rc = parse_double("--max-abs", optarg, 0, INFINITY,
					       &lim.max_abs)))
				return rc;
			lim.has_abs = 1;
			break;
		case OPT_MAX_PERCENT:
			if ((rc = parse_double("--max-percent", optarg, 0, 100,
					       &lim.max_percent)))
				return rc;
			lim.has_percent = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return cli_usage(usage_text);
		}
	}
	if (argc - optind != 2)
		return cli_usage(usage_text);
	for (int i = 0; i < 2; i++) {
		const char *p = argv[optind + i];
		if ((rc = cli_image_load(
			 &im[i], p, fpc_image_is_record(p) ? kernel : NULL))) {
			if (i)
				cli_image_release(&im[0]);
			return rc;
		}
	}
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
	within = fpc_imgdiff_within(&d, &lim);
	rc = prefix ? write_pictures(prefix, &d, stops, im) : 0;
	if (!rc && json) {
		struct cli_output out;
		if (!(rc = cli_output_open(&out, json))) {
			fpc_imgdiff_write_json(out.f, &d, im[0].label,
					       im[1].label, within);
			rc = cli_output_close(&out);
		}
	}
	if (!rc) {
		printf("A %s\nB %s\n", im[0].label, im[1].label);
		fpc_imgdiff_write_text(stdout, &d);
		printf("verdict          %s\n",
		       within
			   ? (d.differ ? "within the limits" : "bit-identical")
			   : "outside the limits");
		rc = fflush(stdout) || ferror(stdout)
			 ? cli_error("cannot write to standard output")
		     : within ? EXIT_OK
			      : EXIT_FOUND;
	}
	fpc_imgdiff_release(&d);
	cli_image_release(&im[0]);
	cli_image_release(&im[1]);
	return rc;
}
