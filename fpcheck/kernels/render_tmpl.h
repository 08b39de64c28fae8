/*
 * The render kernels over a type REAL, included by render.c once per
 * type with REAL, SFX (name suffix of the internal helpers) and PUBLIC
 * (name of the exported functions) defined.  No include guard: that is
 * the point.  Constants go through K() so that they have type REAL.
 */
#define N(name) CAT(name, SFX)
#define K(c)	((REAL)(c))
#define VEC	N(vec)

typedef struct {
	REAL x, y, z;
} VEC;

static VEC N(v3)(REAL x, REAL y, REAL z)
{
	VEC r = {x, y, z};
	return r;
}

static VEC N(add)(VEC a, VEC b)
{
	return N(v3)(a.x + b.x, a.y + b.y, a.z + b.z);
}

static VEC N(sub)(VEC a, VEC b)
{
	return N(v3)(a.x - b.x, a.y - b.y, a.z - b.z);
}

static VEC N(scale)(VEC a, REAL s)
{
	return N(v3)(a.x * s, a.y * s, a.z * s);
}

static VEC N(mul)(VEC a, VEC b)
{
	return N(v3)(a.x * b.x, a.y * b.y, a.z * b.z);
}

static REAL N(dot)(VEC a, VEC b)
{
	return a.x * b.x + a.y * b.y + a.z * b.z;
}

static VEC N(cross)(VEC a, VEC b)
{
	return N(v3)(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z,
		     a.x * b.y - a.y * b.x);
}

static VEC N(unit)(VEC a)
{
	return N(scale)(a, K(1) / sqrt(N(dot)(a, a)));
}

/* A uniform number in [0, 1) with 24 random bits: exact in both types. */
static REAL N(uniform)(struct pcg *g)
{
	return K(pcg_next(g) >> 8) * K(0x1p-24);
}

/* ---- the path tracer -------------------------------------------------- */

enum { N(DIFFUSE), N(MIRROR), N(GLASS), N(LIGHT) };

/* The scene: spheres over a checkered ground plane y = 0, lit by a
 * spherical area light and a dim sky.  Radii and positions in metres. */
static const struct {
	double c[3], r, colour[3];
	int material;
} N(spheres)[] = {
    {{-1.35, 0.7, -0.7}, 0.7, {0.75, 0.3, 0.22}, N(DIFFUSE)},
    {{1.3, 0.65, -1.0}, 0.65, {0.92, 0.92, 0.95}, N(MIRROR)},
    /* colour of the glass: absorption per metre (Beer-Lambert) */
    {{0.15, 0.6, 0.55}, 0.6, {0.25, 0.06, 0.12}, N(GLASS)},
    {{-0.2, 4.4, -0.2}, 1.4, {6.0, 5.5, 4.8}, N(LIGHT)},
};

#define NSPHERES (sizeof(N(spheres)) / sizeof(N(spheres)[0]))

/* Nearest hit of the ray o + t d (|d| = 1) with t > tmin: the object
 * (sphere index, NSPHERES for the ground, -1 for none) and t. */
static int N(hit)(VEC o, VEC d, REAL *t)
{
	const REAL tmin = K(1e-3);
	int best = -1;

	*t = K(1e30);
	for (unsigned i = 0; i < NSPHERES; i++) {
		VEC c = N(v3)(K(N(spheres)[i].c[0]), K(N(spheres)[i].c[1]),
			      K(N(spheres)[i].c[2]));
		REAL r = K(N(spheres)[i].r);
		VEC oc = N(sub)(o, c);
		REAL b = N(dot)(oc, d), q = N(dot)(oc, oc) - r * r;
		REAL disc = b * b - q, s, ti;

		if (disc < 0)
			continue;
		s = sqrt(disc);
		ti = -b - s;
		if (ti <= tmin)
			ti = -b + s;
		if (ti > tmin && ti < *t) {
			*t = ti;
			best = (int)i;
		}
	}
	if (d.y != 0) {
		REAL ti = -o.y / d.y;
		if (ti > tmin && ti < *t) {
			*t = ti;
			best = (int)NSPHERES;
		}
	}
	return best;
}

