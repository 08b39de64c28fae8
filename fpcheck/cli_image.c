/*
 * Images given on the command line (see cli_image.h): the PNG text
 * chunks carry the record's provenance, so that a picture says which
 * build, flags and libc computed it.
 */
#include "cli_image.h"

#include <stdio.h>
#include <string.h>

#include "cli_error.h"

int cli_image_load(struct cli_image *im, const char *path, const char *kernel,
		   uint64_t max_pixels)
{
	static const char *const keys[][2] = {
	    {"arch", "fpcheck.arch"},	      {"compiler", "fpcheck.compiler"},
	    {"build.flags", "fpcheck.flags"}, {"libc", "fpcheck.libc"},
	    {"emulator", "fpcheck.emulator"}, {"corpus.hash", "fpcheck.corpus"},
	};
	char detail[512] = "";
	int err;

	memset(im, 0, sizeof(*im));
	if (fpc_image_is_record(path)) {
		err = fpc_image_from_record(path, kernel, &im->img, &im->prov,
					    im->kernel, detail, sizeof(detail));
		if (err)
			return cli_file_error(path, err, detail);
		snprintf(im->label, sizeof(im->label), "%s:%s", path,
			 im->kernel);
	} else {
		if (kernel)
			return cli_error("'%s' is an image file, not a record: "
					 "leave out the kernel",
					 path);
		if ((err = fpc_image_read_max(path, max_pixels, &im->img,
					      detail, sizeof(detail))))
			return cli_file_error(path, err, detail);
		snprintf(im->label, sizeof(im->label), "%s", path);
	}
	im->text[im->ntext++] =
	    (struct fpc_png_text){"Software", "fpcheck " FPC_VERSION};
	im->text[im->ntext++] = (struct fpc_png_text){"Source", im->label};
	if (*im->kernel)
		im->text[im->ntext++] =
		    (struct fpc_png_text){"fpcheck.kernel", im->kernel};
	if (*im->kernel) {
		const char *v[4] = {fpc_prov_get(&im->prov, "arch"),
				    fpc_prov_get(&im->prov, "compiler"),
				    fpc_prov_get(&im->prov, "build.flags"),
				    fpc_prov_get(&im->prov, "libc")};
		snprintf(im->config, sizeof(im->config), "%s, %s, %s, %s",
			 v[0] ? v[0] : "?", v[1] ? v[1] : "?",
			 v[2] ? v[2] : "?", v[3] ? v[3] : "?");
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = fpc_prov_get(&im->prov, keys[i][0]);
		if (v && im->ntext < CLI_IMAGE_TEXT)
			im->text[im->ntext++] =
			    (struct fpc_png_text){keys[i][1], v};
	}
	return 0;
}

void cli_image_release(struct cli_image *im)
{
	fpc_image_release(&im->img);
	fpc_prov_release(&im->prov);
	memset(im, 0, sizeof(*im));
}
