/* Fuzzes a record through the analyses that read one: the per-kernel
 * statistics against MPFR's truth, the tolerance table built from them,
 * the matrix summary and a diff of the record against itself. */
#include "fuzz.h"

#include "fpcheck/analysis.h"
#include "fpcheck/summary.h"
#include "fpcheck/tolerance.h"
#include "fpcheck/truth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_container_file(0, data, size);
	struct fpc_truth_options o = {.threads = 1};
	char detail[512];

	struct fpc_analysis a;
	if (fpc_analyse(path, &o, &a, detail, sizeof detail) == 0) {
		struct fpc_tol_table t = {0};
		(void)fpc_tol_add(&t, &a, path);
		fpc_tol_release(&t);
		fpc_analysis_release(&a);
	}

	const char *paths[2] = {path, path};
	const char *names[2] = {"a", "b"};
	struct fpc_summary s;
	if (fpc_summary_compute(paths, names, 2, 0, &o, &s, detail,
				sizeof detail) == 0)
		fpc_summary_release(&s);

	fuzz_diff(paths);
	return 0;
}
