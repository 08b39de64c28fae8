/*
 * fpcheck merge: the records of a sharded run (run or matrix --shard I/N)
 * laid end to end into the record the unsharded run writes.
 */
#include <getopt.h>

#include "cli.h"
#include "fpcheck/error.h"
#include "fpcheck/merge.h"

static const char usage_text[] =
    "usage: fpcheck merge -o OUT.rec SHARD.rec...\n"
    "\n"
    "Merges the records of `fpcheck run --shard I/N` (or matrix), shards\n"
    "1/N to N/N in any order, into one record: every kernel's inputs,\n"
    "outputs and flags in shard order, bit for bit those of the unsharded\n"
    "run.  The shards must come from one build on one platform: their\n"
    "provenance may differ only in time, os, shard and corpus hash.\n"
    "\n"
    "  -o, --output FILE  the merged record (written atomically)\n"
    "      --force        merge shards run on different CPU models too\n"
    "                     (x86-64 glibc's results can depend on the CPU)\n"
    "\n"
    "exit status: 0 merged, 2 usage or read error, or not one run's "
    "shards\n";

enum { OPT_FORCE = 256 };

static const struct option options[] = {
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_merge(int argc, char **argv)
{
	const char *output = NULL;
	char detail[1024];
	int c, err, force = 0;

	optind = 1;
	while ((c = cli_getopt(argc, argv, "o:h", options)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return cli_usage(usage_text);
		}
	}
	if (optind == argc || !output)
		return cli_usage(usage_text);
	if ((err = cli_make_parent_dirs(output)))
		return err;
	err = fpc_merge_shards((const char *const *)argv + optind,
			       (size_t)(argc - optind), output, force, detail,
			       sizeof(detail));
	if (err)
		return *detail ? cli_error("%s", detail)
			       : cli_error("%s", fpc_strerror(err));
	fprintf(stderr, "fpcheck: merged %d shards into %s\n", argc - optind,
		output);
	return EXIT_OK;
}
