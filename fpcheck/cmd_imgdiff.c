/*
 * fpcheck imgdiff: two renders (records' render kernels, or PNG/PFM
 * files) compared value by value, with pictures of where they differ
 * and a verdict against limits.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_image.h"
#include "cli_options.h"
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
    "      --max-pixels N    read image files of at most N pixels (default\n"
    "                        " FPC_IMAGE_MAX_PIXELS_TEXT ")\n"
    "      --max-ulp N       within if no value is more than N ulps apart\n"
    "      --max-abs X       within if no |A-B| exceeds X\n"
    "      --max-percent P   within if at most P% of pixels differ\n"
    "\n"
    "Without limits only bit-identical images are within; NaN or infinity\n"
    "mismatches exceed every ulp and absolute limit.  The pictures and the\n"
    "JSON are written together or not at all.\n"
    "\n"
    "exit status: 0 within the limits, 1 outside, 2 usage or read error\n"
    "(images of different sizes included)\n";

enum {
	OPT_STOPS = 256,
	OPT_JSON,
	OPT_MAX_ULP,
	OPT_MAX_ABS,
	OPT_MAX_PERCENT,
	OPT_MAX_PIXELS
};

static const struct option options[] = {
    {"kernel", required_argument, NULL, 'k'},
    {"output", required_argument, NULL, 'o'},
    {"stops", required_argument, NULL, OPT_STOPS},
    {"json", required_argument, NULL, OPT_JSON},
    {"max-ulp", required_argument, NULL, OPT_MAX_ULP},
    {"max-abs", required_argument, NULL, OPT_MAX_ABS},
    {"max-percent", required_argument, NULL, OPT_MAX_PERCENT},
    {"max-pixels", required_argument, NULL, OPT_MAX_PIXELS},
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

/* The command line. */
struct imgdiff_args {
	struct fpc_imgdiff_limits lim;
	const char *kernel, *prefix, *json; /* -k, -o, --json */
	uint64_t max_pixels;		    /* --max-pixels */
	double stops;
	int help;
};

/*
 * The files one comparison writes: its five pictures and its JSON.  They
 * are read together (a heatmap beside the statistics that locate its
 * largest ulp), so they appear together or not at all: each is written to
 * a temporary beside its name, and only when every one is written are
 * they renamed into place.  A failure
 * while writing (out of memory, a picture too large to draw, a full disk,
 * a name that is a directory) thus leaves the files of an earlier
 * comparison as they were and no temporary behind; removing pictures
 * already written instead would lose those earlier files too.  A device
 * or a pipe among the names is written in place (cli_output.h).
 */
#define OUTPUT_MAX (FPC_PICTURE_COUNT + 1)
struct output_set {
	struct cli_output out[OUTPUT_MAX];
	char path[OUTPUT_MAX][4096];
	int atomic[OUTPUT_MAX]; /* a temporary, renamed in at the end */
	size_t n;
};

/* Opens the next output of s at path.  Returns 0 or EXIT_ERROR (said). */
static int set_open(struct output_set *s, const char *path)
{
	struct cli_output *o = &s->out[s->n];
	int rc;

	if (snprintf(s->path[s->n], sizeof(s->path[s->n]), "%s", path) >=
	    (int)sizeof(s->path[s->n]))
		return cli_error("path too long: '%s'", path);
	if ((rc = cli_make_parent_dirs(path)) ||
	    (rc = cli_output_open(o, path)))
		return rc;
	s->atomic[s->n++] = o->file.f != NULL;
	return 0;
}

/* Abandons every output of s: the temporaries are removed. */
static void set_abort(struct output_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		cli_output_abort(&s->out[i]);
	s->n = 0;
}

/*
 * Puts every output of s in place.  Write errors (a full disk shows at
 * the flush) are looked for in all of them before any is renamed.  Should
 * a rename still fail, the files of this comparison already renamed are
 * removed, so that none of them is left beside older files it does not
 * belong with.  Returns 0 or EXIT_ERROR (said).
 */
