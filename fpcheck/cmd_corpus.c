/*
 * fpcheck corpus: generate the corpus to a file, or list and show what
 * inputs each kernel gets and why.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_corpus.h"
#include "cli_options.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/report.h"
#include "fpcheck/ulp.h"

/* clang-format off */
static const char usage_text[] =
    "usage: fpcheck corpus [options]\n"
    "\n"
    "Generates the corpus (the inputs of every kernel), or shows it.\n"
    "\n"
    "  -o, --output FILE     write the corpus to FILE, for 'run --corpus'\n"
    "      --list            per kernel: how many inputs of each origin\n"
    "      --show KERNEL     every input of KERNEL with its origin\n"
    "      --corpus FILE     read FILE instead of generating\n"
    "  -f, --functions LIST  kernels by C name, 'double', 'float', 'all'\n"
    "  -i, --inputs FILE     inputs from FILE instead of the built-in ones\n"
    "      --with-builtin    with --inputs: keep the built-in inputs too\n"
    "      --seed N          seed (default "
    FPC_CORPUS_TEXT(FPC_CORPUS_SEED_DIGITS) ", or FPCHECK_SEED)\n"
    CLI_SAMPLES_HELP("       ")
    CLI_IMAGE_SIZE_HELP;
/* clang-format on */

/* -f, --corpus, --seed, --samples and --image-size are the evaluation
 * options run and matrix take too (cli_eval_getopt). */
enum { OPT_LIST = 256, OPT_SHOW, OPT_WITH_BUILTIN };

