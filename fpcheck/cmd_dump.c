/*
 * fpcheck dump: a record as text, every input and output in hex and
 * decimal with its exception flags, after the provenance.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/record.h"
#include "fpcheck/report.h"
#include "fpcheck/ulp.h"

static const char usage_text[] =
    "usage: fpcheck dump [-k KERNEL] RECORD\n"
    "\n"
    "Prints the provenance and every kernel's inputs, outputs and\n"
    "floating-point exception flags (i invalid, z divide-by-zero,\n"
    "o overflow, u underflow, x inexact).\n"
    "\n"
    "  -k, --kernel NAME  only this kernel\n";

static const struct option options[] = {
    {"kernel", required_argument, NULL, 'k'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void flags(uint8_t f, char out[6])
{
	static const char letters[] = "izoux";

	if (f & FPC_FLAG_UNAVAILABLE) {
		memcpy(out, "?????", 6);
		return;
	}
	for (int b = 0; b < 5; b++)
		out[b] = (f & (1u << b)) ? letters[b] : '-';
	out[5] = 0;
}

static void dump_kernel(const struct fpc_kdata *k)
{
	unsigned fi = k->in_format, fo = k->out_format;

	printf("\nkernel %s (%s, %u argument%s, %u inputs)\n", k->name,
	       fpc_format_name(fi), k->arity, k->arity > 1 ? "s" : "", k->n);
	for (uint32_t i = 0; i < k->n; i++) {
		char hex[FPC_HEX_MAX], dec[FPC_DEC_MAX], fl[6];

		printf("%6u", i);
		for (unsigned a = 0; a < k->arity; a++) {
			fpc_bits_hex(fi, k->in[a][i], hex);
			printf(" %s", hex);
		}
		fpc_bits_hex(fo, k->out[i], hex);
		fpc_bits_dec(fo, k->out[i], dec);
		flags(k->flags[i], fl);
		printf(" -> %s  %s  %s\n", hex, dec, fl);
	}
}

int cmd_dump(int argc, char **argv)
{
	const char *only = NULL;
	struct fpc_record rec;
	struct fpc_kdata k;
	int c, err, found = 0;

	optind = 1;
	while ((c = cli_getopt(argc, argv, "k:h", options)) != -1) {
		switch (c) {
		case 'k':
			only = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return cli_usage(usage_text);
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage_text);
	if ((err = fpc_record_open(&rec, argv[optind])))
		return cli_file_error(argv[optind], err, NULL);
	printf("record %s (format %u.%u)\n", argv[optind], rec.r.major,
	       rec.r.minor);
	/* Keys and values are the record's bytes, shown without controls. */
	for (size_t i = 0; i < rec.prov.n; i++) {
		char key[256];
		printf("  %-16s ",
		       fpc_prov_show(key, sizeof(key), rec.prov.key[i]));
		fpc_text_put(stdout, rec.prov.val[i]);
		putchar('\n');
	}
	/* Each kernel is printed as it is read: a corrupt record shows
	 * everything before the damage, then the error. */
	while ((err = fpc_record_next(&rec, &k)) > 0) {
		if (!only || !strcmp(only, k.name)) {
			dump_kernel(&k);
			found = 1;
		}
		fpc_kdata_release(&k);
	}
	fpc_record_close(&rec);
	if (err)
		return cli_file_error(argv[optind], err, NULL);
	if (only && !found)
		return cli_error("%s: no kernel '%s'", argv[optind], only);
	return EXIT_OK;
}