static int set_commit(struct output_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		FILE *f = s->out[i].f;
		if (f != stdout && (fflush(f) || ferror(f))) {
			int rc = cli_error("cannot write '%s': %s", s->path[i],
					   strerror(errno));
			set_abort(s);
			return rc;
		}
	}
	for (i = 0; i < s->n; i++)
		if (cli_output_close(&s->out[i]))
			break;
	if (i == s->n) {
		s->n = 0;
		return EXIT_OK;
	}
	for (size_t j = 0; j < i; j++)
		if (s->atomic[j])
			unlink(s->path[j]);
	for (size_t j = i + 1; j < s->n; j++)
		cli_output_abort(&s->out[j]);
	s->n = 0;
	return EXIT_ERROR;
}

/* Writes the pictures PREFIX-<name>.png into s, with where A and B came
 * from in their text chunks. */
static int write_pictures(struct output_set *s, const char *prefix,
			  const struct fpc_imgdiff *d, double stops,
			  const struct cli_image *im)
{
	for (int p = 0; p < FPC_PICTURE_COUNT; p++) {
		enum fpc_imgdiff_picture pic = (enum fpc_imgdiff_picture)p;
		char path[4096], title[64];
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
			 fpc_imgdiff_picture_name(pic));
		if ((rc = set_open(s, path)))
			return rc;
		snprintf(title, sizeof(title), "fpcheck imgdiff: %s",
			 fpc_imgdiff_picture_name(pic));
		err = fpc_imgdiff_write_png(s->out[s->n - 1].f, d, pic, stops,
					    text, ntext);
		if (err)
			return cli_error("cannot write '%s': %s", path,
					 fpc_strerror(err));
	}
	return 0;
}

/* --json FILE into s: the statistics and the verdict. */
static int write_json(struct output_set *s, const char *path,
		      const struct fpc_imgdiff *d, const struct cli_image *im,
		      int within)
{
	int rc;

	if ((rc = set_open(s, path)))
		return rc;
	fpc_imgdiff_write_json(s->out[s->n - 1].f, d, im[0].label, im[1].label,
			       within);
	return 0;
}

/* The pictures (-o) and the JSON (--json), all or none of them. */
static int write_outputs(const struct imgdiff_args *a,
			 const struct fpc_imgdiff *d,
			 const struct cli_image *im, int within)
{
	struct output_set s = {.n = 0};
	int rc = 0;

	if (a->prefix)
		rc = write_pictures(&s, a->prefix, d, a->stops, im);
	if (!rc && a->json)
		rc = write_json(&s, a->json, d, im, within);
	if (rc) {
		set_abort(&s);
		return rc;
	}
	return set_commit(&s);
}

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
	case OPT_MAX_PIXELS: {
		/* no image file is larger than its sides' limit allows */
		unsigned long long top =
		    (unsigned long long)FPC_IMAGE_MAX_SIDE * FPC_IMAGE_MAX_SIDE;
		unsigned long long n;
		if (cli_parse_uint(arg, 1, top, &n))
			return cli_error("--max-pixels takes a whole number "
					 "from 1 to %llu, not '%s'",
					 top, arg);
		a->max_pixels = n;
		return 0;
	}
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
static int load_images(char **paths, const struct imgdiff_args *a,
		       struct cli_image *im)
{
	int rc;

	for (int i = 0; i < 2; i++) {
		const char *p = paths[i];
		if ((rc = cli_image_load(
			 &im[i], p, fpc_image_is_record(p) ? a->kernel : NULL,
			 a->max_pixels))) {
			if (i)
				cli_image_release(&im[0]);
			return rc;
		}
	}
	return 0;
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
	struct imgdiff_args a = {.stops = 10,
				 .max_pixels = FPC_IMAGE_MAX_PIXELS};
	struct cli_image im[2];
	struct fpc_imgdiff d;
	char detail[256];
	int rc, err, within;

	if ((rc = parse_options(&a, argc, argv)) || a.help ||
	    (rc = load_images(argv + optind, &a, im)))
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
	rc = write_outputs(&a, &d, im, within);
	if (!rc)
		rc = print_verdict(&d, im, within);
	fpc_imgdiff_release(&d);
	cli_image_release(&im[0]);
	cli_image_release(&im[1]);
	return rc;
}
