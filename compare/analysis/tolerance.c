/*
 * Tolerance tables built from analyses, read back, and the check against
 * them (see fpcheck/tolerance.h).  JSON is read with jansson; the glibc
 * layout by a line parser.  compare/output/tolerance_report.c writes the
 * tables.
 */
#include "fpcheck/tolerance.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/ulp.h"

/* qsort, for arrays that may be empty: qsort's pointer must be valid
 * even for no elements (C11 7.22.5), and an empty array here is NULL. */
static void sort(void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static char *join_key(const char *arch, const char *libc, const char *cc,
		      const char *flags)
{
	size_t n = strlen(arch) + strlen(libc) + strlen(cc) + strlen(flags) + 7;
	char *k = malloc(n);

	if (k)
		snprintf(k, n, "%s, %s, %s, %s", arch, libc, cc, flags);
	return k;
}

/* Value key of prov as fpcheck shows text (fpc_prov_show), malloc'd: a
 * byte shows as at most 4. */
static char *shown(const struct fpc_prov *prov, const char *key)
{
	const char *v = fpc_prov_or(prov, key, "unknown");
	size_t n = 4 * strlen(v) + 1;
	char *s = malloc(n);

	return s ? fpc_prov_show(s, n, v) : NULL;
}

/* Made of the values as shown, so that the key holds no control and no
 * line break: it is a line of the glibc layout ("# platform: KEY"), a
 * comment in the C header, and it appears in messages. */
int fpc_tol_key(const struct fpc_prov *prov, char **key)
{
	char *v[4] = {shown(prov, "arch"), shown(prov, "libc"),
		      shown(prov, "compiler"), shown(prov, "build.flags")};

	*key = v[0] && v[1] && v[2] && v[3] ? join_key(v[0], v[1], v[2], v[3])
					    : NULL;
	for (int i = 0; i < 4; i++)
		free(v[i]);
	return *key ? 0 : FPC_ERR_NOMEM;
}

static void platform_release(struct fpc_tol_platform *p)
{
	free(p->arch);
	free(p->libc);
	free(p->compiler);
	free(p->flags);
	free(p->key);
	for (size_t i = 0; i < p->nrecords; i++)
		free(p->records[i]);
	free(p->records);
	free(p->e);
	memset(p, 0, sizeof(*p));
}

void fpc_tol_release(struct fpc_tol_table *t)
{
	for (size_t i = 0; i < t->np; i++)
		platform_release(&t->p[i]);
	free(t->p);
	memset(t, 0, sizeof(*t));
}

/* A new, empty platform at the end of t (readers append; sort_table then
 * finds a platform listed twice). */
static struct fpc_tol_platform *add_platform(struct fpc_tol_table *t,
					     const char *key, const char *arch,
					     const char *libc, const char *cc,
					     const char *flags)
{
	struct fpc_tol_platform *p = realloc(t->p, (t->np + 1) * sizeof(*p));

	if (!p)
		return NULL;
	t->p = p;
	p = &t->p[t->np];
	memset(p, 0, sizeof(*p));
	if (!(p->key = strdup(key)) || !(p->arch = strdup(arch)) ||
	    !(p->libc = strdup(libc)) || !(p->compiler = strdup(cc)) ||
	    !(p->flags = strdup(flags))) {
		platform_release(p);
		return NULL;
	}
	t->np++;
	return p;
}

/* The platform of key in t, added (with its parts) when absent. */
static struct fpc_tol_platform *platform(struct fpc_tol_table *t,
					 const char *key, const char *arch,
					 const char *libc, const char *cc,
					 const char *flags)
{
	for (size_t i = 0; i < t->np; i++)
		if (!strcmp(t->p[i].key, key))
			return &t->p[i];
	return add_platform(t, key, arch, libc, cc, flags);
}

static struct fpc_tol_entry *entry(struct fpc_tol_platform *p,
				   const char *kernel)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->e[i].kernel, kernel))
			return &p->e[i];
	return NULL;
}

/* A new entry for kernel (a user's function if the table does not know
 * it: then format and arity say what it is). */
