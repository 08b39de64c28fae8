/*
 * Provenance: the key/value text pairs of a record's "PROV" section
 * (docs/record-format.md), which say how and where the record was made.
 * Part of the file format: the runner, merge and the record reader build,
 * encode and decode it here, and only here.
 */
#ifndef FPCHECK_PROV_H
#define FPCHECK_PROV_H

#include <stddef.h>
#include <stdint.h>

#include "fpcheck/container.h"

struct fpc_prov {
	size_t n;
	char **key;
	char **val;
};

/* The value of key, or NULL. */
const char *fpc_prov_get(const struct fpc_prov *p, const char *key);
/* The value of key, or fallback when p is NULL or has no such key. */
const char *fpc_prov_or(const struct fpc_prov *p, const char *key,
			const char *fallback);
/*
 * Sets key to a copy of val: in place when p has the key, else as a new
 * last pair, so that pairs keep the order their keys were first set in.
 * p starts zeroed and is freed with fpc_prov_release.  Returns 0, or
 * FPC_ERR_NOMEM with p unchanged.
 */
int fpc_prov_set(struct fpc_prov *p, const char *key, const char *val);
/* Frees p's pairs and zeroes it. */
void fpc_prov_release(struct fpc_prov *p);
/* Decodes a PROV payload.  Returns 0, FPC_ERR_FORMAT or FPC_ERR_NOMEM. */
int fpc_prov_decode(struct fpc_prov *p, const unsigned char *payload,
		    uint64_t len);
/* Writes p as a PROV section.  Returns 0 or the writer's error. */
int fpc_prov_write(struct fpc_writer *w, const struct fpc_prov *p);

#endif
