/* Fuzzes two records read together: the input is split in two (its
 * first two bytes give the first record's length), the halves merged as
 * shards and diffed. */
#include "fuzz.h"

#include "fpcheck/merge.h"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t first = (size_t)data[0] << 8 | data[1];
	data += 2;
	size -= 2;
	if (first > size)
		first = size;
	const char *paths[2] = {
	    fuzz_container_file(0, data, first),
	    fuzz_container_file(1, data + first, size - first)};
	const char *out = fuzz_out_path(0);
	char detail[512];
	(void)fpc_merge_shards(paths, 2, out, 1, detail, sizeof detail);
	unlink(out);

	fuzz_diff(paths);
	return 0;
}
