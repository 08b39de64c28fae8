/* Fuzzes the reader of users' input files: the first byte picks the
 * format (binary32 or binary64) and the arity (1 to 3), the rest is the
 * file. */
#include "fuzz.h"

#include <stdlib.h>

#include "fpcheck/corpus.h"
#include "fpcheck/kdata.h"
#include "fpcheck/kernel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned format = data[0] & 1 ? FPC_FMT_BINARY64 : FPC_FMT_BINARY32;
	unsigned arity = 1 + (data[0] >> 1) % 3;
	uint64_t *in[FPC_MAX_ARITY] = {0};
	uint32_t n = 0;
	char detail[256];
	if (fpc_corpus_parse_inputs(fuzz_file(0, data + 1, size - 1), format,
				    arity, in, &n, detail, sizeof detail) == 0)
		for (unsigned a = 0; a < arity; a++)
			free(in[a]);
	return 0;
}
