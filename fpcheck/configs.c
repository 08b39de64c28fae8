/*
 * Configurations: the built-in default matrix, matrix files, and the
 * availability checks (see fpcheck/configs.h and docs/matrix.md).
 *
 * Matrix files are INI, parsed by libinih (Debian's libinih-dev): one
 * section per configuration, its name the section name.
 */
#include "configs.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <ini.h>

#include "fpcheck/error.h"

/* ---- availability ---------------------------------------------------- */

/* The first white-space separated word of cmd, in buf. */
static const char *first_word(const char *cmd, char *buf, size_t len)
{
	size_t skip = strspn(cmd, " \t"), n = strcspn(cmd + skip, " \t");

	if (n >= len)
		n = len - 1;
	memcpy(buf, cmd + skip, n);
	buf[n] = 0;
	return buf;
}

/* Is prog runnable: a path that exists, or a name found on PATH? */
static int on_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!*prog)
		return 0;
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		if (n && (size_t)snprintf(buf, sizeof(buf), "%.*s/%s", (int)n,
					  path, prog) < sizeof(buf) &&
		    access(buf, X_OK) == 0)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

static int set_skip(struct cli_config *c, const char *fmt, const char *arg)
{
	char buf[1024];

	snprintf(buf, sizeof(buf), fmt, arg);
	free(c->skip);
	return (c->skip = strdup(buf)) ? 0 : FPC_ERR_NOMEM;
}

int cli_config_check(struct cli_config *c)
{
	char word[512];
	const char *p;

	if (!on_path(first_word(c->cc, word, sizeof(word))))
		return set_skip(c, "compiler '%s' not found", word);
	if (!c->emulator)
		return 0;
	if (!on_path(first_word(c->emulator, word, sizeof(word))))
		return set_skip(c, "emulator '%s' not found (apt-get install "
				   "qemu-user)",
				word);
	/* qemu's -L names the target's sysroot: its libc must be there. */
	if ((p = strstr(c->emulator, "-L ")) != NULL) {
		struct stat st;
		first_word(p + 3, word, sizeof(word));
		if (stat(word, &st) || !S_ISDIR(st.st_mode))
			return set_skip(c, "sysroot '%s' not found", word);
	}
	return 0;
}

/* ---- the default matrix ---------------------------------------------- */

/* A host configuration when target is NULL, else a cross one. */
static const struct def {
	const char *suffix;
	const char *cc, *cflags;
	const char *target, *emulator;
	const char *libc;
	int baseline;
	int nothreads; /* no threaded kernels: see the i686 entries */
} defaults[] = {
    {"gcc-O0", "gcc", "-O0", NULL, NULL, NULL, 0, 0},
    {"gcc-O2", "gcc", "-O2", NULL, NULL, NULL, 1, 0},
    {"gcc-O2-nocontract", "gcc", "-O2 -ffp-contract=off", NULL, NULL, NULL, 0, 0},
    {"gcc-O3-native", "gcc", "-O3 -march=native", NULL, NULL, NULL, 0, 0},
    {"gcc-O3-fastmath", "gcc", "-O3 -ffast-math", NULL, NULL, NULL, 0, 0},
    {"clang-O2", "clang", "-O2", NULL, NULL, NULL, 0, 0},
    {"clang-O3-fastmath", "clang", "-O3 -ffast-math", NULL, NULL, NULL, 0, 0},
    {"musl-O2", "musl-gcc", "-O2", NULL, NULL, "musl", 0, 0},
    {"gcc-O2", "aarch64-linux-gnu-gcc", "-O2", "aarch64",
     "qemu-aarch64 -L /usr/aarch64-linux-gnu", NULL, 0, 0},
    {"gcc-O2-nocontract", "aarch64-linux-gnu-gcc", "-O2 -ffp-contract=off",
     "aarch64", "qemu-aarch64 -L /usr/aarch64-linux-gnu", NULL, 0, 0},
    /* The port people make: vectorised with NEON, reassociated, fused. */
    {"gcc-O3-fastmath", "aarch64-linux-gnu-gcc", "-O3 -ffast-math",
     "aarch64", "qemu-aarch64 -L /usr/aarch64-linux-gnu", NULL, 0, 0},
    /* i686: the x87 unit (FLT_EVAL_METHOD 2) against SSE2.  Debian 12's
     * qemu-i386 (7.2) hangs in pthread_create of a dynamically linked
     * i686 program, so these leave out the threaded kernels. */
    {"gcc-O2-x87", "i686-linux-gnu-gcc", "-O2 -mfpmath=387", "i686",
     "qemu-i386 -L /usr/i686-linux-gnu", NULL, 0, 1},
    {"gcc-O2-sse2", "i686-linux-gnu-gcc", "-O2 -msse2 -mfpmath=sse", "i686",
     "qemu-i386 -L /usr/i686-linux-gnu", NULL, 0, 1},
    {"gcc-O2", "riscv64-linux-gnu-gcc", "-O2", "riscv64",
     "qemu-riscv64 -L /usr/riscv64-linux-gnu", NULL, 0, 0},
    {"gcc-O2", "powerpc64le-linux-gnu-gcc", "-O2", "ppc64le",
     "qemu-ppc64le -L /usr/powerpc64le-linux-gnu", NULL, 0, 0},
    {"gcc-O2", "s390x-linux-gnu-gcc", "-O2", "s390x",
     "qemu-s390x -L /usr/s390x-linux-gnu", NULL, 0, 0},
    {"gcc-O2", "arm-linux-gnueabihf-gcc", "-O2", "armhf",
     "qemu-arm -L /usr/arm-linux-gnueabihf", NULL, 0, 0},
};