static struct fpc_tol_entry *new_entry(struct fpc_tol_platform *p,
				       const char *kernel, unsigned format,
				       unsigned arity)
{
	const struct fpc_kernel *k = fpc_kernel_find(kernel);
	struct fpc_tol_entry *e = realloc(p->e, (p->n + 1) * sizeof(*e));

	if (!e)
		return NULL;
	p->e = e;
	e = &p->e[p->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->kernel, sizeof(e->kernel), "%s", kernel);
	snprintf(e->function, sizeof(e->function), "%s",
		 k ? k->fn->name : kernel);
	e->format = k ? k->format : format;
	e->arity = k ? k->fn->arity : arity;
	return e;
}

static uint32_t special_count(const struct fpc_kstats *k)
{
	uint32_t n = 0;
	for (int o = FPC_OUT_ZERO_SIGN; o < FPC_OUT_COUNT; o++)
		n += k->count[o];
	return n;
}

static void set_witness(struct fpc_tol_entry *e, const struct fpc_example *x,
			unsigned arity)
{
	e->has_witness = 1;
	e->arity = arity;
	memcpy(e->in, x->in, sizeof(e->in));
	e->out = x->out;
	e->cr = x->cr;
}

/* Entries ordered by function, then double before float. */
static int entry_cmp(const void *a, const void *b)
{
	const struct fpc_tol_entry *x = a, *y = b;
	int c = strcmp(x->function, y->function);

	if (!c)
		c = (int)y->format - (int)x->format;
	/* then by kernel, so that a kernel listed twice sorts together */
	return c ? c : strcmp(x->kernel, y->kernel);
}

static int platform_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fpc_tol_platform *)a)->key,
		      ((const struct fpc_tol_platform *)b)->key);
}

