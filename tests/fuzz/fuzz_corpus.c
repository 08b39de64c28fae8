/* Fuzzes the corpus reader. */
#include "fuzz.h"

#include "fpcheck/corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fpc_corpus c;
	if (fpc_corpus_read(&c, fuzz_container_file(0, data, size)) != 0)
		return 0;
	(void)fpc_corpus_find(&c, "sin");
	(void)fpc_corpus_find(&c, "sum_seq");
	fpc_corpus_release(&c);
	return 0;
}
