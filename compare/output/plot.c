/*
 * Error plots (see fpcheck/plot.h): one kernel's results in one record
 * or several, read a record at a time and only up to the kernel, or
 * taken from kernel data already read, compared with truth into series
 * of points, which compare/output/plot_draw.c draws.
 */
#include "fpcheck/plot.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "fpcheck/catalog.h"
#include "fpcheck/error.h"
#include "fpcheck/record.h"
#include "fpcheck/ulp.h"
#include "plot_impl.h"

/* The message for error err (errno errnum) reading the record at path. */
static void record_detail(char *detail, size_t len, const char *path, int err,
			  int errnum)
{
	if (err == FPC_ERR_IO && errnum == ENOENT)
		snprintf(detail, len, "cannot open '%s': %s", path,
			 strerror(errnum));
	else if (err == FPC_ERR_IO)
		snprintf(detail, len, "%s: %s", path, strerror(errnum));
	else
		snprintf(detail, len, "%s: %s", path, fpc_strerror(err));
}

/* Series s's points from kernel data kd against truth t, counted by
 * category; inputs whose x is infinite or NaN cannot be placed and are
 * counted apart. */
static void points(struct series *s, const struct fpc_kernel *k,
		   const struct fpc_kdata *kd, const struct fpc_truth *t)
{
	unsigned f = k->format;

	for (uint32_t i = 0; i < kd->n; i++) {
		uint64_t y = kd->out[i], cr = t->cr[i];
		enum fpc_outcome o = fpc_ulp_classify(f, y, cr);
		struct point p = {0, 0, CAT_SPECIAL};

		p.x = k->fn->arity >= 3 ? (double)i
					: fpc_bits_value(f, kd->in[0][i]);
		if (o == FPC_OUT_NUMERIC ||
		    (o == FPC_OUT_CR && isfinite(fpc_bits_value(f, y)))) {
			p.err =
			    fabs(fpc_ulp_error(f, y, cr, t->off[i], t->ue[i]));
			p.cat = o == FPC_OUT_CR ? CAT_CR : CAT_MIS;
		} else if (o == FPC_OUT_CR) {
			/* the infinity or NaN that was due: correct, and
			 * shown at error 0 with the correct results */
			p.cat = CAT_CR;
		}
		if (!isfinite(p.x)) {
			s->hidden++;
			s->hidden_bad += p.cat != CAT_CR;
			continue;
		}
		s->count[p.cat]++;
		if (p.cat != CAT_SPECIAL && p.err > s->max_err)
			s->max_err = p.err;
		s->p[s->np++] = p;
	}
}

/* The points of kernel data kd against truth t, and what tells records
 * with the same bits (a 64-bit hash of inputs and outputs). */
static int fill_series(struct series *s, const struct fpc_kernel *k,
		       const struct fpc_kdata *kd, const struct fpc_truth *t)
{
	s->n = kd->n;
	if (!(s->p = malloc((kd->n ? kd->n : 1) * sizeof(*s->p))))
		return FPC_ERR_NOMEM;
	points(s, k, kd, t);
	s->in_hash = fpc_kdata_hash(FPC_FNV1A64_INIT, kd);
	s->out_hash = FPC_FNV1A64_INIT;
	for (uint32_t i = 0; i < kd->n; i++)
		s->out_hash =
		    fpc_fnv1a64(s->out_hash, &kd->out[i], sizeof(kd->out[i]));
	return 0;
}

/* Reads kernel k of series s's record into kd, and the record's
 * provenance into s. */
static int read_kernel(struct series *s, const struct fpc_kernel *k,
		       struct fpc_kdata *kd, char *detail, size_t detail_len)
{
	struct fpc_record rec;
	struct fpc_kdata other;
	int rc, errnum, found = 0;

	if ((rc = fpc_record_open(&rec, s->path))) {
		record_detail(detail, detail_len, s->path, rc, errno);
		return rc;
	}
	s->prov = rec.prov;
	memset(&rec.prov, 0, sizeof(rec.prov));
	/* Streamed: every other kernel is released as soon as it is read,
	 * and the record is read on to its verified end, so that a damaged
	 * or truncated one is never plotted. */
	while ((rc = fpc_record_next(&rec, &other)) > 0) {
		if (!found && !strcmp(other.name, k->name)) {
			*kd = other;
			found = 1;
		} else {
			fpc_kdata_release(&other);
		}
	}
	errnum = errno;
	if (rc < 0 && *rec.why)
		snprintf(detail, detail_len, "%s: %s", s->path, rec.why);
	else if (rc < 0)
		record_detail(detail, detail_len, s->path, rc, errnum);
	fpc_record_close(&rec);
	if (rc < 0 && found)
		fpc_kdata_release(kd);
	if (rc < 0)
		return rc;
	if (!found) {
		snprintf(detail, detail_len, "%s: no kernel '%s' in the record",
			 s->path, k->name);
		return FPC_ERR_UNKNOWN;
	}
	return 0;
}