/* A direction about the unit normal n with density cos(theta) / pi. */
static VEC N(cosine_dir)(VEC n, struct pcg *g)
{
	REAL u1 = N(uniform)(g), u2 = N(uniform)(g);
	REAL r = sqrt(u1), phi = K(6.283185307179586) * u2;
	VEC a = fabs(n.x) > K(0.1) ? N(v3)(0, 1, 0) : N(v3)(1, 0, 0);
	VEC t = N(unit)(N(cross)(a, n)), b = N(cross)(n, t);

	return N(unit)(
	    N(add)(N(add)(N(scale)(t, r * cos(phi)), N(scale)(b, r * sin(phi))),
		   N(scale)(n, sqrt(K(1) - u1))));
}

static VEC N(sky)(VEC d)
{
	REAL up = K(0.5) + K(0.5) * d.y;
	return N(v3)(K(0.04) + K(0.06) * up, K(0.05) + K(0.08) * up,
		     K(0.08) + K(0.14) * up);
}

/* Radiance along the ray o + t d. */
static VEC N(radiance)(VEC o, VEC d, struct pcg *g)
{
	VEC through = N(v3)(1, 1, 1), sum = N(v3)(0, 0, 0);

	for (int depth = 0; depth < FPC_PATH_DEPTH; depth++) {
		REAL t;
		int obj = N(hit)(o, d, &t);
		VEC p, n, colour;
		int material;

		if (obj < 0)
			return N(add)(sum, N(mul)(through, N(sky)(d)));
		p = N(add)(o, N(scale)(d, t));
		if (obj == (int)NSPHERES) {
			/* checkers of 1 m: floor() of a computed position */
			int odd = ((long)floor(p.x) + (long)floor(p.z)) & 1;
			n = N(v3)(0, 1, 0);
			colour = odd ? N(v3)(K(0.2), K(0.2), K(0.22))
				     : N(v3)(K(0.7), K(0.7), K(0.68));
			material = N(DIFFUSE);
		} else {
			VEC c = N(v3)(K(N(spheres)[obj].c[0]),
				      K(N(spheres)[obj].c[1]),
				      K(N(spheres)[obj].c[2]));
			n = N(scale)(N(sub)(p, c), K(1) / K(N(spheres)[obj].r));
			colour = N(v3)(K(N(spheres)[obj].colour[0]),
				       K(N(spheres)[obj].colour[1]),
				       K(N(spheres)[obj].colour[2]));
			material = N(spheres)[obj].material;
		}
		if (material == N(LIGHT))
			return N(add)(sum, N(mul)(through, colour));
		o = p;
		if (material == N(DIFFUSE)) {
			if (N(dot)(n, d) > 0)
				n = N(scale)(n, K(-1));
			through = N(mul)(through, colour);
			d = N(cosine_dir)(n, g);
		} else if (material == N(MIRROR)) {
			through = N(mul)(through, colour);
			d = N(sub)(d, N(scale)(n, K(2) * N(dot)(n, d)));
		} else {
			/* Glass of index 1.5: Fresnel by Schlick's
			 * approximation, absorption inside by Beer-Lambert. */
			REAL cosi = N(dot)(d, n), eta, k, c, r0, fr;
			int entering = cosi < 0;
			VEC nl = entering ? n : N(scale)(n, K(-1));

			if (!entering)
				through =
				    N(mul)(through, N(v3)(exp(-colour.x * t),
							  exp(-colour.y * t),
							  exp(-colour.z * t)));
			eta = entering ? K(1) / K(1.5) : K(1.5);
			c = -N(dot)(d, nl);
			k = K(1) - eta * eta * (K(1) - c * c);
			r0 = (K(1) - K(1.5)) / (K(1) + K(1.5));
			r0 = r0 * r0;
			fr = k < 0
				 ? K(1)
				 : r0 + (K(1) - r0) *
					    pow(K(1) - (entering ? c : sqrt(k)),
						K(5));
			if (N(uniform)(g) < fr)
				d = N(add)(d, N(scale)(nl, K(2) * c));
			else
				d = N(unit)(
				    N(add)(N(scale)(d, eta),
					   N(scale)(nl, eta * c - sqrt(k))));
		}
	}
	return sum;
}

