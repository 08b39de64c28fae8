/* Fuzzes the reader of tolerance tables (JSON and glibc's layout). */
#include "fuzz.h"

#include "fpcheck/tolerance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fpc_tol_table t = {0};
	char detail[512];
	if (fpc_tol_read(fuzz_file(0, data, size), &t, detail,
			 sizeof detail) == 0)
		fpc_tol_release(&t);
	return 0;
}
