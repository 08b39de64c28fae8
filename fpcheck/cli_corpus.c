/*
 * The corpus of a run (see cli_corpus.h): the selection resolved against
 * the kernel table, the corpus options handed to the generator, and its
 * errors worded for the command line.
 */
#include "cli_corpus.h"

#include <stdlib.h>

#include "cli_error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/corpus.h"

int cli_corpus(const struct cli_corpus_spec *spec, struct fpc_corpus *c)
{
	const struct fpc_kernel **sel;
	struct fpc_corpus_options o;
	char detail[512] = "";
	size_t n;
	int err;

	if (spec->corpus)
		return (err = fpc_corpus_read(c, spec->corpus))
			   ? cli_file_error(spec->corpus, err, NULL)
			   : 0;
	if (!(sel = calloc(fpc_kernel_count(), sizeof(*sel))))
		return cli_error("out of memory");
	if ((err = fpc_kernel_select(spec->functions, sel, &n, detail,
				     sizeof(detail)))) {
		free(sel);
		return cli_error("%s", detail);
	}
	fpc_corpus_options_init(&o);
	o.seed = spec->seed;
	o.random = spec->samples;
	o.image_w = spec->image_w;
	o.image_h = spec->image_h;
	o.kernels = sel;
	o.nkernels = n;
	o.inputs = spec->inputs;
	o.with_builtin = spec->with_builtin;
	err = fpc_corpus_generate(c, &o, detail, sizeof(detail));
	free(sel);
	if (err)
		return *detail ? cli_error("%s", detail)
			       : cli_file_error(spec->inputs ? spec->inputs
							     : "corpus",
						err, NULL);
	return 0;
}
