/* GEO compare in expressions: a Point against a Polygon, MultiPolygon or
 * AeroCircle (either side), by ray casting on longitude/latitude and the
 * haversine distance for circles. Region against region is not decided
 * (unknown): minispike has no cell index to compare regions with. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <jansson.h>

#include "exp.h"

#define EARTH_RADIUS_M 6371000.0

static bool point_of(const json_t *c, double *lon, double *lat)
{
	if (!json_is_array(c) || json_array_size(c) < 2 || !json_is_number(json_array_get(c, 0)) ||
	    !json_is_number(json_array_get(c, 1)))
		return false;
	*lon = json_number_value(json_array_get(c, 0));
	*lat = json_number_value(json_array_get(c, 1));
	return true;
}

/* Even-odd rule over one ring; -1 when the ring is malformed. */
static int in_ring(const json_t *ring, double x, double y)
{
	size_t n = json_array_size(ring);
	int in = 0;

	if (!json_is_array(ring) || n < 4)
		return -1;
	for (size_t i = 0, j = n - 1; i < n; j = i++) {
		double xi, yi, xj, yj;

		if (!point_of(json_array_get(ring, i), &xi, &yi) || !point_of(json_array_get(ring, j), &xj, &yj))
			return -1;
		if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
			in = !in;
	}
	return in;
}

/* Inside the outer ring and outside every hole. */
static int in_polygon(const json_t *rings, double x, double y)
{
	size_t n = json_array_size(rings);
	int r = -1;

	if (!json_is_array(rings) || n == 0 || (r = in_ring(json_array_get(rings, 0), x, y)) != 1)
		return r;
	for (size_t i = 1; i < n; i++)
		if ((r = in_ring(json_array_get(rings, i), x, y)) != 0)
			return r < 0 ? -1 : 0;
	return 1;
}

static int in_region(const json_t *region, double x, double y)
{
	const char *type = json_string_value(json_object_get(region, "type"));
	const json_t *c = json_object_get(region, "coordinates");

	if (type == NULL)
		return -1;
	if (strcmp(type, "Polygon") == 0)
		return in_polygon(c, x, y);
	if (strcmp(type, "MultiPolygon") == 0) {
		if (!json_is_array(c))
			return -1;
		for (size_t i = 0; i < json_array_size(c); i++) {
			int r = in_polygon(json_array_get(c, i), x, y);

			if (r != 0)
				return r;
		}
		return 0;
	}
	if (strcmp(type, "AeroCircle") == 0) {
		double cx, cy, rad, p1, p2, dp, dl, h;

		if (!json_is_array(c) || !point_of(json_array_get(c, 0), &cx, &cy) ||
		    !json_is_number(json_array_get(c, 1)))
			return -1;
		rad = json_number_value(json_array_get(c, 1));
		p1 = cy * M_PI / 180;
		p2 = y * M_PI / 180;
		dp = p2 - p1;
		dl = (x - cx) * M_PI / 180;
		h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
		return 2 * EARTH_RADIUS_M * asin(sqrt(h)) <= rad;
	}
	return -1;
}

static bool is_point(const json_t *g, double *x, double *y)
{
	const char *type = json_string_value(json_object_get(g, "type"));

	return type != NULL && strcmp(type, "Point") == 0 && point_of(json_object_get(g, "coordinates"), x, y);
}

int ms_exp_geo_relate(const char *a, const char *b)
{
	json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
	double x, y;
	int r = -1;

	if (ja != NULL && jb != NULL) {
		if (is_point(ja, &x, &y))
			r = in_region(jb, x, y);
		else if (is_point(jb, &x, &y))
			r = in_region(ja, x, y);
	}
	json_decref(ja);
	json_decref(jb);
	return r;
}