int fpc_tol_add(struct fpc_tol_table *t, const struct fpc_analysis *a,
		const char *path)
{
	struct fpc_tol_platform *p;
	char *key, **r;

	if (fpc_tol_key(&a->prov, &key))
		return FPC_ERR_NOMEM;
	p = platform(t, key, fpc_prov_or(&a->prov, "arch", "unknown"),
		     fpc_prov_or(&a->prov, "libc", "unknown"),
		     fpc_prov_or(&a->prov, "compiler", "unknown"),
		     fpc_prov_or(&a->prov, "build.flags", "unknown"));
	free(key);
	if (!p || !(r = realloc(p->records, (p->nrecords + 1) * sizeof(*r))))
		return FPC_ERR_NOMEM;
	p->records = r;
	if (!(r[p->nrecords] = strdup(path)))
		return FPC_ERR_NOMEM;
	p->nrecords++;
	for (size_t i = 0; i < a->nk; i++) {
		const struct fpc_kstats *k = &a->k[i];
		struct fpc_tol_entry *e;
		uint32_t sp = special_count(k);

		if (k->no_truth)
			continue;
		if (!(e = entry(p, k->name)) &&
		    !(e = new_entry(p, k->name, k->format, k->arity)))
			return FPC_ERR_NOMEM;
		if (k->max_glibc > e->ulps ||
		    (!e->has_witness && k->max_glibc)) {
			e->ulps = k->max_glibc;
			set_witness(e, &k->glibc_worst, k->arity);
		}
		if (k->n_err && k->max_err > e->max_err) {
			e->max_err = k->max_err;
			if (!e->ulps)
				set_witness(e, &k->worst, k->arity);
		}
		if (sp > e->special)
			e->special = sp;
	}
	sort(p->e, p->n, sizeof(*p->e), entry_cmp);
	sort(t->p, t->np, sizeof(*t->p), platform_cmp);
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

/* Where a table is read from, and where to say what is wrong. */
struct src {
	const char *path;
	char *detail;
	size_t detail_len;
};

/* "FILE:LINE: why" (or "FILE: why" without a line) into the detail. */
static int parse_error(const struct src *src, unsigned long line,
		       const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(src->detail, src->detail_len, "%s:%lu: %s", src->path,
			 line, why);
	else
		snprintf(src->detail, src->detail_len, "%s: %s", src->path,
			 why);
	return FPC_ERR_PARSE;
}

/*
 * The whole file in *text, NUL-terminated, *len bytes before the NUL.  It
 * reads at most one byte more than FPC_TOL_FILE_MAX: a larger file, or
 * one that never ends (/dev/zero, a FIFO), is an error before it costs
 * more.  On error *text is NULL.
 */
static int slurp(const struct src *src, char **text, size_t *len)
{
	const size_t most = (size_t)FPC_TOL_FILE_MAX + 1;
	FILE *f = fopen(src->path, "rb");
	size_t cap = 0, n = 0, got;
	char *buf = NULL, *grown;
	int err = 0, e;

	*text = NULL;
	if (!f)
		return FPC_ERR_IO;
	do {
		if (cap - n < 2) { /* room for a byte and the final NUL */
			size_t ncap = cap ? 2 * cap : (size_t)1 << 16;
			if (ncap > most + 1)
				ncap = most + 1;
			if (!(grown = realloc(buf, ncap))) {
				err = FPC_ERR_NOMEM;
				break;
			}
			buf = grown;
			cap = ncap;
		}
		got = fread(buf + n, 1, cap - 1 - n, f);
		n += got;
	} while (got && n < most);
	if (!err && ferror(f))
		err = FPC_ERR_IO;
	e = errno;
	fclose(f);
	errno = e;
	if (!err && n > FPC_TOL_FILE_MAX)
		err = parse_error(src, 0,
				  "larger than %ld MiB, the largest tolerance "
				  "table fpcheck reads",
				  FPC_TOL_FILE_MAX >> 20);
	if (err) {
		free(buf);
		return err;
	}
	buf[n] = 0;
	*text = buf;
	*len = n;
	return 0;
}

/* Each platform's entries and the platforms sorted.  A platform listed
 * twice, or a kernel twice in one platform, is an error: which of the
 * two would a record be held to? */
static int sort_table(const struct src *src, struct fpc_tol_table *t)
{
	for (size_t i = 0; i < t->np; i++) {
		const struct fpc_tol_platform *p = &t->p[i];

		sort(p->e, p->n, sizeof(*p->e), entry_cmp);
		for (size_t j = 1; j < p->n; j++)
			if (!strcmp(p->e[j - 1].kernel, p->e[j].kernel))
				return parse_error(
				    src, 0, "%s (%s) is listed twice%s%s%s",
				    p->e[j].function,
				    p->e[j].format == FPC_FMT_BINARY32
					? "float"
					: "double",
				    *p->key ? " for platform '" : "", p->key,
				    *p->key ? "'" : "");
	}
	sort(t->p, t->np, sizeof(*t->p), platform_cmp);
	for (size_t i = 1; i < t->np; i++)
		if (!strcmp(t->p[i - 1].key, t->p[i].key))
			return parse_error(src, 0,
					   "platform '%s' is listed twice",
					   t->p[i].key);
	return 0;
}

/* Bits of a JSON value as fpc_json_value writes it ({"hex", "bits"}). */
static int json_bits(json_t *v, uint64_t *b)
{
	json_t *bits = json_is_object(v) ? json_object_get(v, "bits") : NULL;
	const char *s = json_string_value(bits);
	char *end;

	if (!s)
		return -1;
	errno = 0;
	*b = strtoull(s, &end, 16);
	return errno || *end ? -1 : 0;
}

/* The string member key of o; "" when o has none. */
static const char *string_or_empty(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* A function's "ulps": a non-negative integer or, above 2^53, a string of
 * decimal digits (as the writer gives it).  Returns 0 or -1. */
static int read_ulps(json_t *u, uint64_t *ulps)
{
	const char *s = json_string_value(u);
	char *end;

	if (json_is_integer(u) && json_integer_value(u) >= 0) {
		*ulps = (uint64_t)json_integer_value(u);
		return 0;
	}
	if (!s)
		return -1;
	errno = 0;
	*ulps = strtoull(s, &end, 10);
	return errno || *end || !isdigit((unsigned char)*s) ? -1 : 0;
}

/* A function's "special" (mismatches allowed: absent or null, any, read
 * as -1) and "max_ulp" (absent, 0), neither negative.  Returns 0 or -1. */
static int read_counts(json_t *fn, int64_t *special, double *max_err)
{
	json_t *s = json_object_get(fn, "special");
	json_t *m = json_object_get(fn, "max_ulp");

	*special = -1;
	*max_err = 0;
	if (s && !json_is_null(s)) {
		if (!json_is_integer(s) || json_integer_value(s) < 0)
			return -1;
		*special = json_integer_value(s);
	}
	if (m) {
		if (!json_is_number(m) || !(json_number_value(m) >= 0))
			return -1;
		*max_err = json_number_value(m);
	}
	return 0;
}

/* The witness object w into e: has_witness only when its output, its
 * expected value and every input read as bits. */
static void read_witness(json_t *w, struct fpc_tol_entry *e)
{
	json_t *in = json_object_get(w, "inputs"), *x;
	size_t a;

	e->has_witness = !json_bits(json_object_get(w, "output"), &e->out) &&
			 !json_bits(json_object_get(w, "expected"), &e->cr);
	json_array_foreach(in, a, x)
	{
		if (a >= FPC_MAX_ARITY || json_bits(x, &e->in[a]))
			e->has_witness = 0;
	}
}

/* Function j of platform i, fn, as an entry of p. */
static int read_function(const struct src *src, size_t i, size_t j, json_t *fn,
			 struct fpc_tol_platform *p)
{
	const char *kernel = json_string_value(json_object_get(fn, "kernel"));
	json_t *w = json_object_get(fn, "witness");
	struct fpc_tol_entry *e;
	uint64_t ulps = 0;
	int64_t special;
	double max_err;

	if (!kernel || !*kernel || strlen(kernel) > FPC_NAME_MAX)
		return parse_error(src, 0,
				   "platform %zu, function %zu: no kernel, "
				   "or a name longer than %d characters",
				   i + 1, j + 1, FPC_NAME_MAX);
	if (read_ulps(json_object_get(fn, "ulps"), &ulps) ||
	    read_counts(fn, &special, &max_err))
		return parse_error(src, 0,
				   "platform %zu, function %zu (%s): ulps, "
				   "max_ulp and special are numbers, never "
				   "negative",
				   i + 1, j + 1, kernel);
	e = new_entry(p, kernel,
		      strcmp(string_or_empty(fn, "type"), "float")
			  ? FPC_FMT_BINARY64
			  : FPC_FMT_BINARY32,
		      (unsigned)json_array_size(json_object_get(w, "inputs")));
	if (!e)
		return FPC_ERR_NOMEM;
	e->ulps = ulps;
	e->max_err = max_err;
	e->special = special;
	if (json_is_object(w))
		read_witness(w, e);
	return 0;
}

/* Platform i, p, into t. */
static int read_platform(const struct src *src, size_t i, json_t *p,
			 struct fpc_tol_table *t)
{
	const char *s[5] = {json_string_value(json_object_get(p, "platform")),
			    json_string_value(json_object_get(p, "arch")),
			    json_string_value(json_object_get(p, "libc")),
			    json_string_value(json_object_get(p, "compiler")),
			    json_string_value(json_object_get(p, "flags"))};
	json_t *fns = json_object_get(p, "functions"), *fn;
	struct fpc_tol_platform *tp;
	size_t j;
	int err;

	if (!s[0] || !s[1] || !s[2] || !s[3] || !s[4] || !json_is_array(fns))
		return parse_error(src, 0,
				   "platform %zu lacks platform, arch, libc, "
				   "compiler, flags or functions",
				   i + 1);
	if (i == FPC_TOL_PLATFORMS_MAX)
		return parse_error(src, 0, "more than %d platforms",
				   FPC_TOL_PLATFORMS_MAX);
	if (!(tp = add_platform(t, s[0], s[1], s[2], s[3], s[4])))
		return FPC_ERR_NOMEM;
	json_array_foreach(fns, j, fn)
	{
		if ((err = read_function(src, i, j, fn, tp)))
			return err;
	}
	return 0;
}

/* text, of len bytes, as JSON of schema FPC_TOL_SCHEMA, or NULL (the
 * detail said). */
static json_t *load_table(const struct src *src, const char *text, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, 0, &je);

	if (!root) {
		parse_error(src, (unsigned long)je.line, "%s", je.text);
		return NULL;
	}
	if (strcmp(string_or_empty(root, "schema"), FPC_TOL_SCHEMA) ||
	    !json_is_array(json_object_get(root, "platforms"))) {
		parse_error(src, 1,
			    "not an fpcheck tolerance table (schema "
			    "\"" FPC_TOL_SCHEMA "\")");
		json_decref(root);
		return NULL;
	}
	return root;
}

static int read_json(const struct src *src, const char *text, size_t len,
		     struct fpc_tol_table *t)
{
	json_t *root = load_table(src, text, len), *plats, *p;
	size_t i;
	int err = 0;

	if (!root)
		return FPC_ERR_PARSE;
	plats = json_object_get(root, "platforms");
	json_array_foreach(plats, i, p)
	{
		if ((err = read_platform(src, i, p, t)))
			break;
	}
	json_decref(root);
	return err ? err : sort_table(src, t);
}

/*
 * The glibc layout: "Function: "name":" then "type: ulps" lines, as in
 * glibc's sysdeps/.../libm-test-ulps; fpcheck's "# platform: KEY"
 * comments start a platform (without them, one platform that applies to
 * any record).  glibc's files also hold complex functions, as "Function:
 * Real part of "cacos":" and "Imaginary part of": skipped, and types
 * other than double and float: ignored.
 */
struct glibc {
	struct src src;
	struct fpc_tol_table *t;
	struct fpc_tol_platform *p; /* the lines' platform */
	unsigned long line;
	char fn[FPC_NAME_MAX]; /* their function: room for float's 'f' */
	int skip;	       /* a function fpcheck does not measure */
};

/*
 * "Function: "name":" (*part 0) or "Function: Real part of "name":" and
 * "Function: Imaginary part of "name":" (*part 1): the name into name, of
 * len bytes.  Returns 1 for such a line, 0 for another, -1 when the name
 * is empty or does not fit.
 */
static int function_line(const char *s, char *name, size_t len, int *part)
{
	static const char *const parts[] = {"Real part of ",
					    "Imaginary part of "};
	const char *q;
	size_t n;

	if (strncmp(s, "Function: ", 10))
		return 0;
	s += 10;
	*part = 0;
	for (int i = 0; i < 2 && !*part; i++)
		if (!strncmp(s, parts[i], strlen(parts[i]))) {
			s += strlen(parts[i]);
			*part = 1;
		}
	if (*s != '"' || !(q = strchr(s + 1, '"')) || strcmp(q, "\":"))
		return 0;
	n = (size_t)(q - s - 1);
	if (!n || n >= len)
		return -1;
	memcpy(name, s + 1, n);
	name[n] = 0;
	return 1;
}

/*
 * "type: ulps": the type (a word of lowercase letters and digits) into
 * type, of len bytes, the count into *ulps.  Returns 1 for such a line, 0
 * for another, -1 when the count is not a whole number of ulps from 0 to
 * 2^64 - 1 (-1, 1.5, nan, 1e3).
 */
static int type_line(const char *s, char *type, size_t len, uint64_t *ulps)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789");
	char *end;

	if (!n || n >= len || s[n] != ':')
		return 0;
	memcpy(type, s, n);
	type[n] = 0;
	s += n + 1;
	s += strspn(s, " \t");
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*ulps = strtoull(s, &end, 10);
	end += strspn(end, " \t");
	return errno || *end ? -1 : 1;
}

