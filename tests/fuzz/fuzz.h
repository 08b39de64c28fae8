/*
 * What the fuzz harnesses share.  Every reader of fpcheck takes a path,
 * so each input is written to a file first: fuzz_file() writes the bytes
 * to one scratch file per process (in $TMPDIR, removed at exit) and
 * returns its path.  A harness defines LLVMFuzzerTestOneInput; libFuzzer
 * drives it in the fuzz build (FPC_FUZZ), and replay.c drives it over the
 * committed seeds and past crashes in the ordinary test suite.
 */
#ifndef FPC_FUZZ_H
#define FPC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as a file; slot (0..3) picks one of several scratch files
 * for harnesses that read two inputs at once.  Aborts if it cannot
 * write: the harness could not test anything. */
const char *fuzz_file(unsigned slot, const uint8_t *data, size_t size);

/*
 * As fuzz_file, for container files (docs/record-format.md): the header's
 * and every whole section's CRCs are recomputed first, so that mutations
 * reach the decoders behind the checksums instead of stopping at them.
 */
const char *fuzz_container_file(unsigned slot, const uint8_t *data,
				size_t size);

/* Harnesses whose seeds cannot be made with the CLI define this: it
 * writes a valid input to path and returns 0 (replay --write-seed). */
int fuzz_write_seed(const char *path) __attribute__((weak));

/* Diffs the records at paths[0] and paths[1] (truth on one thread),
 * whatever the outcome: for the harnesses that read records together. */
void fuzz_diff(const char *const paths[2]);

/* A scratch path (slot 0..3) for harnesses that write an output. */
const char *fuzz_out_path(unsigned slot);

#endif
