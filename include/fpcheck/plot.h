/*
 * Plots as PNG images: the error in ulps of one kernel against its input,
 * for one record or several overlaid, and the kernels x configurations
 * heatmap of the largest errors.  Drawn with cairo (compare/output/draw.h) and
 * written to a stream the caller opened: a file, or open_memstream for a
 * page that embeds them.  Each PNG carries text chunks: "Title",
 * "Software" (fpcheck and its version), "Source" (the record paths) and
 * "Comment" (the provenance shown under the title).
 *
 * Records are streamed: an error plot holds the points of the one kernel
 * it draws, never a whole record.
 */
#ifndef FPCHECK_PLOT_H
#define FPCHECK_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "fpcheck/kdata.h"
#include "fpcheck/catalog.h"
#include "fpcheck/summary.h"
#include "fpcheck/truth.h"

/* Default size of an error plot, and the limits of any plot's sides. */
#define FPC_PLOT_W   800
#define FPC_PLOT_H   450
#define FPC_PLOT_MIN 200
#define FPC_PLOT_MAX 8192
/* Records one error plot overlays.  Records with the same bits share a
 * colour; eight colours tell the others apart, and the ninth on are
 * rings in the same colours again. */
#define FPC_PLOT_SERIES 64

/*
 * Draws the error in ulps (|error| against the MPFR truth, truth options
 * o) of every input of kernel `kernel` in each of the n records at
 * paths[], against the input, as a w x h PNG on f.
 *
 * The x axis is the first argument (linear, or signed logarithmic with
 * powers of two marked when the inputs span more than 4 binades), or the
 * input number for kernels of 3 or more arguments.  The y axis is linear
 * from 0, or, when some error exceeds 100 ulps, linear up to 1 ulp and
 * logarithmic above; the 1/2 ulp of correct rounding is dashed and
 * labelled.  Results that are not a number error (special-value
 * mismatches: NaN for a number, a flushed subnormal, a wrong infinity or
 * zero sign) are marks in a band above the plot.  With one record,
 * points are coloured by outcome, and so they are when all records have
 * the same bits; else by record, with a legend naming each by names[i]
 * (names or names[i] NULL: the file name without directory and ".rec"),
 * records with the same bits together ("a = b") in one colour and drawn
 * once.  Inputs whose first argument is infinite
 * or NaN cannot be placed and are counted in the legend.  The title is
 * "KERNEL (double|float): error in ulps", and the line under it the
 * records' architecture, compiler, flags and C library.
 *
 * Records are read one at a time, each only up to the kernel, and only
 * that kernel is kept; truth is taken once for records with the same
 * inputs.  Nothing is written to f before the whole plot is drawn.
 *
 * Errors, with a whole message in detail naming the record concerned
 * (empty for the last two): FPC_ERR_ARG (n is 0 or above
 * FPC_PLOT_SERIES, a side outside [FPC_PLOT_MIN, FPC_PLOT_MAX] or too
 * small for the legend, or the kernel has no truth: a render kernel),
 * FPC_ERR_UNKNOWN (no such kernel, or a record does not hold it), those
 * of fpc_record_open/next ("cannot open 'x.rec': No such file or
 * directory") and fpc_truth_get, FPC_ERR_FORMAT (the kernel's formats or
 * arity contradict the kernel table), FPC_ERR_NOMEM, FPC_ERR_IO (writing
 * f, errno set).
 */
int fpc_plot_errors_multi(FILE *f, const char *const *paths,
			  const char *const *names, size_t n,
			  const char *kernel, const struct fpc_truth_options *o,
			  int w, int h, char *detail, size_t detail_len);

/*
 * As fpc_plot_errors_multi, from kernel data already read (kd[i], the
 * results of kernel k in the record shown as names[i]; names or names[i]
 * NULL: "record i+1"), for a caller that reads records in step: no
 * record is opened, and kd is not changed.  The provenance line says
 * only how many records and inputs; "Source" lists the names.
 * Errors: as fpc_plot_errors_multi but those of reading records, and
 * FPC_ERR_FORMAT when kd[i] is not kernel k with results (detail names
 * it).
 */
int fpc_plot_errors_kdata(FILE *f, const struct fpc_kernel *k,
			  const struct fpc_kdata *const *kd,
			  const char *const *names, size_t n,
			  const struct fpc_truth_options *o, int w, int h,
			  char *detail, size_t detail_len);

/*
 * Draws summary s as a heatmap PNG on f: one row per kernel (table
 * order), one column per record (s->names), each cell coloured by the
 * kernel's max error in ulps through viridis on a log scale from 1/2 ulp
 * to the power of ten at or above the largest (at least 1 ulp), with the
 * value written in cells wide enough (40 pixels), "=" on
 * cells bit-identical to the baseline record's, and light grey for
 * kernels without truth or absent from a record; a colour bar explains
 * the scale.  Titled "max error in ulps against MPFR, per kernel and
 * configuration".  The columns share w pixels, each from 24 to 110
 * wide: the image is as wide as that makes it (narrower than w when few
 * records leave room, wider when many need it); its height follows the
 * number of kernels (20 pixels a row).
 *
 * Errors: FPC_ERR_ARG (w outside [FPC_PLOT_MIN, FPC_PLOT_MAX], no record
 * or no kernel, or more columns or rows than FPC_PLOT_MAX pixels hold:
 * detail says which), FPC_ERR_NOMEM, FPC_ERR_IO (writing f).
 */
int fpc_plot_heatmap(FILE *f, const struct fpc_summary *s, int w, char *detail,
		    size_t detail_len);

#endif