/* "# platform: KEY": a new platform for the lines that follow. */
static int glibc_platform(struct glibc *g, const char *key)
{
	if (g->t->np == FPC_TOL_PLATFORMS_MAX)
		return parse_error(&g->src, g->line, "more than %d platforms",
				   FPC_TOL_PLATFORMS_MAX);
	if (!(g->p = add_platform(g->t, key, "", "", "", "")))
		return FPC_ERR_NOMEM;
	g->p->absent_is_zero = 1;
	g->fn[0] = 0;
	g->skip = 0;
	return 0;
}

/* The entry of g's function in type (double or float), ulps allowed. */
static int glibc_entry(struct glibc *g, const char *type, uint64_t ulps)
{
	int is_float = !strcmp(type, "float");
	char kernel[FPC_NAME_MAX + 1];
	struct fpc_tol_entry *e;

	if (!is_float && strcmp(type, "double"))
		return 0; /* ldouble, float128: not fpcheck's */
	snprintf(kernel, sizeof(kernel), "%s%s", g->fn, is_float ? "f" : "");
	if (!(e = new_entry(g->p, kernel,
			    is_float ? FPC_FMT_BINARY32 : FPC_FMT_BINARY64, 1)))
		return FPC_ERR_NOMEM;
	/* The table's name: a function fpcheck does not know is then
	 * named as glibc names it (acos_downward, not acos_downwardf). */
	snprintf(e->function, sizeof(e->function), "%s", g->fn);
	e->ulps = ulps;
	e->special = -1;
	return 0;
}

