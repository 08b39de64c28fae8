/*
 * Records named in tables, their summary and their HTML page (see
 * cli_records.h): the library computes and writes, this file names the
 * records, draws its progress and words its errors.
 */
#include "cli_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_error.h"
#include "cli_output.h"
#include "cli_progress.h"
#include "fpcheck/error.h"
#include "fpcheck/html.h"
#include "fpcheck/summary.h"

int cli_record_names(char **paths, int n, const char *baseline,
		     struct cli_names *out)
{
	out->base = 0;
	out->names = calloc((size_t)n, sizeof(char *));
	out->bufs = calloc((size_t)n, sizeof(*out->bufs));
	if (!out->names || !out->bufs) {
		cli_names_release(out);
		return cli_error("out of memory");
	}
	for (int i = 0; i < n; i++) {
		const char *slash = strrchr(paths[i], '/');
		const char *base = slash ? slash + 1 : paths[i];
		size_t len = strlen(base);

		if (len > 4 && !strcmp(base + len - 4, ".rec"))
			len -= 4;
		snprintf(out->bufs[i], sizeof(out->bufs[i]), "%.*s", (int)len,
			 base);
		out->names[i] = out->bufs[i];
		/* the last record of that path or name, as the table reads */
		if (baseline && (!strcmp(baseline, paths[i]) ||
				 !strcmp(baseline, out->names[i])))
			out->base = (size_t)i + 1;
	}
	if (baseline && !out->base--) {
		cli_names_release(out);
		return cli_error("--baseline '%s' is none of the records",
				 baseline);
	}
	return 0;
}

void cli_names_release(struct cli_names *n)
{
	free(n->names);
	free(n->bufs);
	memset(n, 0, sizeof(*n));
}

/* ---- the HTML page ------------------------------------------------------- */

static void html_progress(void *arg, const char *what, size_t done,
			  size_t total)
{
	(void)arg;
	cli_progress(what, done, total);
}

int cli_write_html(const char *const *paths, const char *const *names, size_t n,
		   size_t base, double stops, const char *output,
		   const struct cli_truth *truth)
{
	struct fpc_html_options o = {&truth->o,	       base,	      stops,
				     "fpcheck report", html_progress, NULL};
	struct cli_output out;
	char detail[512] = "";
	int err, rc;

	if ((rc = cli_make_parent_dirs(output)) ||
	    (rc = cli_output_open(&out, output)))
		return rc;
	err =
	    fpc_html_write(out.f, paths, names, n, &o, detail, sizeof(detail));
	cli_progress_done();
	return err ? cli_output_fail(&out, err, detail)
		   : cli_output_close(&out);
}

int cli_summary(char **paths, int n, const char *baseline,
		const struct cli_truth *truth, struct fpc_summary *s)
{
	struct cli_names nm;
	char detail[512] = "";
	int err, rc;

	if ((rc = cli_record_names(paths, n, baseline, &nm)))
		return rc;
	err =
	    fpc_summary_compute((const char *const *)paths, nm.names, (size_t)n,
				nm.base, &truth->o, s, detail, sizeof(detail));
	cli_progress_done();
	cli_names_release(&nm);
	if (err)
		return *detail ? cli_error("%s", detail)
			       : cli_file_error(paths[0], err, NULL);
	return 0;
}