void PUBLIC(path)(unsigned spp, uint32_t w, uint32_t h, uint32_t x, uint32_t y,
		  REAL rgb[3])
{
	const VEC eye = N(v3)(K(0.0), K(1.25), K(4.6));
	const VEC at = N(v3)(K(0.0), K(0.7), K(0.0));
	VEC fwd = N(unit)(N(sub)(at, eye));
	VEC right = N(unit)(N(cross)(fwd, N(v3)(0, 1, 0)));
	VEC up = N(cross)(right, fwd);
	REAL half = tan(K(0.3926990816987241)); /* 45 degrees vertically */
	REAL aspect = K(w) / K(h);
	VEC sum = N(v3)(0, 0, 0);
	struct pcg g;

	pcg_seed(&g, w, x, y);
	for (unsigned s = 0; s < spp; s++) {
		REAL u = (K(x) + N(uniform)(&g)) / K(w) * K(2) - K(1);
		REAL v = K(1) - (K(y) + N(uniform)(&g)) / K(h) * K(2);
		VEC d = N(unit)(
		    N(add)(fwd, N(add)(N(scale)(right, u * half * aspect),
				       N(scale)(up, v * half))));
		sum = N(add)(sum, N(radiance)(eye, d, &g));
	}
	rgb[0] = sum.x / K(spp);
	rgb[1] = sum.y / K(spp);
	rgb[2] = sum.z / K(spp);
}

/* ---- the fractal ------------------------------------------------------- */

/*
 * The Mandelbrot set around -0.7436 + 0.1318i ("seahorse valley"), 0.01
 * wide, coloured by the smooth escape count through a cosine palette.
 * Points inside, or still iterating after FPC_MANDEL_ITER steps, are
 * black.
 */
void PUBLIC(mandelbrot)(unsigned spp, uint32_t w, uint32_t h, uint32_t x,
			uint32_t y, REAL rgb[3])
{
	const REAL cx0 = K(-0.74364), cy0 = K(0.13183), width = K(0.01);
	REAL step = width / K(w);
	REAL cx = cx0 + (K(x) + K(0.5) - K(w) / K(2)) * step;
	REAL cy = cy0 - (K(y) + K(0.5) - K(h) / K(2)) * step;
	REAL zx = 0, zy = 0, r2 = 0;
	int i;

	(void)spp;
	for (i = 0; i < FPC_MANDEL_ITER; i++) {
		REAL t = zx * zx - zy * zy + cx;
		zy = K(2) * zx * zy + cy;
		zx = t;
		r2 = zx * zx + zy * zy;
		if (r2 > K(65536)) /* escape radius 256, for smooth colour */
			break;
	}
	if (i == FPC_MANDEL_ITER) {
		rgb[0] = rgb[1] = rgb[2] = 0;
		return;
	}
	{
		/* smooth count: i + 1 - log2(log2 |z|) */
		REAL nu =
		    K(i) + K(1) - log(log(r2) * K(0.5) / log(K(2))) / log(K(2));
		REAL t = nu / K(48);
		const REAL tau = K(6.283185307179586);

		rgb[0] = K(0.5) + K(0.5) * cos(tau * (t + K(0.0)));
		rgb[1] = K(0.5) + K(0.5) * cos(tau * (t + K(0.15)));
		rgb[2] = K(0.5) + K(0.5) * cos(tau * (t + K(0.3)));
	}
}

#undef N
#undef K
#undef VEC
#undef NSPHERES
