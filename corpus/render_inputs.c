/*
 * Corpus of the render kernels: one descriptor per value of the image,
 * (width, height, index), in row-major order with a pixel's three
 * channels together, so that the runner computes each pixel once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_impl.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "kernels/render.h"

int fpc_corpus_gen_render(const struct fpc_kernel *k,
			  const struct fpc_corpus_options *o,
			  struct fpc_corpus_kernel *out)
{
	uint32_t w = o->image_w ? o->image_w : FPC_CORPUS_IMAGE_W;
	uint32_t h = o->image_h ? o->image_h : FPC_CORPUS_IMAGE_H;
	uint32_t total = w * h * 3;
	char buf[64];

	memset(out, 0, sizeof(*out));
	if (w > FPC_RENDER_MAX_SIDE || h > FPC_RENDER_MAX_SIDE)
		return FPC_ERR_ARG;
	for (unsigned a = 0; a < 3; a++)
		if (!(out->data.in[a] = malloc(total * sizeof(uint64_t))))
			goto nomem;
	if (!(out->origin = calloc(total, sizeof(uint16_t))) ||
	    !(out->notes = calloc(1, sizeof(char *))))
		goto nomem;
	snprintf(buf, sizeof(buf), "image: %ux%u, %u sample%s per pixel",
		 (unsigned)w, (unsigned)h, k->fn->render->spp,
		 k->fn->render->spp == 1 ? "" : "s");
	if (!(out->notes[0] = strdup(buf)))
		goto nomem;
	out->nnotes = 1;
	for (uint32_t i = 0; i < total; i++) {
		out->data.in[0][i] = fpc_reduce_bits(k->format, w);
		out->data.in[1][i] = fpc_reduce_bits(k->format, h);
		out->data.in[2][i] = fpc_reduce_bits(k->format, i);
	}
	snprintf(out->data.name, sizeof(out->data.name), "%s", k->name);
	out->data.in_format = out->data.out_format = (uint8_t)k->format;
	out->data.arity = 3;
	out->data.n = total;
	return 0;
nomem:
	for (unsigned a = 0; a < 3; a++)
		free(out->data.in[a]);
	free(out->origin);
	free(out->notes);
	memset(out, 0, sizeof(*out));
	return FPC_ERR_NOMEM;
}
