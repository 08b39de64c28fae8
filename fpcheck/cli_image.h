/*
 * Images given on the command line, as fpcheck image and imgdiff take
 * them.
 */
#ifndef FPC_CLI_IMAGE_H
#define FPC_CLI_IMAGE_H

#include "fpcheck/image.h"
#include "fpcheck/prov.h"

/* An image given on the command line: a record's render kernel, or a
 * PNG or PFM file, with the PNG text chunks that say where it came from
 * (the record's provenance). */
#define CLI_IMAGE_TEXT 10
struct cli_image {
	struct fpc_image img;
	char kernel[FPC_NAME_MAX + 1]; /* empty for an image file */
	struct fpc_prov prov;
	struct fpc_png_text text[CLI_IMAGE_TEXT];
	size_t ntext;
	char label[600];  /* "path" or "path:kernel" */
	char config[400]; /* a record's arch, compiler, flags, libc; or "" */
};

/* Loads path (a record, with kernel or its only render kernel, or an
 * image file of at most max_pixels pixels; kernel must be NULL for a
 * file).  Returns 0, or prints the error and returns EXIT_ERROR. */
int cli_image_load(struct cli_image *im, const char *path, const char *kernel,
		   uint64_t max_pixels);
void cli_image_release(struct cli_image *im);

#endif