/* A complex function's part: left out, counted once per function. */
static void glibc_skip(struct glibc *g, const char *name)
{
	struct fpc_tol_table *t = g->t;

	if (!g->skip || strcmp(g->fn, name)) {
		if (!t->nskipped++)
			snprintf(t->skipped, sizeof(t->skipped), "%s", name);
	}
	snprintf(g->fn, sizeof(g->fn), "%s", name);
	g->skip = 1;
}

/* One line, its line ending removed. */
static int glibc_line(struct glibc *g, char *s)
{
	char name[FPC_NAME_MAX], type[32];
	uint64_t ulps;
	int part, r;

	if (!strncmp(s, "# platform: ", 12))
		return glibc_platform(g, s + 12);
	while (isspace((unsigned char)*s))
		s++;
	if (!*s || *s == '#')
		return 0;
	if (!g->p && (r = glibc_platform(g, "")))
		return r;
	if ((r = function_line(s, name, sizeof(name), &part)) > 0) {
		if (part)
			glibc_skip(g, name);
		else {
			snprintf(g->fn, sizeof(g->fn), "%s", name);
			g->skip = 0;
		}
		return 0;
	}
	if (r < 0)
		return parse_error(&g->src, g->line,
				   "a function's name has 1 to %d characters",
				   FPC_NAME_MAX - 1);
	if (type_line(s, type, sizeof(type), &ulps) > 0 && *g->fn)
		return g->skip ? 0 : glibc_entry(g, type, ulps);
	{
		/* The line quoted as shown text: at most 60 bytes of it,
		 * its controls and invalid bytes escaped. */
		char quote[61], shown[4 * sizeof(quote)];
		size_t n = strlen(s) < 60 ? strlen(s) : 60;
		memcpy(quote, s, n);
		quote[n] = 0;
		return parse_error(
		    &g->src, g->line,
		    "expected 'Function: \"name\":' or 'type: ulps' "
		    "(ulps a whole number, 0 or more), not '%s'",
		    fpc_prov_show(shown, sizeof(shown), quote));
	}
}

