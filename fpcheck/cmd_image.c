/*
 * fpcheck image: a render kernel's output in a record, as a picture (PNG,
 * 8 or 16 bits, tone-mapped sRGB) or as its floats (PFM).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_image.h"
#include "fpcheck/error.h"
#include "fpcheck/image.h"

static const char usage_text[] =
    "usage: fpcheck image [options] RECORD [KERNEL] -o OUT.png|OUT.pfm\n"
    "\n"
    "Writes the image a render kernel computed (path_spp1f, path_spp64f,\n"
    "mandelbrot, ... ; KERNEL may be left out when the record has only\n"
    "one).  OUT.png: tone-mapped sRGB, values clamped to [0, 1], NaN in\n"
    "magenta, with the record's provenance in text chunks.  OUT.pfm: the\n"
    "values themselves as binary32 (a double image is rounded).\n"
    "\n"
    "  -o, --output FILE     PNG or PFM, by its extension (required)\n"
    "      --bits N          8 (default) or 16 bits per PNG sample\n"
    "      --exposure STOPS  multiply values by 2^STOPS first (default 0)\n"
    "\n"
    "exit status: 0 written, 2 usage or read error\n";

enum { OPT_BITS = 256, OPT_EXPOSURE };

static const struct option options[] = {
    {"output", required_argument, NULL, 'o'},
    {"bits", required_argument, NULL, OPT_BITS},
    {"exposure", required_argument, NULL, OPT_EXPOSURE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

int cmd_image(int argc, char **argv)
{
	struct fpc_tonemap tm = {0, 8};
	struct cli_image in;
	struct cli_output out;
	const char *output = NULL;
	int c, rc, err;

	optind = 1;
	while ((c = cli_getopt(argc, argv, "o:h", options)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case OPT_BITS:
			if (strcmp(optarg, "8") && strcmp(optarg, "16"))
				return cli_error("--bits takes 8 or 16, not "
						 "'%s'",
						 optarg);
			tm.bits = atoi(optarg);
			break;
		case OPT_EXPOSURE: {
			char *end;
			tm.exposure = strtod(optarg, &end);
			if (end == optarg || *end || !isfinite(tm.exposure) ||
			    fabs(tm.exposure) > 64)
				return cli_error("--exposure takes a number of "
						 "stops from -64 to 64, not "
						 "'%s'",
						 optarg);
			break;
		}
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return cli_usage(usage_text);
		}
	}
	if (argc - optind < 1 || argc - optind > 2 || !output)
		return cli_usage(usage_text);
	if (!ends_with(output, ".png") && !ends_with(output, ".pfm"))
		return cli_error("'%s': the output must end in .png or .pfm",
				 output);
	if (access(argv[optind], R_OK))
		return cli_error("cannot open '%s': %s", argv[optind],
				 strerror(errno));
	if (!fpc_image_is_record(argv[optind]))
		return cli_error("'%s' is not an fpcheck record", argv[optind]);
	if ((rc = cli_image_load(&in, argv[optind],
				 argc - optind == 2 ? argv[optind + 1] : NULL,
				 FPC_IMAGE_MAX_PIXELS)))
		return rc;
	if ((rc = cli_make_parent_dirs(output)) ||
	    (rc = cli_output_open(&out, output))) {
		cli_image_release(&in);
		return rc;
	}
	if (ends_with(output, ".pfm")) {
		err = fpc_image_write_pfm(out.f, &in.img);
	} else {
		size_t n = (size_t)in.img.w * in.img.h * 3;
		uint8_t *p8 = tm.bits == 8 ? malloc(n) : NULL;
		uint16_t *p16 = tm.bits == 16 ? malloc(n * 2) : NULL;
		err = FPC_ERR_NOMEM;
		if (p8 || p16) {
			fpc_image_tonemap(&in.img, &tm, p8, p16);
			err = fpc_png_write(out.f, in.img.w, in.img.h, p8, p16,
					    in.text, in.ntext);
		}
		free(p8);
		free(p16);
	}
	cli_image_release(&in);
	return err ? cli_output_fail(&out, err, NULL) : cli_output_close(&out);
}
