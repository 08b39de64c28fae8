/*
 * Messages and exit codes of a failing command (see cli_error.h).  A
 * message first clears the progress line, so that it starts a line of
 * its own.
 */
#include "cli_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli_progress.h"
#include "fpcheck/error.h"

int cli_error(const char *fmt, ...)
{
	va_list ap;

	cli_progress_done();
	fputs("fpcheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_ERROR;
}

int cli_file_error(const char *path, int err, const char *detail)
{
	char line[4096 + 256];

	if (detail && *detail)
		return cli_error("%s: %s", path, detail);
	fpc_error_detail(line, sizeof(line), path, err, errno);
	return cli_error("%s", line);
}

/* What cli_getopt last saw, for cli_usage: the command line, and
 * whether getopt_long refused an option. */
static struct {
	int argc;
	char **argv;
	const char *optstring;
	const struct option *longopts;
	int refused;
} last;

int cli_getopt(int argc, char **argv, const char *optstring,
	       const struct option *longopts)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, optstring, longopts, NULL);
	last.argc = argc;
	last.argv = argv;
	last.optstring = optstring;
	last.longopts = longopts;
	last.refused = c == '?';
	return c;
}

/* Was the refused option the long option arg ("--name[=value]")?  Its
 * optopt is 0 when unknown, else the option's val, which a short option
 * later in a cluster ("-Zq" after "--flag") cannot match. */
static int refused_long(const char *arg)
{
	size_t n = strcspn(arg, "=");

	if (strncmp(arg, "--", 2) || n < 3)
		return 0;
	if (!optopt)
		return 1;
	for (const struct option *o = last.longopts; o && o->name; o++)
		if (!strncmp(o->name, arg + 2, n - 2) && o->val == optopt)
			return 1;
	return 0;
}

/* "unknown option '--x'" and the like, for the option getopt refused. */
static void refused_option(char *buf, size_t len)
{
	int i = optind - 1 < 1 ? 1 : optind - 1;
	const char *arg = i < last.argc ? last.argv[i] : "";
	size_t n = strcspn(arg, "=");

	if (refused_long(arg)) {
		if (!optopt)
			snprintf(buf, len, "unknown option '%.*s'", (int)n,
				 arg);
		else if (arg[n])
			snprintf(buf, len, "option '%.*s' takes no value",
				 (int)n, arg);
		else
			snprintf(buf, len, "option '%s' needs a value", arg);
	} else if (optopt > ' ' && optopt < 127 &&
		   strchr(last.optstring, optopt)) {
		snprintf(buf, len, "option '-%c' needs a value", optopt);
	} else if (optopt > ' ' && optopt < 127) {
		snprintf(buf, len, "unknown option '-%c'", optopt);
	} else {
		snprintf(buf, len, "unknown option");
	}
}

int cli_usage(const char *text)
{
	static const char lead[] = "usage: fpcheck ";
	const char *synopsis = text, *cmd = "";
	size_t slen = strcspn(text, "\n"), clen = 0;
	char what[256];

	/* "usage: fpcheck report [options] RECORD...": its command. */
	if (!strncmp(text, lead, sizeof(lead) - 1)) {
		cmd = text + sizeof(lead) - 1;
		clen = strcspn(cmd, " \n");
	}
	if (last.refused) {
		refused_option(what, sizeof(what));
		last.refused = 0;
	} else {
		snprintf(what, sizeof(what), "%.*s", (int)slen, synopsis);
	}
	return cli_error("%s (see 'fpcheck %.*s%s--help')", what, (int)clen,
			 cmd, clen ? " " : "");
}
