/* Fuzzes the truth cache's reader: the file is loaded as the entry for
 * a fixed kernel's inputs (sin at four points; seeds/truth_cache holds
 * the valid entry, made by `replay_truth_cache --write-seed FILE`). */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

#include "fpcheck/catalog.h"
#include "fpcheck/kdata.h"
#include "fpcheck/truth.h"

static uint64_t in0[4] = {0x3ff0000000000000, 0x400921fb54442d18,
			  0x8000000000000000, 0x7ff8000000000000};

static struct fpc_kdata fixed_kernel(void)
{
	struct fpc_kdata kd = {.in_format = FPC_FMT_BINARY64,
			       .out_format = FPC_FMT_BINARY64,
			       .arity = 1,
			       .n = 4};
	strcpy(kd.name, "sin");
	kd.in[0] = in0;
	return kd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fpc_kdata kd = fixed_kernel();
	struct fpc_truth t = {0};
	if (fpc_truth_cache_load(fuzz_container_file(0, data, size), &kd, &t) == 0)
		fpc_truth_release(&t);
	return 0;
}

int fuzz_write_seed(const char *path)
{
	struct fpc_kdata kd = fixed_kernel();
	struct fpc_truth_options o = {.threads = 1};
	struct fpc_truth t;
	int hit, rc = fpc_truth_get(fpc_kernel_find("sin"), &kd, &o, &t, &hit);
	if (rc)
		return rc;
	rc = fpc_truth_cache_store(path, &kd, &t);
	fpc_truth_release(&t);
	return rc;
}