/*
 * Reads kernel k of series s's record and its points.  prev and t hold
 * the inputs and truth of the previous record's kernel, reused when the
 * inputs are the same and replaced otherwise.
 */
static int read_series(struct series *s, const struct fpc_kernel *k,
		       const struct fpc_truth_options *o,
		       struct fpc_kdata *prev, struct fpc_truth *t,
		       char *detail, size_t detail_len)
{
	struct fpc_kdata kd;
	int rc, hit, fresh = 0;

	if ((rc = read_kernel(s, k, &kd, detail, detail_len)))
		return rc;
	if (kd.in_format != k->format || kd.out_format != k->format ||
	    kd.arity != k->fn->arity) {
		snprintf(detail, detail_len,
			 "%s: kernel '%s' has the wrong formats or arity",
			 s->path, kd.name);
		rc = FPC_ERR_FORMAT;
		goto out;
	}
	if (!prev->in[0] || !fpc_kdata_same_inputs(&kd, prev)) {
		fpc_truth_release(t);
		if ((rc = fpc_truth_get(k, &kd, o, t, &hit))) {
			snprintf(detail, detail_len,
				 "%s: no truth for '%s': %s", s->path, kd.name,
				 fpc_strerror(rc));
			goto out;
		}
		fresh = 1;
	}
	rc = fill_series(s, k, &kd, t);
out:
	if (fresh) {
		/* kd's inputs are those t belongs to from now on */
		fpc_kdata_release(prev);
		*prev = kd;
	} else {
		fpc_kdata_release(&kd);
	}
	return rc;
}

static void default_name(char *buf, size_t len, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t n = strlen(base);

	if (n > 4 && !strcmp(base + n - 4, ".rec"))
		n -= 4;
	snprintf(buf, len, "%.*s", (int)n, base);
}

/* What every error plot checks first; detail says what is wrong. */
static int check_plot(const struct fpc_kernel *k, size_t n, int w, int h,
		      char *detail, size_t detail_len)
{
	if (!FPC_HAS_TRUTH(k->fn)) {
		snprintf(detail, detail_len,
			 "'%s' has no truth to plot errors against", k->name);
		return FPC_ERR_ARG;
	}
	if (n == 0 || n > FPC_PLOT_SERIES) {
		snprintf(detail, detail_len,
			 "one plot shows 1 to %d records, not %lu",
			 FPC_PLOT_SERIES, (unsigned long)n);
		return FPC_ERR_ARG;
	}
	if (w < FPC_PLOT_MIN || w > FPC_PLOT_MAX || h < FPC_PLOT_MIN ||
	    h > FPC_PLOT_MAX) {
		snprintf(detail, detail_len,
			 "a plot is %d to %d pixels on each side, not %dx%d",
			 FPC_PLOT_MIN, FPC_PLOT_MAX, w, h);
		return FPC_ERR_ARG;
	}
	return 0;
}

static void release_series(struct series *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++) {
		fpc_prov_release(&s[i].prov);
		free(s[i].p);
	}
	free(s);
}

/* FPC_ERR_UNKNOWN with detail saying why kernel is no kernel of the
 * record, or FPC_ERR_NOMEM.  fpc_kernel_select words the message, with a
 * suggestion; a selection such as "double" is not one kernel either. */
static int unknown_kernel(const char *kernel, char *detail, size_t detail_len)
{
	const struct fpc_kernel **sel =
	    calloc(fpc_kernel_count(), sizeof(*sel));
	size_t nsel;

	if (!sel)
		return FPC_ERR_NOMEM;
	if (!fpc_kernel_select(kernel, sel, &nsel, detail, detail_len) ||
	    !*detail)
		snprintf(detail, detail_len,
			 "unknown function '%s' (a plot shows one kernel)",
			 kernel);
	free(sel);
	return FPC_ERR_UNKNOWN;
}

