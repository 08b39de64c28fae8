/*
 * Several records read together, kernel by kernel (see fpcheck/join.h).
 */
#include "fpcheck/join.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"

/* A user's function read from a record, held until its row. */
struct fpc_join_user {
	const struct fpc_kernel *k; /* NULL once handed to a row */
	size_t r;
	struct fpc_kdata kd;
};

/* Record r is at fault: detail becomes "path: what" (fmt, or err's own
 * text).  Returns err. */
static int fail(struct fpc_join *j, size_t r, int err, char *detail,
		size_t detail_len, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	j->fault = r;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(what, sizeof(what), fmt, ap);
		va_end(ap);
	} else {
		fpc_error_detail(detail, detail_len, j->paths[r], err, errno);
		return err;
	}
	snprintf(detail, detail_len, "%s: %s", j->paths[r], what);
	return err;
}

static int note_unknown(struct fpc_join *j, size_t r, const char *name)
{
	char **p = realloc(j->unknown[r], (j->nunknown[r] + 1) * sizeof(*p));

	if (!p)
		return FPC_ERR_NOMEM;
	j->unknown[r] = p;
	if (!(p[j->nunknown[r]] = strdup(name)))
		return FPC_ERR_NOMEM;
	j->nunknown[r]++;
	return 0;
}

static int hold_user(struct fpc_join *j, size_t r, const struct fpc_kernel *k,
		     struct fpc_kdata *kd, char *detail, size_t detail_len)
{
	struct fpc_join_user *u;

	for (size_t i = 0; i < j->nuser; i++)
		if (j->user[i].r == r && !strcmp(j->user[i].kd.name, kd->name))
			return fail(j, r, FPC_ERR_FORMAT, detail, detail_len,
				    "kernel '%s' is repeated", kd->name);
	if (!(u = realloc(j->user, (j->nuser + 1) * sizeof(*u))))
		return fail(j, r, FPC_ERR_NOMEM, detail, detail_len, NULL);
	j->user = u;
	u[j->nuser].k = k;
	u[j->nuser].r = r;
	u[j->nuser++].kd = *kd;
	return 0;
}

/*
 * Reads record r on to its next built-in kernel, whose table index must
 * be at least min, into kd[r]; at the verified end sets at[r] to
 * SIZE_MAX.  Users' functions on the way are held, unknown kernels noted.
 */
static int advance(struct fpc_join *j, size_t r, size_t min, char *detail,
		   size_t detail_len)
{
	struct fpc_kdata kd;
	int rc;

	while ((rc = fpc_record_next(&j->rec[r], &kd)) > 0) {
		const struct fpc_kernel *k = fpc_kernel_find(kd.name);
		int user = !k;

		if (user)
			k = fpc_kernel_for(&j->rec[r].prov, kd.name);
		if (!k) {
			rc = note_unknown(j, r, kd.name);
			fpc_kdata_release(&kd);
			if (rc)
				return fail(j, r, rc, detail, detail_len, NULL);
			continue;
		}
		if (kd.in_format != k->format || kd.out_format != k->format ||
		    kd.arity != k->fn->arity) {
			fpc_kdata_release(&kd);
			return fail(j, r, FPC_ERR_FORMAT, detail, detail_len,
				    "kernel '%s' has the wrong formats or "
				    "arity",
				    k->name);
		}
		if (user) {
			if ((rc =
				 hold_user(j, r, k, &kd, detail, detail_len))) {
				fpc_kdata_release(&kd);
				return rc;
			}
			continue;
		}
		if (fpc_kernel_index(k) < min) {
			fpc_kdata_release(&kd);
			return fail(j, r, FPC_ERR_FORMAT, detail, detail_len,
				    "kernel '%s' is out of order or repeated",
				    k->name);
		}
		j->kd[r] = kd;
		j->held[r] = 1;
		j->at[r] = fpc_kernel_index(k);
		return 0;
	}
	j->at[r] = SIZE_MAX;
	if (rc && *j->rec[r].why)
		return fail(j, r, rc, detail, detail_len, "%s", j->rec[r].why);
	return rc ? fail(j, r, rc, detail, detail_len, NULL) : 0;
}

