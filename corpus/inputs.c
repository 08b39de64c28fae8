/*
 * User input files: the inputs a user wants checked, one per line.
 *
 *   # comment (anywhere on a line: the rest of the line is ignored)
 *   0x1.921fb54442d18p+0          one column: for unary kernels
 *   1e-300, -0x1p-1074            two columns: for binary kernels
 *   inf  nan                      white space and/or one comma separate
 *
 * A column is a C hex float, a decimal, inf/infinity or nan/nan(...),
 * each with an optional sign, as strtod(3) reads them in the C locale
 * (fpcheck never calls setlocale).  Decimals are rounded once to nearest
 * in the kernel's format: strtof for binary32, so never through double.
 * A decimal beyond the format's range reads as C says: 1e999 is inf and
 * 1e-999 is 0.  A hex float names an exact value, so one the format
 * cannot hold (0x1.0000001p+0 in float, 0x1p-1075 in double) is an error
 * rather than silently rounded.  NaNs are quiet, with the payload
 * nan(...) gives them.
 *
 * One file serves kernels of both arities: lines with another column
 * count are skipped, but every line is checked for syntax whatever the
 * kernel, so a typo is reported even by kernels that skip its line.
 */
#include "fpcheck/corpus.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "corpus_impl.h"
#include "fpcheck/error.h"
#include "fpcheck/prov.h"

/* Longest token quoted in a message. */
#define QUOTE_MAX 48

struct parse {
	const char *path;
	unsigned long line;
	char *detail;
	size_t detail_len;
};

