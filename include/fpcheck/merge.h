/*
 * Shards: `fpcheck run --shard I/N` (and matrix) evaluates the I-th of N
 * contiguous slices of every kernel's inputs; fpcheck merge lays the N
 * records end to end into the record the unsharded run writes, kernel
 * data bit for bit (docs/ci.md).
 */
#ifndef FPCHECK_MERGE_H
#define FPCHECK_MERGE_H

#include <stddef.h>

#include "fpcheck/container.h"
#include "fpcheck/record.h"

/*
 * Merges the records paths[0..n) (shards 1/n to n/n, in any order) into
 * a record at out, written atomically.  Its provenance is shard 1's,
 * without "shard" and with the whole corpus's hash; its kernels are the
 * shards' inputs, outputs and flags in shard order.  The shards must be
 * of one run: every provenance key but time, os, shard and corpus.hash
 * equal (with force, cpu may differ too).  Errors, with detail: FPC_ERR_ARG
 * (not shards 1/n..n/n each once), FPC_ERR_MISMATCH (not one run, or
 * different kernels), FPC_ERR_FORMAT (shards with REPT sections), those of
 * reading and writing records, FPC_ERR_NOMEM.
 */
int fpc_merge_shards(const char *const *paths, size_t n, const char *out,
		     int force, char *detail, size_t detail_len);

#endif
