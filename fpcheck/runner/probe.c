/*
 * The runner's provenance probes (see probe.h).  Some keys are what the
 * compiler says of the build (predefined macros, <float.h>), some what
 * the process observes at run time: a control register's value, and
 * whether arithmetic on subnormals flushes them, tested on volatile
 * operands so that the compiler cannot answer in its place.
 *
 * Build-time macros that describe the build: FPC_BUILD_CC (compiler
 * command), FPC_BUILD_FLAGS (flags), FPC_LIBC (libc name where the runner
 * cannot tell it, e.g. "musl"), FPC_VERSION.
 */
#define _GNU_SOURCE 1 /* as runner.c: the same headers, the same macros */

#include "runner/probe.h"

#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "fpcheck/error.h"

#ifndef FPC_VERSION
#define FPC_VERSION "unknown"
#endif
#ifndef FPC_BUILD_CC
#define FPC_BUILD_CC "unknown"
#endif
#ifndef FPC_BUILD_FLAGS
#define FPC_BUILD_FLAGS "unknown"
#endif

int fpc_probe_set(struct fpc_prov *p, const char *key, const char *val)
{
	size_t n = strlen(val);
	char *v;
	int err;

	if (p->n == FPC_PROBE_MAX_PAIRS && !fpc_prov_get(p, key))
		return FPC_ERR_ARG;
	while (n && val[n - 1] == ' ')
		n--;
	if (!(v = malloc(n + 1)))
		return FPC_ERR_NOMEM;
	memcpy(v, val, n);
	v[n] = 0;
	err = fpc_prov_set(p, key, v);
	free(v);
	return err;
}

static const char *arch_name(void)
{
#if defined(__x86_64__)
	return "x86_64";
#elif defined(__aarch64__)
	return "aarch64";
#elif defined(__i386__)
	return "i686";
#elif defined(__riscv) && __riscv_xlen == 64
	return "riscv64";
#elif defined(__s390x__)
	return "s390x";
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
	return "ppc64le";
#elif defined(__powerpc64__)
	return "ppc64";
#elif defined(__arm__)
	return "arm";
#else
	return "unknown";
#endif
}

static const char *compiler_name(void)
{
#if defined(__clang__)
	return "clang " __clang_version__;
#elif defined(__GNUC__)
	return "gcc " __VERSION__;
#else
	return "unknown";
#endif
}

/* First "model name", "cpu model" or "uarch" line of /proc/cpuinfo. */
static void cpu_name(char *buf, size_t len)
{
	static const char *keys[] = {"model name", "cpu model", "uarch",
				     "processor ", "cpu"};
	char line[512];
	FILE *f = fopen("/proc/cpuinfo", "r");

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		rewind(f);
		while (fgets(line, sizeof(line), f)) {
			char *colon = strchr(line, ':');
			if (strncmp(line, keys[k], strlen(keys[k])) || !colon)
				continue;
			colon++;
			colon += strspn(colon, " \t");
			colon[strcspn(colon, "\n")] = 0;
			if (*colon) {
				snprintf(buf, len, "%s", colon);
				fclose(f);
				return;
			}
		}
	}
	fclose(f);
}

static const char *rounding_name(void)
{
	switch (fegetround()) {
#ifdef FE_TONEAREST
	case FE_TONEAREST:
		return "to-nearest";
#endif
#ifdef FE_UPWARD
	case FE_UPWARD:
		return "upward";
#endif
#ifdef FE_DOWNWARD
	case FE_DOWNWARD:
		return "downward";
#endif
#ifdef FE_TOWARDZERO
	case FE_TOWARDZERO:
		return "toward-zero";
#endif
	default:
		return "unknown";
	}
}