static int fail(const struct parse *ps, const char *fmt, ...)
{
	char why[160], shown[4 * sizeof(why)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* why may quote the file: shown without its controls. */
	if (ps->detail && ps->detail_len)
		snprintf(ps->detail, ps->detail_len, "%s:%lu: %s", ps->path,
			 ps->line, fpc_prov_show(shown, sizeof(shown), why));
	return FPC_ERR_PARSE;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Does a token (sign already allowed) start a hex float? */
static int is_hex(const char *t)
{
	if (*t == '+' || *t == '-')
		t++;
	return t[0] == '0' && (t[1] == 'x' || t[1] == 'X');
}

/*
 * Is the hex float t exactly the value v?  MPFR reads t at a precision
 * that holds every digit, so its value is exact unless the exponent is
 * out of MPFR's range (then it is not v either).
 */
static int hex_exact(const char *t, double v)
{
	mpfr_t x;
	char *end;
	int inex, same;

	mpfr_init2(x, (mpfr_prec_t)(4 * strlen(t) + 8));
	inex = mpfr_strtofr(x, t, &end, 16, MPFR_RNDN);
	same = !inex && !*end && mpfr_cmp_d(x, v) == 0 &&
	       !mpfr_signbit(x) == !signbit(v);
	mpfr_clear(x);
	return same;
}

/*
 * Parses one column.  Returns 0 with the value's bits in *bits and
 * whether it is exact in *exact (always for decimals and specials), or 1
 * if the token is not a number.
 */
static int parse_number(const char *t, unsigned format, uint64_t *bits,
			int *exact)
{
	char *end;

	errno = 0;
	*exact = 1;
	if (format == FPC_FMT_BINARY32) {
		float f = strtof(t, &end);
		uint32_t u;
		if (end == t || *end)
			return 1;
		if (is_hex(t))
			*exact = hex_exact(t, f);
		memcpy(&u, &f, sizeof(u));
		*bits = u;
	} else {
		double d = strtod(t, &end);
		if (end == t || *end)
			return 1;
		if (is_hex(t))
			*exact = hex_exact(t, d);
		memcpy(bits, &d, sizeof(*bits));
	}
	/* ERANGE (1e999, 1e-999) is fine: the value is what C says. */
	errno = 0;
	return 0;
}

/* Appends one input to the arrays. */
static int push(uint64_t *in[], unsigned arity, uint32_t *n, size_t *cap,
		const uint64_t v[2])
{
	if (*n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 256;
		if (ncap > UINT32_MAX)
			ncap = UINT32_MAX;
		if (*n == ncap)
			return FPC_ERR_ARG;
		for (unsigned a = 0; a < arity; a++) {
			void *p = realloc(in[a], ncap * sizeof(uint64_t));
			if (!p)
				return FPC_ERR_NOMEM;
			in[a] = p;
		}
		*cap = ncap;
	}
	for (unsigned a = 0; a < arity; a++)
		in[a][*n] = v[a];
	(*n)++;
	return 0;
}

/*
 * Parses one line (comment stripped, NUL-terminated, modified in place).
 * Returns the number of columns (0 for a blank line) with their values,
 * or a negative fpc_err.  Exactness matters only on lines the kernel
 * uses, whose column count is its arity.
 */
static int parse_line(const struct parse *ps, char *s, unsigned format,
		      unsigned arity, uint64_t v[2])
{
	const char *bad = NULL; /* first column the format cannot hold */
	int ncol = 0, badlen = 0;

	while (is_space(*s))
		s++;
	while (*s) {
		char *t = s, save;
		int exact;

		while (*s && !is_space(*s) && *s != ',')
			s++;
		if (s == t)
			return fail(ps, "missing number before ','");
		if (ncol == 2)
			return fail(ps, "more than 2 columns (an input has 1 "
					"or 2)");
		save = *s;
		*s = 0;
		if (parse_number(t, format, &v[ncol], &exact))
			return fail(ps, "malformed number '%.*s'%s", QUOTE_MAX,
				    t, s - t > QUOTE_MAX ? "..." : "");
		*s = save;
		if (!exact && !bad) {
			bad = t;
			badlen = (int)(s - t);
		}
		ncol++;
		while (is_space(*s))
			s++;
		if (*s == ',') {
			s++;
			while (is_space(*s))
				s++;
			if (!*s)
				return fail(ps, "missing number after ','");
		}
	}
	if (bad && (unsigned)ncol == arity)
		return fail(ps, "'%.*s' is not exactly representable in %s",
			    badlen < QUOTE_MAX ? badlen : QUOTE_MAX, bad,
			    fpc_format_name(format));
	return ncol;
}

/*
 * Reads the next line into buf (at most FPC_CORPUS_LINE_MAX characters,
 * the newline dropped, a comment cut off).  Returns 1 with a line, 0 at
 * the end of the file, or a negative fpc_err.
 */
static int read_line(const struct parse *ps, FILE *f, char *buf)
{
	size_t len = 0;
	int c, comment = 0;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (len == FPC_CORPUS_LINE_MAX)
			return fail(ps,
				    "line too long (more than %d "
				    "characters)",
				    FPC_CORPUS_LINE_MAX);
		len++;
		if (c == '#')
			comment = 1;
		if (!c)
			return fail(ps, "NUL byte in a text file");
		if (!comment)
			*buf++ = (char)c;
	}
	*buf = 0;
	if (ferror(f))
		return FPC_ERR_IO;
	return c != EOF || len ? 1 : 0;
}

/*
 * Reads f line by line into buf (of FPC_CORPUS_LINE_MAX + 1 bytes),
 * appending the inputs of the lines with arity columns to in[] (*n of
 * them).  Returns 0 at the end of the file or the first error.
 */
static int read_inputs(struct parse *ps, FILE *f, char *buf, unsigned format,
		       unsigned arity, uint64_t *in[], uint32_t *n)
{
	size_t cap = 0;
	int rc, err;

	for (ps->line = 1; (rc = read_line(ps, f, buf)) > 0; ps->line++) {
		uint64_t v[2];
		int ncol = parse_line(ps, buf, format, arity, v);
		if (ncol < 0)
			return ncol;
		if ((unsigned)ncol == arity &&
		    (err = push(in, arity, n, &cap, v)))
			return err == FPC_ERR_ARG ? fail(ps, "too many inputs")
						  : err;
	}
	return rc;
}

/*
 * See corpus.h.  in[] has arity entries; each comes back malloc'd, or NULL
 * when no line has arity columns (*n = 0, not an error).  detail is
 * emptied and filled only for FPC_ERR_PARSE; FPC_ERR_IO leaves errno.
 * FPC_ERR_ARG for a format or arity (1 or 2) fpcheck does not have.
 */
int fpc_corpus_parse_inputs(const char *path, unsigned format, unsigned arity,
			    uint64_t *in[], uint32_t *n, char *detail,
			    size_t detail_len)
{
	struct parse ps = {path, 0, detail, detail_len};
	char *buf = NULL;
	FILE *f = NULL;
	int e, err = 0;

	*n = 0;
	if (detail && detail_len)
		detail[0] = 0; /* stays empty but for FPC_ERR_PARSE */
	if (!fpc_format_width(format) || arity < 1 || arity > 2)
		return FPC_ERR_ARG;
	for (unsigned a = 0; a < arity; a++)
		in[a] = NULL;
	if (!(buf = malloc(FPC_CORPUS_LINE_MAX + 1)))
		return FPC_ERR_NOMEM;
	if (!(f = fopen(path, "r"))) {
		err = FPC_ERR_IO;
		goto out;
	}
	err = read_inputs(&ps, f, buf, format, arity, in, n);
out:
	e = errno;
	if (err) {
		for (unsigned a = 0; a < arity; a++) {
			free(in[a]);
			in[a] = NULL;
		}
		*n = 0;
	}
	if (f)
		fclose(f);
	free(buf);
	errno = e;
	return err;
}