/* text, of len bytes (modified in place), in the glibc layout, into t. */
static int read_glibc(const struct src *src, char *text, size_t len,
		      struct fpc_tol_table *t)
{
	struct glibc g = {.src = *src, .t = t};
	const char *nul = memchr(text, 0, len);
	char *s = text, *end = text + len;
	int err = 0;

	for (g.line = 1; s < end && !err; g.line++) {
		char *eol = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((eol ? eol : end) - s);

		if (nul && nul < s + n)
			return parse_error(src, g.line,
					   "NUL byte in a text file");
		if (n > FPC_TOL_LINE_MAX)
			return parse_error(src, g.line,
					   "line longer than %d characters",
					   FPC_TOL_LINE_MAX);
		s[n] = 0;
		if (n && s[n - 1] == '\r')
			s[n - 1] = 0;
		err = glibc_line(&g, s);
		s += n + 1;
	}
	return err ? err : sort_table(src, t);
}

int fpc_tol_read(const char *path, struct fpc_tol_table *t, char *detail,
		 size_t detail_len)
{
	const struct src src = {path, detail, detail_len};
	char *text;
	size_t len;
	int err;

	memset(t, 0, sizeof(*t));
	*detail = 0;
	if ((err = slurp(&src, &text, &len)))
		return err;
	if (text[strspn(text, " \t\r\n\v\f")] == '{')
		err = read_json(&src, text, len, t);
	else
		err = read_glibc(&src, text, len, t);
	free(text);
	if (!err && !t->np)
		err = parse_error(&src, 0, "no tolerance in it");
	if (err)
		fpc_tol_release(t);
	return err;
}