static void host_arch(char *buf, size_t len)
{
	struct utsname u;

	if (uname(&u)) {
		snprintf(buf, len, "host");
		return;
	}
	/* uname says i386..i686 for 32-bit x86. */
	if (u.machine[0] == 'i' && !strcmp(u.machine + 2, "86"))
		snprintf(buf, len, "i686");
	else
		snprintf(buf, len, "%.*s", (int)(len - 1), u.machine);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int grow(struct cli_configs *m)
{
	struct cli_config *c = realloc(m->c, (m->n + 1) * sizeof(*c));

	if (!c)
		return FPC_ERR_NOMEM;
	m->c = c;
	memset(&c[m->n], 0, sizeof(*c));
	c[m->n].threads = 1;
	m->n++;
	return 0;
}

int cli_configs_default(struct cli_configs *m)
{
	char arch[64], name[256];
	int err = 0;

	memset(m, 0, sizeof(*m));
	host_arch(arch, sizeof(arch));
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		const struct def *d = &defaults[i];
		const char *target = d->target ? d->target : arch;
		struct cli_config *c;

		if ((err = grow(m)))
			break;
		c = &m->c[m->n - 1];
		snprintf(name, sizeof(name), "%s-%s", target, d->suffix);
		c->name = strdup(name);
		c->cc = strdup(d->cc);
		c->cflags = strdup(d->cflags);
		c->ldflags = strdup("");
		c->target = strdup(target);
		c->emulator = dup_or_null(d->emulator);
		c->libc = dup_or_null(d->libc);
		c->baseline = d->baseline;
		c->threads = !d->nothreads;
		if (!c->name || !c->cc || !c->cflags || !c->ldflags ||
		    !c->target || (d->emulator && !c->emulator) ||
		    (d->libc && !c->libc)) {
			err = FPC_ERR_NOMEM;
			break;
		}
		if (d->target && !strcmp(d->target, arch))
			err = set_skip(c, "the host is %s: the host "
					  "configurations cover it",
				       arch);
		else
			err = cli_config_check(c);
		if (err)
			break;
	}
	if (err)
		cli_configs_release(m);
	return err;
}

/* ---- matrix files ---------------------------------------------------- */

