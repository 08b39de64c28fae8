/*
 * Configurations: the built-in default matrix, matrix files, and the
 * availability checks (see fpcheck/configs.h and docs/matrix.md).
 *
 * Matrix files are INI, parsed by libinih (Debian's libinih-dev): one
 * section per configuration, its name the section name.
 */
#include "configs.h"

#include <errno.h>
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

struct parse {
	struct cli_configs *m;
	char section[256]; /* section of the configuration being read */
	char why[256];     /* what is wrong, when the handler fails */
};

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

/* libinih callback: returns 0 (with why set) to stop at this line. */
static int handler(void *user, const char *section, const char *key,
		   const char *value)
{
	struct parse *ps = user;
	struct cli_config *c;
	char **field = NULL;

	if (!*section) {
		snprintf(ps->why, sizeof(ps->why),
			 "'%s' is outside a [configuration] section", key);
		return 0;
	}
	if (strcmp(section, ps->section)) {
		for (size_t i = 0; i < ps->m->n; i++)
			if (!strcmp(ps->m->c[i].name, section)) {
				snprintf(ps->why, sizeof(ps->why),
					 "configuration '%s' is defined twice",
					 section);
				return 0;
			}
		if (!cli_config_name_ok(section)) {
			snprintf(ps->why, sizeof(ps->why),
				 "'%s' is not a valid configuration name "
				 "(letters, digits, '.', '_', '-', '+', '=')",
				 section);
			return 0;
		}
		if (grow(ps->m) ||
		    !(ps->m->c[ps->m->n - 1].name = strdup(section))) {
			snprintf(ps->why, sizeof(ps->why), "out of memory");
			return 0;
		}
		snprintf(ps->section, sizeof(ps->section), "%s", section);
	}
	c = &ps->m->c[ps->m->n - 1];
	if (!strcmp(key, "cc"))
		field = &c->cc;
	else if (!strcmp(key, "cflags"))
		field = &c->cflags;
	else if (!strcmp(key, "ldflags"))
		field = &c->ldflags;
	else if (!strcmp(key, "target"))
		field = &c->target;
	else if (!strcmp(key, "emulator"))
		field = &c->emulator;
	else if (!strcmp(key, "env"))
		field = &c->env;
	else if (!strcmp(key, "libc"))
		field = &c->libc;
	else if (!strcmp(key, "baseline") || !strcmp(key, "threads")) {
		int *b = key[0] == 'b' ? &c->baseline : &c->threads;
		if (parse_bool(value, b)) {
			snprintf(ps->why, sizeof(ps->why),
				 "%s is yes or no, not '%s'", key, value);
			return 0;
		}
		return 1;
	} else {
		snprintf(ps->why, sizeof(ps->why),
			 "unknown key '%s' (cc, cflags, ldflags, target, "
			 "emulator, env, libc, baseline, threads)",
			 key);
		return 0;
	}
	if (*field) {
		snprintf(ps->why, sizeof(ps->why), "'%s' is set twice", key);
		return 0;
	}
	/* An empty emulator or env means none. */
	if (!*value && (field == &c->emulator || field == &c->env))
		return 1;
	if (!(*field = strdup(value))) {
		snprintf(ps->why, sizeof(ps->why), "out of memory");
		return 0;
	}
	return 1;
}

/* libinih merges a section that appears twice; a matrix file that
 * defines a configuration twice is a mistake, found here with its line. */
static int duplicate_section(FILE *f, char *why, size_t len)
{
	char line[1024], (*seen)[128] = NULL;
	size_t n = 0;
	int lineno = 0, found = 0;

	while (!found && fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " \t"), *end;
		lineno++;
		if (*p != '[' || !(end = strchr(p, ']')))
			continue;
		*end = 0;
		p++;
		for (size_t i = 0; i < n && !found; i++)
			if (!strcmp(seen[i], p)) {
				snprintf(why, len,
					 "configuration '%s' is defined twice",
					 p);
				found = lineno;
			}
		if (!found) {
			void *grown = realloc(seen, (n + 1) * sizeof(*seen));
			if (!grown)
				break;
			seen = grown;
			snprintf(seen[n++], sizeof(seen[0]), "%s", p);
		}
	}
	free(seen);
	rewind(f);
	return found;
}

int cli_configs_load(struct cli_configs *m, const char *path, char *detail,
		    size_t detail_len)
{
	struct parse ps = {.m = m};
	FILE *f;
	int line, err = 0, baselines = 0;

	memset(m, 0, sizeof(*m));
	if (!(f = fopen(path, "r")))
		return FPC_ERR_IO;
	line = duplicate_section(f, ps.why, sizeof(ps.why));
	if (!line)
		line = ini_parse_file(f, handler, &ps);
	fclose(f);
	if (line) {
		snprintf(detail, detail_len, "%s:%d: %s", path, line,
			 *ps.why ? ps.why : "malformed line");
		cli_configs_release(m);
		return FPC_ERR_PARSE;
	}
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
	if (err)
		cli_configs_release(m);
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