static const struct option options[] = {
    {"output", required_argument, NULL, 'o'},
    {"list", no_argument, NULL, OPT_LIST},
    {"show", required_argument, NULL, OPT_SHOW},
    {"corpus", required_argument, NULL, CLI_OPT_CORPUS},
    {"functions", required_argument, NULL, 'f'},
    {"inputs", required_argument, NULL, 'i'},
    {"with-builtin", no_argument, NULL, OPT_WITH_BUILTIN},
    {"seed", required_argument, NULL, CLI_OPT_SEED},
    {"samples", required_argument, NULL, CLI_OPT_SAMPLES},
    {"image-size", required_argument, NULL, CLI_OPT_IMAGE_SIZE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The origin kind of a note: the text before its first ':'. */
static size_t kind_len(const char *note)
{
	return strcspn(note, ":");
}

static void list(const struct fpc_corpus *c)
{
	static const char *kinds[] = {"special", "hot spot", "hard case",
				      "random", "user"};
	enum { NKINDS = sizeof(kinds) / sizeof(kinds[0]) };
	unsigned long long total = 0;

	printf("corpus %016llx, seed %llu\n\n", (unsigned long long)c->hash,
	       (unsigned long long)c->seed);
	printf("%-8s %-6s %5s %7s %8s %9s %6s %5s %7s\n", "kernel", "type",
	       "arity", "special", "hot spot", "hard case", "random", "user",
	       "inputs");
	for (size_t i = 0; i < c->n; i++) {
		const struct fpc_corpus_kernel *k = &c->k[i];
		unsigned count[NKINDS + 1] = {0};

		for (uint32_t j = 0; j < k->data.n; j++) {
			const char *note = k->notes[k->origin[j]];
			size_t len = kind_len(note), t;
			for (t = 0; t < NKINDS; t++)
				if (strlen(kinds[t]) == len &&
				    !strncmp(note, kinds[t], len))
					break;
			count[t]++;
		}
		printf("%-8s %-6s %5u %7u %8u %9u %6u %5u %7u\n", k->data.name,
		       fpc_format_name(k->data.in_format), k->data.arity,
		       count[0], count[1], count[2], count[3], count[4] + count[5],
		       k->data.n);
		total += k->data.n;
	}
	printf("\n%zu kernels, %llu inputs\n", c->n, total);
}

static void show(const struct fpc_corpus_kernel *k)
{
	unsigned f = k->data.in_format;

	printf("# %s (%s, %u argument%s): %u inputs\n", k->data.name,
	       fpc_format_name(f), k->data.arity, k->data.arity > 1 ? "s" : "",
	       k->data.n);
	printf("# index, then each argument in hex and decimal, then origin\n");
	for (uint32_t i = 0; i < k->data.n; i++) {
		printf("%6u", i);
		for (unsigned a = 0; a < k->data.arity; a++) {
			char hex[FPC_HEX_MAX], dec[FPC_DEC_MAX];
			fpc_bits_hex(f, k->data.in[a][i], hex);
			fpc_bits_dec(f, k->data.in[a][i], dec);
			printf("  %-24s %-24s", hex, dec);
		}
		fputs("  # ", stdout);
		fpc_text_put(stdout, k->notes[k->origin[i]]);
		putchar('\n');
	}
}

/* The command line. */
struct corpus_args {
	struct cli_eval ev; /* the corpus: -f, --corpus, --seed, ... */
	const char *output, *show, *inputs;
	int list, with_builtin, help;
};

/* --show takes one kernel, not a selection. */
static int check_show(const char *name)
{
	const struct fpc_kernel *sel[256];
	char detail[512] = "";
	size_t n;

	if (fpc_kernel_find(name))
		return 0;
	if (fpc_kernel_select(name, sel, &n, detail, sizeof(detail)))
		return cli_error("%s", detail);
	return cli_error("--show takes one kernel name, such as 'sin' or "
			 "'sinf'");
}

/* The command line into a.  Returns 0, or the exit status when the
 * command ends here: an error, or --help (a->help set). */
static int parse_options(struct corpus_args *a, int argc, char **argv)
{
	int opt, rc;

	optind = 1;
	while ((opt = cli_getopt(argc, argv, "o:f:i:h", options)) != -1) {
		switch (opt) {
		case 'o':
			a->output = optarg;
			break;
		case OPT_LIST:
			a->list = 1;
			break;
		case OPT_SHOW:
			a->show = optarg;
			break;
		case 'i':
			a->inputs = optarg;
			break;
		case OPT_WITH_BUILTIN:
			a->with_builtin = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			a->help = 1;
			return EXIT_OK;
		default:
			if ((rc = cli_eval_getopt(&a->ev, opt, optarg)) < 0)
				return cli_usage(usage_text);
			if (rc)
				return rc;
			break;
		}
	}
	if (optind != argc)
		return cli_error("unexpected argument '%s' (see 'fpcheck "
				 "corpus --help')",
				 argv[optind]);
	if (!a->output && !a->list && !a->show)
		return cli_error("say what to do: -o FILE, --list or --show "
				 "KERNEL");
	return a->show ? check_show(a->show) : 0;
}

/* What the command line asks of c: the file, the list, one kernel. */
static int put_corpus(const struct corpus_args *a, const struct fpc_corpus *c)
{
	const struct fpc_corpus_kernel *k;
	int rc = EXIT_OK, err;

	if (a->output && (rc = cli_make_parent_dirs(a->output)) == 0 &&
	    (err = fpc_corpus_write(c, a->output)))
		rc = cli_file_error(a->output, err, NULL);
	if (!rc && a->list)
		list(c);
	if (!rc && a->show) {
		if ((k = fpc_corpus_find(c, a->show)))
			show(k);
		else
			rc = cli_error("kernel '%s' is not in this corpus",
				       a->show);
	}
	return rc;
}

int cmd_corpus(int argc, char **argv)
{
	struct corpus_args a = {0};
	struct fpc_corpus c;
	int rc;

	if ((rc = cli_eval_init(&a.ev)) ||
	    (rc = parse_options(&a, argc, argv)) || a.help)
		return rc;
	{
		struct cli_corpus_spec spec = {
		    a.ev.corpus,  a.ev.functions,
		    a.ev.seed,	  (unsigned)a.ev.samples,
		    a.ev.image_w, a.ev.image_h,
		    a.inputs,	  a.with_builtin};
		if ((rc = cli_corpus(&spec, &c)))
			return rc;
	}
	rc = put_corpus(&a, &c);
	fpc_corpus_release(&c);
	return rc;
}