/*
 * What a matrix file may hold (docs/matrix.md).  libinih reads a line
 * into a buffer of INI_MAX_LINE bytes (200 as Debian builds it) and a
 * section name into one of 50, and silently cuts what is longer: fpcheck
 * refuses such lines and names instead.  The file's size and its number
 * of configurations bound the work before any compiler runs.
 */
#define MATRIX_LINE_MAX	   199
#define MATRIX_NAME_MAX	   49
#define MATRIX_FILE_MAX	   (1L << 20)
#define MATRIX_CONFIGS_MAX 1024

struct parse {
	struct cli_configs *m;
	FILE *f;
	unsigned long line;  /* the line libinih is reading */
	long bytes;	     /* read so far */
	unsigned long error; /* the line why is about, 0 before an error */
	int io_errno;	     /* when reading failed: errno */
	/* libinih reads an indented line after a key as the continuation
	 * of that key's value: is there such a key, is this line one? */
	int after_key, cont;
	char **last; /* the value it continues; NULL for yes/no keys */
	char (*names)[MATRIX_NAME_MAX + 1]; /* the sections so far */
	size_t nnames;
	char section[256]; /* section of the configuration being read */
	char why[256];	   /* what is wrong, when the handler fails */
};

/* Stops the reading at this line with why; returns 0. */
static int stop(struct parse *ps, const char *fmt, ...)
{
	va_list ap;

	if (!ps->error) {
		va_start(ap, fmt);
		vsnprintf(ps->why, sizeof(ps->why), fmt, ap);
		va_end(ap);
		ps->error = ps->line;
	}
	return 0;
}

/* "[name]": a configuration named once, not so long that libinih would
 * cut its name; name is the text after '['. */
static int section_line(struct parse *ps, const char *name)
{
	const char *end = strchr(name, ']');
	size_t n;
	void *grown;

	if (!end) /* libinih reports the line as malformed */
		return 1;
	n = (size_t)(end - name);
	if (n > MATRIX_NAME_MAX)
		return stop(ps,
			    "configuration name '%.*s...' is longer than %d "
			    "characters",
			    24, name, MATRIX_NAME_MAX);
	for (size_t i = 0; i < ps->nnames; i++)
		if (strlen(ps->names[i]) == n && !memcmp(ps->names[i], name, n))
			return stop(ps, "configuration '%.*s' is defined twice",
				    (int)n, name);
	if (ps->nnames == MATRIX_CONFIGS_MAX)
		return stop(ps, "more than %d configurations",
			    MATRIX_CONFIGS_MAX);
	if (!(grown =
		  realloc(ps->names, (ps->nnames + 1) * sizeof(*ps->names))))
		return stop(ps, "out of memory");
	ps->names = grown;
	memcpy(ps->names[ps->nnames], name, n);
	ps->names[ps->nnames++][n] = 0;
	return 1;
}

/*
 * The line as libinih will read it (ini.c, ini_parse_stream): a comment,
 * a continuation, a section or a key.  libinih ends a value at a ';'
 * that follows white space, an inline comment; here that is refused, so
 * that "cflags = -O2 ;-mfma" cannot silently lose its last flag.
 * Returns 1, or 0 having stopped.
 */
