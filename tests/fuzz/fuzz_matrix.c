/* Fuzzes the reader of matrix files (INI). */
#include "fuzz.h"

#include "configs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_configs m;
	char detail[512];
	if (cli_configs_load(&m, fuzz_file(0, data, size), detail,
			     sizeof detail) == 0) {
		(void)cli_configs_baseline(&m);
		cli_configs_release(&m);
	}
	return 0;
}