/* ---- checking ----------------------------------------------------------- */

void fpc_check_release(struct fpc_check *c)
{
	free(c->key);
	free(c->item);
	memset(c, 0, sizeof(*c));
}

/* Allowed much more than measured: a table that hides regressions. */
static int loose(uint64_t allowed, uint64_t measured)
{
	return measured <= (UINT64_MAX - 2) / 2 && allowed >= 2 * measured + 2;
}

/* The platform of t that applies to records of platform key; NULL, with
 * detail naming the table's platforms, when none does. */
static const struct fpc_tol_platform *
platform_for(const struct fpc_tol_table *t, const char *key, char *detail,
	     size_t detail_len)
{
	size_t at = 0;

	for (size_t i = 0; i < t->np; i++)
		if (!strcmp(t->p[i].key, key))
			return &t->p[i];
	/* A glibc-layout table without platforms applies to any record. */
	if (t->np == 1 && !*t->p[0].key)
		return &t->p[0];
	at += (size_t)snprintf(detail, detail_len,
			       "no tolerances for platform '%s' (the "
			       "table has:",
			       key);
	for (size_t i = 0; i < t->np && at < detail_len; i++)
		at += (size_t)snprintf(detail + at, detail_len - at, "%s '%s'",
				       i ? "," : "", t->p[i].key);
	if (at < detail_len)
		snprintf(detail + at, detail_len - at, ")");
	return NULL;
}

/* Kernel k of a record against p's entry for it, into it. */
static void check_kernel(const struct fpc_tol_platform *p,
			 const struct fpc_kstats *k, struct fpc_check_item *it)
{
	const struct fpc_kernel *kn = fpc_kernel_find(k->name);
	const struct fpc_tol_entry *e = NULL;

	snprintf(it->kernel, sizeof(it->kernel), "%s", k->name);
	snprintf(it->function, sizeof(it->function), "%s",
		 kn ? kn->fn->name : k->name);
	it->format = k->format;
	it->arity = k->arity;
	it->measured = k->max_glibc;
	it->special = special_count(k);
	it->witness = k->max_glibc ? k->glibc_worst : k->worst;
	for (size_t j = 0; j < p->n && !e; j++)
		if (!strcmp(p->e[j].kernel, k->name))
			e = &p->e[j];
	it->allowed = e ? e->ulps : 0;
	it->allowed_special = e ? e->special : -1;
	if (!e && !p->absent_is_zero)
		it->status = FPC_CHECK_MISSING;
	else if (it->measured > it->allowed ||
		 (it->allowed_special >= 0 &&
		  it->special > it->allowed_special))
		it->status = FPC_CHECK_VIOLATION;
	else if (loose(it->allowed, it->measured))
		it->status = FPC_CHECK_LOOSE;
	else
		it->status = FPC_CHECK_OK;
}

int fpc_tol_check(const struct fpc_tol_table *t, const struct fpc_analysis *a,
		  struct fpc_check *c, char *detail, size_t detail_len)
{
	const struct fpc_tol_platform *p;