static int check_line(struct parse *ps, const char *line)
{
	const char *s = line;

	if (ps->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
		s += 3; /* a UTF-8 byte order mark, which libinih skips */
	while (isspace((unsigned char)*s))
		s++;
	ps->cont = 0;
	if (!*s || *s == ';' || *s == '#')
		return 1;
	for (const char *p = s + 1; *p; p++)
		if (*p == ';' && isspace((unsigned char)p[-1]))
			return stop(ps,
				    "';' after white space would start a "
				    "comment and cut the line: put comments "
				    "on lines of their own");
	if (s > line && ps->after_key) {
		ps->cont = 1;
		return 1;
	}
	if (*s == '[') {
		ps->after_key = 0;
		return section_line(ps, s + 1);
	}
	if (strpbrk(s, "=:")) /* else malformed: libinih keeps its key */
		ps->after_key = 1;
	return 1;
}

/*
 * libinih's reader: the next line into buf (num bytes), without its line
 * ending, checked.  NULL at the end of the file or to stop there: a NUL
 * byte, a line too long for libinih, a file over MATRIX_FILE_MAX bytes
 * (/dev/zero would never end), a read error.
 */
static char *next_line(char *buf, int num, void *stream)
{
	struct parse *ps = stream;
	size_t most =
	    num - 1 < MATRIX_LINE_MAX ? (size_t)num - 1 : MATRIX_LINE_MAX;
	size_t n = 0;
	int c;

	if (ps->error || ps->io_errno)
		return NULL;
	ps->line++;
	while ((c = getc(ps->f)) != EOF && c != '\n') {
		if (c == '\r') { /* CR LF ends a line too */
			int d = getc(ps->f);
			if (d == '\n' || d == EOF) {
				c = d;
				break;
			}
			ungetc(d, ps->f);
		}
		if (++ps->bytes > MATRIX_FILE_MAX) {
			stop(ps, "larger than %ld KiB, the largest matrix file",
			     MATRIX_FILE_MAX >> 10);
			return NULL;
		}
		if (!c) {
			stop(ps, "NUL byte in a text file");
			return NULL;
		}
		if (n == most) {
			stop(ps, "line longer than %zu characters", most);
			return NULL;
		}
		buf[n++] = (char)c;
	}
	if (ferror(ps->f)) {
		ps->io_errno = errno ? errno : EIO;
		return NULL;
	}
	if (c == EOF && !n)
		return NULL;
	ps->bytes++;
	buf[n] = 0;
	return check_line(ps, buf) ? buf : NULL;
}

int cli_config_name_ok(const char *name)
{
	if (!*name || *name == '.' || *name == '-' || strlen(name) > 100)
		return 0;
	for (const char *p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-+=",
			    *p))
			return 0;
	return 1;
}

static int parse_bool(const char *v, int *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* The configuration of section, next in the matrix.  Returns 1, or 0
 * having stopped. */
static int new_config(struct parse *ps, const char *section)
{
	if (!cli_config_name_ok(section))
		return stop(ps,
			    "'%s' is not a valid configuration name "
			    "(letters, digits, '.', '_', '-', '+', '=')",
			    section);
	if (grow(ps->m) || !(ps->m->c[ps->m->n - 1].name = strdup(section)))
		return stop(ps, "out of memory");
	snprintf(ps->section, sizeof(ps->section), "%s", section);
	return 1;
}

/* The value that key sets in c; NULL for a key that is not a word list
 * (baseline, threads) or not a key at all. */
static char **field_of(struct cli_config *c, const char *key)
{
	static const char *const keys[] = {
	    "cc", "cflags", "ldflags", "target", "emulator", "env", "libc"};
	char **fields[] = {&c->cc,	 &c->cflags, &c->ldflags, &c->target,
			   &c->emulator, &c->env,    &c->libc};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(key, keys[i]))
			return fields[i];
	return NULL;
}

/* An indented line: its text appended, after a space, to the value of
 * the key before it (a long cflags on several lines). */
static int continue_value(struct parse *ps, const char *key, const char *value)
{
	size_t had;
	char *s;

	if (!ps->last)
		return stop(ps,
			    "'%s' is yes or no: an indented line cannot "
			    "continue it",
			    key);
	had = *ps->last ? strlen(*ps->last) : 0;
	if (!(s = realloc(*ps->last, had + strlen(value) + 2)))
		return stop(ps, "out of memory");
	if (had)
		s[had++] = ' ';
	strcpy(s + had, value);
	*ps->last = s;
	return 1;
}

