/*
 * Known hard cases: inputs on which published work found libm
 * implementations most likely to round wrongly, because the exact result
 * lies extremely close to a rounding boundary (the worst cases of Lefèvre
 * and Muller's exhaustive searches) or because the argument is extremely
 * close to a multiple of pi/2, so that argument reduction cancels almost
 * every bit.  Every corpus carries those of its kernels, noted
 * "hard case: <source>".
 *
 * The values are copied bit for bit from their sources, written as hex
 * floats so they can be compared with the source at a glance.  Add a case
 * only with its provenance.
 */
#include "corpus_impl.h"
#include "fpcheck/ulp.h"

#include <string.h>

#include "fpcheck/kdata.h"

/* clang-format off */
#define D(k, x, src) {k, FPC_FMT_BINARY64, 1, {x, 0}, src}
#define D2(k, x, y, src) {k, FPC_FMT_BINARY64, 2, {x, y}, src}
#define F(k, x, src) {k, FPC_FMT_BINARY32, 1, {x, 0}, src}
/* clang-format on */

/* Sources, named as the maintainers of each list name them. */
#define JDK                                                                    \
	"Lefèvre & Muller worst cases, as listed in OpenJDK "                 \
	"test/jdk/java/lang/Math/WorstCaseTests.java"
#define CM_WC(f) "CORE-MATH src/binary64/" f "/" f ".wc"
#define CM_F(f)	 "CORE-MATH src/binary32/" f "/" f "f.c exceptional cases"
#define NG                                                                     \
	"closest double to a multiple of pi/2 (6381956970095103*2^797; "       \
	"K.C. Ng, \"Argument reduction for huge arguments: good to the "       \
	"last bit\")"
#define NG32                                                                   \
	"float closest to a multiple of pi/2 (16367173*2^72, "                 \
	"found by exhaustive search)"

static const struct fpc_corpus_hardcase cases[] = {
    /* binary64 */
    D("exp", 0x1.9e9cbbfd6080bp-31, JDK),
    D("exp", 0x1.ba07d73250de7p-14, JDK),
    D("exp", -0x1.22e24fa3d5cf9p-1, JDK),
    D("exp", -0x1.e8bdbfcd9144ep3, JDK),
    D("exp", 0x1.0122ef37212ebp-1, CM_WC("exp")),
    D("log", 0x1.de7cd6751029ap16, JDK),
    D("log", 0x1.a6ae5142326b5p+0, CM_WC("log") " (Lefèvre, hrcases-explog)"),
    D("sin", 0x1.e0000000001c2p-20,
      "CORE-MATH src/binary64/sin/sin.c exceptional cases"),
    D("sin", 0x1.598bae9e632f6p-7, JDK),
    D("sin", 0x1.005023d32fee5p+1, CM_WC("sin")),
    D("sin", 0x1.6ac5b262ca1ffp+849, NG),
    D("cos", 0x1.6ac5b262ca1ffp+849, NG),
    D("tan", 0x1.6ac5b262ca1ffp+849, NG),
    D("cos", 0x1.6b8a6273d7c21p+0, JDK),
    D("cos", 0x1.8000000000009p-23, JDK),
    D("tan", 0x1.50486b2f87014p-5, JDK),
    D("tan", 0x1.dffffffffff1fp-22, JDK),
    D("atan", 0x1.22e8d75e2bc7fp-11, JDK),
    D("exp2", 0x1.16a76ec41b516p-1, JDK " (as Math.pow(2, x))"),
    D("sinh", 0x1.c089fcf166171p+4, JDK),
    D("cosh", 0x1.17d8a9f206217p-6, JDK),
    D2("pow", 0x1.ffffffffffffcp-1, 0x1.fffffffffffffp-2, CM_WC("pow")),
    D2("pow", 0x1.ffffffffffffcp-1, -0x1.ffffffffffffdp-2, CM_WC("pow")),
    D2("pow", 0x1.ffffffffffff8p-1, -0x1.ffffffffffffbp-3, CM_WC("pow")),
    D("cbrt", 0x1.00152f57068b7p-1, CM_WC("cbrt")),
    D("erf", 0x1.037b548d9d7a6p-61, CM_WC("erf")),

    /* binary32 */
    F("tanf", 0x1.ada6aap+27, CM_F("tan")),
    F("tanf", 0x1.143ec4p+0, CM_F("tan")),
    F("cosf", 0x1.4555p+51, CM_F("cos")),
    F("cosf", 0x1.a13cb2p+1, CM_F("cos")),
    F("sinf", 0x1.33333p+13, CM_F("sin")),
    F("sinf", 0x1.75b8a2p-1, CM_F("sin")),
    F("log10f", 0x1.269f06p+31, CM_F("log10")),
    F("log10f", 0x1.5d46acp-110, CM_F("log10")),
    F("exp10f", -0x1.4de862p+3, CM_F("exp10")),
    F("sinhf", 0x1.250bfep-11, CM_F("sinh")),
    F("log1pf", 0x1.fb035ap-2, CM_F("log1p")),
    F("log1pf", -0x1.247ab0p-6, CM_F("log1p")),
    F("logf", 0x1.2f1fd6p+3, "LLVM libc logf, reviews.llvm.org/D118149"),
    F("logf", 0x1.bacb4ap+25, "LLVM libc logf, reviews.llvm.org/D118149"),
    F("sinf", 0x1.f37c8ap+95, NG32),
    F("cosf", 0x1.f37c8ap+95, NG32),
    F("tanf", 0x1.f37c8ap+95, NG32),
};

size_t fpc_corpus_hardcase_count(void)
{
	return sizeof(cases) / sizeof(cases[0]);
}

const struct fpc_corpus_hardcase *fpc_corpus_hardcase_at(size_t i)
{
	return i < fpc_corpus_hardcase_count() ? &cases[i] : NULL;
}

uint64_t fpc_corpus_hardcase_bits(const struct fpc_corpus_hardcase *h,
				  unsigned a)
{
	/* Exact: the table holds values of the case's format. */
	return fpc_bits_from_double(h->format, a < 2 ? h->value[a] : 0);
}