int fpc_join_open(struct fpc_join *j, const char *const *paths, size_t n,
		  char *detail, size_t detail_len)
{
	size_t opened = 0;
	int err = 0;

	memset(j, 0, sizeof(*j));
	*detail = 0;
	j->n = n;
	j->paths = paths;
	j->rec = calloc(n ? n : 1, sizeof(*j->rec));
	j->kd = calloc(n ? n : 1, sizeof(*j->kd));
	j->has = calloc(n ? n : 1, 1);
	j->held = calloc(n ? n : 1, 1);
	j->at = calloc(n ? n : 1, sizeof(*j->at));
	j->unknown = calloc(n ? n : 1, sizeof(*j->unknown));
	j->nunknown = calloc(n ? n : 1, sizeof(*j->nunknown));
	if (!j->rec || !j->kd || !j->has || !j->held || !j->at || !j->unknown ||
	    !j->nunknown)
		err = FPC_ERR_NOMEM;
	/* Every record is checked whole before anything is computed from
	 * any: a fault in the last kernel of the last record costs
	 * nothing. */
	for (size_t r = 0; !err && r < n; r++) {
		char why[sizeof(j->rec[r].why)];
		if (!(err = fpc_record_check(paths[r], why, sizeof(why))))
			continue;
		if (*why)
			fail(j, r, err, detail, detail_len, "%s", why);
		else
			fail(j, r, err, detail, detail_len, NULL);
	}
	while (!err && opened < n)
		if ((err = fpc_record_open(&j->rec[opened], paths[opened])))
			fail(j, opened, err, detail, detail_len, NULL);
		else
			opened++;
	j->n = opened; /* what close must close */
	for (size_t r = 0; !err && r < n; r++)
		err = advance(j, r, 0, detail, detail_len);
	if (err) {
		size_t fault = j->fault;
		fpc_join_close(j);
		j->fault = fault;
	}
	return err;
}

/* The next row of users' functions: the first held one not yet given,
 * with every record's data for the same kernel. */
static int next_user(struct fpc_join *j)
{
	while (j->next_user < j->nuser && !j->user[j->next_user].k)
		j->next_user++;
	if (j->next_user == j->nuser)
		return 0;
	j->kernel = j->user[j->next_user].k;
	for (size_t i = j->next_user; i < j->nuser; i++) {
		struct fpc_join_user *u = &j->user[i];
		if (u->k != j->kernel || j->has[u->r])
			continue;
		j->kd[u->r] = u->kd;
		j->has[u->r] = j->held[u->r] = 1;
		u->k = NULL;
	}
	j->row++;
	return 1;
}

int fpc_join_next(struct fpc_join *j, char *detail, size_t detail_len)
{
	size_t min = SIZE_MAX;
	int err;

	*detail = 0;
	if (!j->users && j->row) {
		/* The built-in kernel of the last row: read on past it. */
		size_t last = fpc_kernel_index(j->kernel);
		for (size_t r = 0; r < j->n; r++) {
			if (!j->has[r])
				continue;
			fpc_kdata_release(&j->kd[r]);
			memset(&j->kd[r], 0, sizeof(j->kd[r]));
			j->held[r] = 0;
			if ((err = advance(j, r, last + 1, detail, detail_len)))
				return err;
		}
	}
	for (size_t r = 0; r < j->n; r++) {
		if (j->users && j->has[r]) {
			fpc_kdata_release(&j->kd[r]);
			memset(&j->kd[r], 0, sizeof(j->kd[r]));
			j->held[r] = 0;
		}
		j->has[r] = 0;
	}
	if (!j->users) {
		for (size_t r = 0; r < j->n; r++)
			if (j->at[r] < min)
				min = j->at[r];
		if (min != SIZE_MAX) {
			j->kernel = fpc_kernel_at(min);
			for (size_t r = 0; r < j->n; r++)
				j->has[r] = j->at[r] == min;
			j->row++;
			return 1;
		}
		j->users = 1;
	}
	return next_user(j);
}

void fpc_join_close(struct fpc_join *j)
{
	for (size_t r = 0; r < j->n; r++) {
		if (j->held && j->held[r])
			fpc_kdata_release(&j->kd[r]);
		fpc_record_close(&j->rec[r]);
	}
	for (size_t i = 0; i < j->nuser; i++)
		if (j->user[i].k)
			fpc_kdata_release(&j->user[i].kd);
	for (size_t r = 0; j->unknown && r < j->n; r++) {
		for (size_t i = 0; i < j->nunknown[r]; i++)
			free(j->unknown[r][i]);
		free(j->unknown[r]);
	}
	free(j->rec);
	free(j->kd);
	free(j->has);
	free(j->held);
	free(j->at);
	free(j->unknown);
	free(j->nunknown);
	free(j->user);
	memset(j, 0, sizeof(*j));
}
