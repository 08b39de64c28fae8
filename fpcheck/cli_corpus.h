/*
 * The corpus of a run (run, matrix): read from a file, or generated from
 * the selection and the corpus options.
 */
#ifndef FPC_CLI_CORPUS_H
#define FPC_CLI_CORPUS_H

#include <stdint.h>

/* Where a run's corpus comes from: a file, or generated. */
struct cli_corpus_spec {
	const char *corpus;    /* --corpus FILE, or NULL to generate */
	const char *functions; /* the selection */
	unsigned long long seed;
	unsigned samples;
	uint32_t image_w, image_h;
	const char *inputs; /* --inputs FILE, or NULL */
	int with_builtin;
};

/* Reads or generates the corpus.  Returns 0, or prints the error and
 * returns EXIT_ERROR. */
struct fpc_corpus;
int cli_corpus(const struct cli_corpus_spec *spec, struct fpc_corpus *c);

#endif