int fpc_plot_errors_multi(FILE *f, const char *const *paths,
			  const char *const *names, size_t n,
			  const char *kernel, const struct fpc_truth_options *o,
			  int w, int h, char *detail, size_t detail_len)
{
	const struct fpc_kernel *k =
	    n ? fpc_record_kernel(paths[0], kernel) : NULL;
	struct series *s = NULL;
	struct fpc_kdata prev = {0};
	struct fpc_truth t = {0};
	char *source = NULL;
	int err = 0;

	*detail = 0;
	if (!k)
		return unknown_kernel(kernel, detail, detail_len);
	if ((err = check_plot(k, n, w, h, detail, detail_len)))
		return err;
	if (!(s = calloc(n, sizeof(*s))))
		return FPC_ERR_NOMEM;
	for (size_t i = 0; i < n && !err; i++) {
		s[i].path = paths[i];
		if (names && names[i])
			snprintf(s[i].name, sizeof(s[i].name), "%s", names[i]);
		else
			default_name(s[i].name, sizeof(s[i].name), paths[i]);
		err = read_series(&s[i], k, o, &prev, &t, detail, detail_len);
	}
	fpc_kdata_release(&prev);
	fpc_truth_release(&t);
	if (!err && !(source = fpc_figure_join_lines(paths, n)))
		err = FPC_ERR_NOMEM;
	if (!err)
		err = fpc_plot_draw_errors(f, k, s, n, w, h, source, detail,
					   detail_len);
	release_series(s, n);
	free(source);
	return err;
}

/*
 * Series s's points from kd, kernel k's results in the record shown as
 * s->name.  t holds the truth for the inputs of *t_for, the kernel data
 * it was last taken for: one truth for every record with the same
 * inputs, taken anew for others.
 */
static int kdata_series(struct series *s, const struct fpc_kernel *k,
			const struct fpc_kdata *kd,
			const struct fpc_truth_options *o, struct fpc_truth *t,
			const struct fpc_kdata **t_for, char *detail,
			size_t detail_len)
{
	int err, hit;

	if (strcmp(kd->name, k->name) || kd->in_format != k->format ||
	    kd->out_format != k->format || kd->arity != k->fn->arity ||
	    !kd->out) {
		snprintf(detail, detail_len,
			 "%s: kernel '%s' is not '%s' with results", s->name,
			 kd->name, k->name);
		return FPC_ERR_FORMAT;
	}
	if (!*t_for || !fpc_kdata_same_inputs(kd, *t_for)) {
		fpc_truth_release(t);
		if ((err = fpc_truth_get(k, kd, o, t, &hit))) {
			snprintf(detail, detail_len,
				 "%s: no truth for '%s': %s", s->name, k->name,
				 fpc_strerror(err));
			return err;
		}
		*t_for = kd;
	}
	return fill_series(s, k, kd, t);
}

int fpc_plot_errors_kdata(FILE *f, const struct fpc_kernel *k,
			  const struct fpc_kdata *const *kd,
			  const char *const *names, size_t n,
			  const struct fpc_truth_options *o, int w, int h,
			  char *detail, size_t detail_len)
{
	const struct fpc_kdata *t_for = NULL;
	struct fpc_truth t = {0};
	struct series *s = NULL;
	const char **shown = NULL;
	char *source = NULL;
	int err;

	*detail = 0;
	if ((err = check_plot(k, n, w, h, detail, detail_len)))
		return err;
	if (!(s = calloc(n, sizeof(*s))) ||
	    !(shown = calloc(n, sizeof(*shown)))) {
		err = FPC_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n && !err; i++) {
		if (names && names[i])
			snprintf(s[i].name, sizeof(s[i].name), "%s", names[i]);
		else
			snprintf(s[i].name, sizeof(s[i].name), "record %lu",
				 (unsigned long)i + 1);
		shown[i] = s[i].name;
		err = kdata_series(&s[i], k, kd[i], o, &t, &t_for, detail,
				   detail_len);
	}
	fpc_truth_release(&t);
	if (!err && !(source = fpc_figure_join_lines(shown, n)))
		err = FPC_ERR_NOMEM;
	if (!err)
		err = fpc_plot_draw_errors(f, k, s, n, w, h, source, detail,
					   detail_len);
out:
	release_series(s, n);
	free(shown);
	free(source);
	return err;
}