	memset(c, 0, sizeof(*c));
	if (fpc_tol_key(&a->prov, &c->key))
		return FPC_ERR_NOMEM;
	if (!(p = platform_for(t, c->key, detail, detail_len))) {
		fpc_check_release(c);
		return FPC_ERR_MISMATCH;
	}
	if (!(c->item = calloc(a->nk ? a->nk : 1, sizeof(*c->item)))) {
		fpc_check_release(c);
		return FPC_ERR_NOMEM;
	}
	for (size_t i = 0; i < a->nk; i++) {
		struct fpc_check_item *it;

		if (a->k[i].no_truth)
			continue;
		it = &c->item[c->n++];
		check_kernel(p, &a->k[i], it);
		if (it->status == FPC_CHECK_VIOLATION)
			c->violations++;
		else if (it->status != FPC_CHECK_OK)
			c->warnings++;
	}
	return 0;
}

/* ---- witnesses ---------------------------------------------------------- */

/* Is e's witness input one of d's inputs already? */
static int has_input(const struct fpc_kdata *d, const struct fpc_tol_entry *e)
{
	for (uint32_t w = 0; w < d->n; w++) {
		int same = 1;

		for (unsigned a = 0; a < e->arity; a++)
			same &= d->in[a][w] == e->in[a];
		if (same)
			return 1;
	}
	return 0;
}

/* Kernel k's entry, next in c: its name, formats and the one note
 * "witness". */
static int begin_kernel(struct fpc_corpus *c, const struct fpc_kernel *k)
{
	struct fpc_corpus_kernel *ck = &c->k[c->n++];
	struct fpc_kdata *d = &ck->data;

	snprintf(d->name, sizeof(d->name), "%s", k->name);
	d->in_format = d->out_format = (uint8_t)k->format;
	d->arity = (uint8_t)k->fn->arity;
	if (!(ck->notes = calloc(1, sizeof(char *))) ||
	    !(ck->notes[0] = strdup("witness")))
		return FPC_ERR_NOMEM;
	ck->nnotes = 1;
	return 0;
}

/* e's witness input appended to ck. */
static int append_input(struct fpc_corpus_kernel *ck,
			const struct fpc_tol_entry *e)
{
	struct fpc_kdata *d = &ck->data;
	uint16_t *o;

	for (unsigned a = 0; a < d->arity; a++) {
		uint64_t *in = realloc(d->in[a], (d->n + 1) * sizeof(uint64_t));
		if (!in)
			return FPC_ERR_NOMEM;
		d->in[a] = in;
		in[d->n] = e->in[a];
	}
	if (!(o = realloc(ck->origin, (d->n + 1) * sizeof(uint16_t))))
		return FPC_ERR_NOMEM;
	ck->origin = o;
	o[d->n] = 0;
	d->n++;
	return 0;
}

/* Every platform's witness of kernel k into c, once each; k's entry
 * begins with the first. */
static int add_witnesses(struct fpc_corpus *c, const struct fpc_tol_table *t,
			 const struct fpc_kernel *k)
{
	struct fpc_corpus_kernel *ck = &c->k[c->n];
	int err;

	for (size_t i = 0; i < t->np; i++)
		for (size_t j = 0; j < t->p[i].n; j++) {
			const struct fpc_tol_entry *e = &t->p[i].e[j];

			if (!e->has_witness || strcmp(e->kernel, k->name) ||
			    e->arity != k->fn->arity || has_input(&ck->data, e))
				continue;
			if ((!ck->data.n && (err = begin_kernel(c, k))) ||
			    (err = append_input(ck, e)))
				return err;
		}
	return 0;
}

int fpc_tol_witness_corpus(const struct fpc_tol_table *t, struct fpc_corpus *c)
{
	size_t nk = fpc_kernel_count();

	memset(c, 0, sizeof(*c));
	if (!(c->k = calloc(nk, sizeof(*c->k))))
		return FPC_ERR_NOMEM;
	/* Kernels in table order, each with every platform's witness once. */
	for (size_t ki = 0; ki < nk; ki++)
		if (add_witnesses(c, t, fpc_kernel_at(ki))) {
			fpc_corpus_release(c);
			return FPC_ERR_NOMEM;
		}
	c->hash = FPC_FNV1A64_INIT;
	for (size_t i = 0; i < c->n; i++)
		c->hash = fpc_kdata_hash(c->hash, &c->k[i].data);
	return 0;
}
