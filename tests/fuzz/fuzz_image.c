/* Fuzzes the image readers (PNG and PFM, told apart by their bytes). */
#include "fuzz.h"

#include "fpcheck/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fpc_image img;
	char detail[256];
	if (fpc_image_read(fuzz_file(0, data, size), &img, detail,
			   sizeof detail) == 0)
		fpc_image_release(&img);
	return 0;
}