/* What built the runner: version, target, compiler, flags, C library. */
static int build_keys(struct fpc_prov *p)
{
	volatile uint16_t probe = 1;
	int err = 0;
#if defined(__GLIBC__)
	char buf[512];
#endif

	err |= fpc_probe_set(p, "fpcheck.version", FPC_VERSION);
	err |= fpc_probe_set(p, "arch", arch_name());
	err |= fpc_probe_set(
	    p, "endian", *(volatile unsigned char *)&probe ? "little" : "big");
	err |= fpc_probe_set(p, "compiler", compiler_name());
	err |= fpc_probe_set(p, "build.cc", FPC_BUILD_CC);
	err |= fpc_probe_set(p, "build.flags", FPC_BUILD_FLAGS);
#if defined(__GLIBC__)
	snprintf(buf, sizeof(buf), "glibc %s", gnu_get_libc_version());
	err |= fpc_probe_set(p, "libc", buf);
#elif defined(FPC_LIBC)
	err |= fpc_probe_set(p, "libc", FPC_LIBC);
#else
	err |= fpc_probe_set(p, "libc", "unknown");
#endif
	return err;
}

/* Where it runs: system, CPU, and "emulator" (none unless -m says). */
static int machine_keys(struct fpc_prov *p)
{
	struct utsname u;
	char buf[512];
	int err = 0;

	if (!uname(&u)) {
		snprintf(buf, sizeof(buf), "%s %s %s", u.sysname, u.release,
			 u.machine);
		err |= fpc_probe_set(p, "os", buf);
	}
	cpu_name(buf, sizeof(buf));
	err |= fpc_probe_set(p, "cpu", buf);
	err |= fpc_probe_set(p, "emulator", "none");
	return err;
}

/* What the compiler says of the floating-point types under these flags. */
static int type_keys(struct fpc_prov *p)
{
	char buf[32];
	int err = 0;

	snprintf(buf, sizeof(buf), "%d", (int)FLT_EVAL_METHOD);
	err |= fpc_probe_set(p, "flt_eval_method", buf);
	snprintf(buf, sizeof(buf), "%d", (int)LDBL_MANT_DIG);
	err |= fpc_probe_set(p, "ldbl_mant_dig", buf);
#ifdef FP_FAST_FMA
	err |= fpc_probe_set(p, "fp_fast_fma", "yes");
#else
	err |= fpc_probe_set(p, "fp_fast_fma", "no");
#endif
	return err;
}

/* The control register (status flags included), where the target has
 * one: read before the probes of observed_modes raise flags. */
static int control_register(struct fpc_prov *p)
{
	int err = 0;

#if defined(__SSE__) && (defined(__x86_64__) || defined(__i386__))
	{
		char buf[32];
		snprintf(buf, sizeof(buf), "0x%08x", __builtin_ia32_stmxcsr());
		err |= fpc_probe_set(p, "mxcsr", buf);
	}
#endif
#if defined(__aarch64__)
	{
		unsigned long long fpcr;
		char buf[32];
		__asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
		snprintf(buf, sizeof(buf), "0x%08llx", fpcr);
		err |= fpc_probe_set(p, "fpcr", buf);
	}
#endif
	(void)p;
	return err;
}

/*
 * Observed, not configured: what a kernel in this process sees.
 * DBL_MIN/2 is subnormal, so it is 0 only when results are flushed; the
 * smallest subnormal compares equal to 0 only when inputs are.
 */
static int observed_modes(struct fpc_prov *p)
{
	volatile double tiny = DBL_MIN, half = 0.5, sub;
	uint64_t one = 1;
	int err = 0;

	memcpy((void *)&sub, &one, sizeof(one));
	err |= fpc_probe_set(p, "ftz", tiny * half == 0 ? "on" : "off");
	err |= fpc_probe_set(p, "daz", sub == 0 ? "on" : "off");
	err |= fpc_probe_set(p, "rounding", rounding_name());
	err |= fpc_probe_set(p, "fenv.flags", FPC_HAVE_FLAGS ? "yes" : "no");
	return err;
}

/* "time": when the runner started, UTC. */
static int time_key(struct fpc_prov *p, time_t now)
{
	struct tm tm;
	char buf[32];

	if (!gmtime_r(&now, &tm))
		return 0;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return fpc_probe_set(p, "time", buf);
}

int fpc_probe_collect(struct fpc_prov *p)
{
	time_t now = time(NULL);
	int err = 0;

	err |= build_keys(p);
	err |= machine_keys(p);
	err |= type_keys(p);
	err |= control_register(p);
	err |= observed_modes(p);
	err |= time_key(p, now);
	return err ? FPC_ERR_NOMEM : 0;
}