/* libinih callback: returns 0 (having stopped, why set) at an error. */
static int handler(void *user, const char *section, const char *key,
		   const char *value)
{
	struct parse *ps = user;
	struct cli_config *c;
	char **field;

	if (!*section)
		return stop(ps, "'%s' is outside a [configuration] section",
			    key);
	if (ps->cont)
		return continue_value(ps, key, value);
	if (strcmp(section, ps->section) && !new_config(ps, section))
		return 0;
	c = &ps->m->c[ps->m->n - 1];
	ps->last = NULL;
	if (!strcmp(key, "baseline") || !strcmp(key, "threads")) {
		int *b = key[0] == 'b' ? &c->baseline : &c->threads;
		return parse_bool(value, b)
			   ? stop(ps, "%s is yes or no, not '%s'", key, value)
			   : 1;
	}
	if (!(field = field_of(c, key)))
		return stop(ps,
			    "unknown key '%s' (cc, cflags, ldflags, target, "
			    "emulator, env, libc, baseline, threads)",
			    key);
	if (*field)
		return stop(ps, "'%s' is set twice", key);
	ps->last = field;
	/* An empty emulator or env means none. */
	if (!*value && (field == &c->emulator || field == &c->env))
		return 1;
	if (!(*field = strdup(value)))
		return stop(ps, "out of memory");
	return 1;
}

/* The matrix read: every configuration has a cc, at most one is the
 * baseline; each checked for availability. */
static int check_configs(struct cli_configs *m, const char *path, char *detail,
			 size_t detail_len)
{
	int err = 0, baselines = 0;

	if (!m->n) {
		snprintf(detail, detail_len, "%s: no configuration", path);
		return FPC_ERR_PARSE;
	}
	for (size_t i = 0; i < m->n && !err; i++) {
		struct cli_config *c = &m->c[i];
		baselines += c->baseline;
		if (!c->cc) {
			snprintf(detail, detail_len,
				 "%s: configuration '%s' has no cc", path,
				 c->name);
			err = FPC_ERR_PARSE;
		} else if ((!c->cflags && !(c->cflags = strdup(""))) ||
			   (!c->ldflags && !(c->ldflags = strdup(""))) ||
			   (!c->target && !(c->target = strdup("")))) {
			err = FPC_ERR_NOMEM;
		} else {
			err = cli_config_check(c);
		}
	}
	if (!err && baselines > 1) {
		snprintf(detail, detail_len, "%s: more than one baseline", path);
		err = FPC_ERR_PARSE;
	}
	return err;
}

int cli_configs_load(struct cli_configs *m, const char *path, char *detail,
		    size_t detail_len)
{
	struct parse ps = {.m = m};
	int line, err = 0;

	memset(m, 0, sizeof(*m));
	if (!(ps.f = fopen(path, "r")))
		return FPC_ERR_IO;
	line = ini_parse_stream(next_line, &ps, handler, &ps);
	fclose(ps.f);
	free(ps.names);
	/* The first error: libinih's own (a line without '=') may come
	 * before the one the reader or the handler stopped at. */
	if (ps.io_errno)
		err = FPC_ERR_IO;
	else if (line < 0)
		err = FPC_ERR_NOMEM;
	else if (line && (!ps.error || (unsigned long)line < ps.error))
		snprintf(detail, detail_len, "%s:%d: malformed line", path,
			 line);
	else if (ps.error)
		snprintf(detail, detail_len, "%s:%lu: %s", path, ps.error,
			 ps.why);
	if (!err && (line || ps.error))
		err = FPC_ERR_PARSE;
	if (!err)
		err = check_configs(m, path, detail, detail_len);
	if (err)
		cli_configs_release(m);
	if (ps.io_errno)
		errno = ps.io_errno;
	return err;
}

size_t cli_configs_baseline(const struct cli_configs *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->c[i].baseline)
			return i;
	for (size_t i = 0; i < m->n; i++)
		if (!m->c[i].skip)
			return i;
	return 0;
}

void cli_configs_release(struct cli_configs *m)
{
	for (size_t i = 0; i < m->n; i++) {
		struct cli_config *c = &m->c[i];
		free(c->name);
		free(c->cc);
		free(c->cflags);
		free(c->ldflags);
		free(c->target);
		free(c->emulator);
		free(c->env);
		free(c->libc);
		free(c->skip);
	}
	free(m->c);
	memset(m, 0, sizeof(*m));
}
