/*
 * A user's own functions (include/fpcheck/kernel.h), for fpcheck run
 * --kernels: building a runner with them, asking it what they are, and
 * giving each the inputs of the function it implements.
 */
#include "user.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_error.h"
#include "cli_process.h"
#include "fpcheck/catalog.h"
#include "fpcheck/error.h"

int cli_user_add_files(struct cli_user_files *f, char *arg)
{
	for (char *p = strtok(arg, ","); p; p = strtok(NULL, ",")) {
		if (f->n == CLI_USER_FILES)
			return cli_error("--kernels: at most %d files",
					 CLI_USER_FILES);
		if (access(p, R_OK))
			return cli_error("cannot open '%s': %s", p,
					 strerror(errno));
		f->file[f->n++] = p;
	}
	if (!f->n)
		return cli_error("--kernels takes a file");
	return 0;
}

/* Compiles the runner b describes. */
static int build(const struct cli_runner_build *b)
{
	struct cli_argv a = {0};
	int rc;

	if (cli_runner_argv(b, &a))
		rc = cli_error("out of memory");
	else
		rc = cli_spawn(a.v, 300, NULL,
			       "the build of the runner with your kernels");
	cli_argv_free(&a);
	return rc;
}

/* The functions in the runner's --list-user lines ("name implements
 * type arity"), appended to *u; a line that is not one is skipped. */
static void read_list(FILE *f, struct cli_user **u, size_t *n)
{
	char line[512];

	while (fgets(line, sizeof(line), f)) {
		struct cli_user x = {0};
		struct cli_user *grown;
		char tail;
		if (sscanf(line, "%63s %63s %7s %u%c", x.name, x.implements,
			   x.type, &x.arity, &tail) != 5 ||
		    tail != '\n')
			continue;
		if (!(grown = realloc(*u, (*n + 1) * sizeof(**u))))
			break;
		*u = grown;
		(*u)[(*n)++] = x;
	}
}

int cli_user_list(const char *runner, struct cli_user **out, size_t *n)
{
	char *argv[] = {(char *)runner, "--list-user", NULL};
	struct cli_child child = {.argv = argv, .direct = 1, .pipe_out = 1};
	struct cli_user *u = NULL;
	int status;
	FILE *f;

	*out = NULL;
	*n = 0;
	if (cli_child_start(&child))
		return cli_error("cannot start the runner: %s",
				 strerror(errno));
	f = fdopen(child.out, "r");
	if (f) {
		read_list(f, &u, n);
		fclose(f);
	} else
		close(child.out);
	if (cli_child_wait(&child, &status) || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		free(u);
		*n = 0;
		return cli_error(
		    "the runner with your kernels cannot list them");
	}
	*out = u;
	return 0;
}

const char *cli_user_source(const struct cli_user *u, char *buf, size_t len)
{
	/* Without a function: the inputs of atan (atan2), which span the
	 * whole range with every special value. */
	const char *fn = strcmp(u->implements, "-") ? u->implements
			 : u->arity == 1	    ? "atan"
						    : "atan2";
	snprintf(buf, len, "%s%s", fn, strcmp(u->type, "float") ? "" : "f");
	return buf;
}

int cli_user_corpus(struct fpc_corpus *c, const struct cli_user *u, size_t n)
{
	struct fpc_corpus_kernel *k;

	if (!(k = realloc(c->k, (c->n + n) * sizeof(*k))))
		return FPC_ERR_NOMEM;
	c->k = k;
	for (size_t i = 0; i < n; i++) {
		char name[FPC_NAME_MAX + 2];
		const struct fpc_corpus_kernel *src = fpc_corpus_find(
		    c, cli_user_source(&u[i], name, sizeof(name)));
		struct fpc_corpus_kernel *dst = &c->k[c->n];
		uint32_t m;

		if (!src)
			return FPC_ERR_UNKNOWN;
		m = src->data.n;
		memset(dst, 0, sizeof(*dst));
		dst->data = src->data;
		snprintf(dst->data.name, sizeof(dst->data.name), "%s",
			 u[i].name);
		for (unsigned a = 0; a < FPC_MAX_ARITY; a++)
			dst->data.in[a] = NULL;
		dst->data.out = NULL;
		dst->data.flags = NULL;
		for (unsigned a = 0; a < src->data.arity; a++) {
			if (!(dst->data.in[a] =
				  malloc((m ? m : 1) * sizeof(uint64_t))))
				return FPC_ERR_NOMEM;
			memcpy(dst->data.in[a], src->data.in[a],
			       m * sizeof(uint64_t));
		}
		if (!(dst->origin = malloc((m ? m : 1) * sizeof(uint16_t))) ||
		    !(dst->notes = calloc(src->nnotes ? src->nnotes : 1,
					  sizeof(char *))))
			return FPC_ERR_NOMEM;
		memcpy(dst->origin, src->origin, m * sizeof(uint16_t));
		c->n++;
		for (size_t j = 0; j < src->nnotes; j++) {
			if (!(dst->notes[j] = strdup(src->notes[j])))
				return FPC_ERR_NOMEM;
			dst->nnotes = j + 1;
		}
	}
	c->hash = FPC_FNV1A64_INIT;
	for (size_t i = 0; i < c->n; i++)
		c->hash = fpc_kdata_hash(c->hash, &c->k[i].data);
	return 0;
}

int cli_user_prepare(const struct cli_runner_build *b, const char *functions,
		     struct cli_user **users, size_t *n, char *sel, size_t len)
{
	char name[FPC_NAME_MAX + 2];
	size_t used = 0;
	int rc;

	*users = NULL;
	*n = 0;
	if ((rc = build(b)) || (rc = cli_user_list(b->out, users, n)))
		return rc;
	if (!*n)
		return cli_error("'%s'%s register%s no function (see "
				 "include/fpcheck/kernel.h)",
				 b->files[0],
				 b->nfiles > 1 ? " and the rest" : "",
				 b->nfiles > 1 ? "" : "s");
	/* The functions the user's implement, for their inputs and as the
	 * reference rows, unless -f chose others (then those too). */
	if (strcmp(functions, "all"))
		used = (size_t)snprintf(sel, len, "%s", functions);
	for (size_t i = 0; i < *n && used < len; i++) {
		const struct cli_user *u = &(*users)[i];
		if (!fpc_kernel_find(cli_user_source(u, name, sizeof(name))))
			return cli_error("%s: '%s' is no function fpcheck "
					 "knows (did you mean another C math "
					 "function?)",
					 u->name, u->implements);
		used += (size_t)snprintf(sel + used, len - used, "%s%s",
					 used ? "," : "", name);
	}
	if (used >= len)
		return cli_error("too many functions selected");
	return 0;
}
