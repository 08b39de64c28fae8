/*
 * Tolerance tables written out (see fpcheck/tolerance_report.h): glibc's
 * libm-test-ulps layout, JSON, a C header, CSV and markdown.  The same
 * table always gives the same bytes.  compare/analysis/tolerance.c
 * builds, reads and checks the tables.
 */
#include "fpcheck/tolerance_report.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/report.h"
#include "fpcheck/ulp.h"

int fpc_tol_format_parse(const char *name)
{
	static const char *const names[] = {"glibc", "json", "header", "csv",
					    "markdown"};
	for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

static void hex(FILE *f, unsigned fmt, uint64_t b)
{
	char h[FPC_HEX_MAX];
	fpc_bits_hex(fmt, b, h);
	fputs(h, f);
}

static const char *type_of(unsigned fmt)
{
	return fmt == FPC_FMT_BINARY32 ? "float" : "double";
}

static void write_glibc(FILE *f, const struct fpc_tol_table *t)
{
	for (size_t i = 0; i < t->np; i++) {
		const struct fpc_tol_platform *p = &t->p[i];
		const char *last = "";

		fprintf(f, "%s# platform: %s\n", i ? "\n" : "", p->key);
		for (size_t r = 0; r < p->nrecords; r++)
			fprintf(f, "# record: %s\n", p->records[r]);
		fputs("# Begin of automatic generation\n\n# Maximal error of "
		      "functions:\n",
		      f);
		/* As glibc's files: functions with an error only. */
		for (size_t j = 0; j < p->n; j++) {
			const struct fpc_tol_entry *e = &p->e[j];
			if (!e->ulps)
				continue;
			if (strcmp(last, e->function)) {
				fprintf(f, "Function: \"%s\":\n", e->function);
				last = e->function;
			}
			fprintf(f, "%s: %" PRIu64 "\n", type_of(e->format),
				e->ulps);
		}
		fputs("\n# end of automatic generation\n", f);
	}
}

static void json_witness(FILE *f, const struct fpc_tol_entry *e)
{
	if (!e->has_witness) {
		fputs("null", f);
		return;
	}
	fputs("{\"inputs\": [", f);
	for (unsigned a = 0; a < e->arity; a++) {
		fputs(a ? ", " : "", f);
		fpc_json_value(f, e->format, e->in[a]);
	}
	fputs("], \"output\": ", f);
	fpc_json_value(f, e->format, e->out);
	fputs(", \"expected\": ", f);
	fpc_json_value(f, e->format, e->cr);
	fputs("}", f);
}

/* The largest integer every JSON reader holds exactly. */
#define JSON_EXACT (UINT64_C(1) << 53)

static void write_json(FILE *f, const struct fpc_tol_table *t)
{
	fprintf(f,
		"{\"schema\": \"" FPC_TOL_SCHEMA "\", \"schema_version\": "
		"%d, \"platforms\": [",
		FPC_TOL_SCHEMA_VERSION);
	for (size_t i = 0; i < t->np; i++) {
		const struct fpc_tol_platform *p = &t->p[i];
		fputs(i ? ",\n" : "\n", f);
		fputs("{\"platform\": ", f);
		fpc_json_string(f, p->key);
		fputs(", \"arch\": ", f);
		fpc_json_string(f, p->arch);
		fputs(", \"libc\": ", f);
		fpc_json_string(f, p->libc);
		fputs(", \"compiler\": ", f);
		fpc_json_string(f, p->compiler);
		fputs(", \"flags\": ", f);
		fpc_json_string(f, p->flags);
		fputs(", \"records\": [", f);
		for (size_t r = 0; r < p->nrecords; r++) {
			fputs(r ? ", " : "", f);
			fpc_json_string(f, p->records[r]);
		}
		fputs("], \"functions\": [", f);
		for (size_t j = 0; j < p->n; j++) {
			const struct fpc_tol_entry *e = &p->e[j];
			fputs(j ? ",\n  " : "\n  ", f);
			/* JSON readers hold numbers as doubles: an ulps
			 * count above 2^53 is written as a string, exact. */
			fprintf(f,
				"{\"function\": \"%s\", \"type\": \"%s\", "
				"\"kernel\": \"%s\", \"ulps\": %s%" PRIu64
				"%s, \"max_ulp\": %.17g, \"special\": %" PRId64
				", \"witness\": ",
				e->function, type_of(e->format), e->kernel,
				e->ulps > JSON_EXACT ? "\"" : "", e->ulps,
				e->ulps > JSON_EXACT ? "\"" : "", e->max_err,
				e->special);
			json_witness(f, e);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs("\n]}\n", f);
}

/* s as a C comment on a line of its own.  A star followed by a slash
 * inside would end the comment and let provenance write code into the
 * header, so a space is put between them. */
static void c_comment(FILE *f, const char *s)
{
	fputs("/* ", f);
	for (; *s; s++) {
		fputc(*s, f);
		if (*s == '*' && s[1] == '/')
			fputc(' ', f);
	}
	fputs(" */\n", f);
}

/* An identifier from s: letters and digits upper-cased, the rest '_',
 * runs of '_' folded. */
static void ident(char *out, size_t len, const char *s)
{
	size_t n = 0;

	for (; *s && n + 1 < len; s++) {
		char c = (char)toupper((unsigned char)*s);
		if (!isalnum((unsigned char)c))
			c = '_';
		if (c == '_' && (!n || out[n - 1] == '_'))
			continue;
		out[n++] = c;
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = 0;
}

static void write_header(FILE *f, const struct fpc_tol_table *t)
{
	fputs("/*\n * Tolerances in ulps (glibc-style: the distance from the "
	      "correctly rounded\n * result in its ulps, rounded up), per "
	      "platform, function and type,\n * measured by fpcheck.  "
	      "FPCHECK_ULPS_<PLATFORM>_<FUNCTION>_<TYPE>\n * for each, and "
	      "the table fpcheck_tolerances[].\n */\n#ifndef "
	      "FPCHECK_TOLERANCES_H\n#define FPCHECK_TOLERANCES_H\n\n",
	      f);
	for (size_t i = 0; i < t->np; i++) {
		const struct fpc_tol_platform *p = &t->p[i];
		char pid[256], fid[FPC_NAME_MAX + 1];

		ident(pid, sizeof(pid), p->key);
		c_comment(f, p->key);
		for (size_t j = 0; j < p->n; j++) {
			const struct fpc_tol_entry *e = &p->e[j];
			ident(fid, sizeof(fid), e->function);
			fprintf(
			    f, "#define FPCHECK_ULPS_%s_%s_%s %" PRIu64 "\n",
			    pid, fid,
			    e->format == FPC_FMT_BINARY32 ? "FLOAT" : "DOUBLE",
			    e->ulps);
		}
		fputc('\n', f);
	}
	fputs("struct fpcheck_tolerance {\n\tconst char *platform, "
	      "*function, *type;\n\tunsigned long long ulps;\n\tdouble "
	      "max_ulp;\n};\n\nstatic const struct fpcheck_tolerance "
	      "fpcheck_tolerances[] = {\n",
	      f);
	for (size_t i = 0; i < t->np; i++)
		for (size_t j = 0; j < t->p[i].n; j++) {
			const struct fpc_tol_entry *e = &t->p[i].e[j];
			fputs("    {", f);
			fpc_json_string(f, t->p[i].key); /* a valid C string */
			fprintf(f, ", \"%s\", \"%s\", %" PRIu64 "u, %a},\n",
				e->function, type_of(e->format), e->ulps,
				e->max_err);
		}
	fputs("};\n\n#endif\n", f);
}

static void write_csv(FILE *f, const struct fpc_tol_table *t)
{
	fputs("platform,arch,libc,compiler,flags,function,type,ulps,max_ulp,"
	      "special,witness_x,witness_y,witness_output,witness_expected\n",
	      f);
	for (size_t i = 0; i < t->np; i++)
		for (size_t j = 0; j < t->p[i].n; j++) {
			const struct fpc_tol_platform *p = &t->p[i];
			const struct fpc_tol_entry *e = &p->e[j];
			const char *parts[5] = {p->key, p->arch, p->libc,
						p->compiler, p->flags};
			for (int k = 0; k < 5; k++) {
				fpc_csv_field(f, parts[k]);
				fputc(',', f);
			}
			fprintf(f, "%s,%s,%" PRIu64 ",%.17g,%" PRId64,
				e->function, type_of(e->format), e->ulps,
				e->max_err, e->special);
			for (unsigned a = 0; a < 2; a++) {
				fputc(',', f);
				if (e->has_witness && a < e->arity)
					hex(f, e->format, e->in[a]);
			}
			fputc(',', f);
			if (e->has_witness)
				hex(f, e->format, e->out);
			fputc(',', f);
			if (e->has_witness)
				hex(f, e->format, e->cr);
			fputc('\n', f);
		}
}

static void write_markdown(FILE *f, const struct fpc_tol_table *t)
{
	for (size_t i = 0; i < t->np; i++) {
		const struct fpc_tol_platform *p = &t->p[i];
		fprintf(f,
			"%s## %s\n\n| function | type | ulps | max ulp | "
			"special | witness |\n|---|---|--:|--:|--:|---|\n",
			i ? "\n" : "", p->key);
		for (size_t j = 0; j < p->n; j++) {
			const struct fpc_tol_entry *e = &p->e[j];
			char u[32];
			fpc_format_ulps(u, sizeof(u), e->max_err);
			fprintf(f,
				"| %s | %s | %" PRIu64 " | %s | %" PRId64 " | ",
				e->function, type_of(e->format), e->ulps, u,
				e->special);
			for (unsigned a = 0; e->has_witness && a < e->arity;
			     a++) {
				fputs(a ? ", `" : "`", f);
				hex(f, e->format, e->in[a]);
				fputc('`', f);
			}
			fputs(" |\n", f);
		}
	}
}

int fpc_tol_write(FILE *f, enum fpc_tol_format fmt,
		  const struct fpc_tol_table *t)
{
	switch (fmt) {
	case FPC_TOL_GLIBC:
		write_glibc(f, t);
		break;
	case FPC_TOL_JSON:
		write_json(f, t);
		break;
	case FPC_TOL_HEADER:
		write_header(f, t);
		break;
	case FPC_TOL_CSV:
		write_csv(f, t);
		break;
	case FPC_TOL_MARKDOWN:
		write_markdown(f, t);
		break;
	}
	return ferror(f) ? FPC_ERR_IO : 0;
}
