/* Fuzzes the record reader: the provenance, every kernel section, and
 * the image a render kernel's data holds. */
#include "fuzz.h"

#include "fpcheck/image.h"
#include "fpcheck/record.h"

static void read_record(const char *path)
{
	(void)fpc_image_is_record(path);
	struct fpc_record rec;
	if (fpc_record_open(&rec, path) != 0)
		return;
	struct fpc_kdata k;
	while (fpc_record_next(&rec, &k) == 1) {
		struct fpc_image img;
		char detail[256];
		if (fpc_image_from_kdata(&k, &img, detail, sizeof detail) == 0)
			fpc_image_release(&img);
		fpc_kdata_release(&k);
	}
	fpc_record_close(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* As written, then with its checksums made right. */
	read_record(fuzz_file(0, data, size));
	read_record(fuzz_container_file(0, data, size));
	return 0;
}
