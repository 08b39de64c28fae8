/*
 * fpcheck: the command table and dispatch.  One cmd_<name>() per
 * subcommand, each in its own file.
 */
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "cli.h"
#include "cli_cleanup.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{"run", cmd_run, "evaluate the kernels on this machine and report"},
	{"report", cmd_report, "accuracy of records against MPFR truth"},
	{"corpus", cmd_corpus, "generate, list or show the inputs"},
	{"dump", cmd_dump, "print a record, every value in hex"},
	{"diff", cmd_diff, "compare two records, with likely causes"},
	{"matrix", cmd_matrix, "build and run every configuration, summarise"},
	{"image", cmd_image, "a render kernel's image as PNG or PFM"},
	{"imgdiff", cmd_imgdiff, "compare two renders, pictures of the difference"},
	{"plot", cmd_plot, "plot errors against the input, or the heatmap"},
	{"tolerances", cmd_tolerances, "per-platform tolerance tables"},
	{"check", cmd_check, "the CI gate: records against a tolerance table"},
	{"merge", cmd_merge, "merge the records of a sharded run"},
};

static int usage(FILE *f)
{
	fprintf(f, "usage: fpcheck <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'fpcheck <command> --help' describes a command.\n"
		   "exit status: 0 as expected, 1 differences found, 2 error\n");
	return f == stdout ? EXIT_OK : EXIT_ERROR;
}

int main(int argc, char **argv)
{
	int rc;

	/* Before anything is started or written: children and temporaries
	 * are taken back however fpcheck ends. */
	cli_cleanup_init();
	if (argc < 2)
		return cli_error("usage: fpcheck <command> [options] (see "
				 "'fpcheck --help')");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		rc = usage(stdout);
	else if (!strcmp(argv[1], "--version"))
		rc = printf("fpcheck %s\n", FPC_VERSION) < 0 ? EXIT_ERROR
							      : EXIT_OK;
	else {
		const struct command *c = NULL;
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]);
		     i++)
			if (!strcmp(argv[1], commands[i].name))
				c = &commands[i];
		if (!c)
			return cli_error("unknown command '%s' (see 'fpcheck "
					 "--help')",
					 argv[1]);
		rc = c->fn(argc - 1, argv + 1);
		/* Cairo's and fontconfig's caches, released so that leak
		 * checkers see only fpcheck's own memory. */
		cairo_debug_reset_static_data();
		FcFini();
	}
	/* Said once: a command that noticed it already has. */
	return cli_stdout_flush() ? EXIT_ERROR : rc;
}
