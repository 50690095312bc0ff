/* GeoJSON validation on write. The real server parses every GeoJSON bin it
 * stores and answers 160 for text that is not JSON or not a region it can
 * index (put_geojson_invalid, put_geojson_not_json in reference/cdt). */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "geojson.h"

/* flags (1 byte) and the cell count (2 bytes, big-endian) precede the cells */
#define GEO_HEADER 3
#define GEO_CELL 8

/* [lng, lat] in range */
static bool geo_position(const json_t *p)
{
	double lng, lat;

	if (!json_is_array(p) || json_array_size(p) != 2 || !json_is_number(json_array_get(p, 0)) ||
	    !json_is_number(json_array_get(p, 1)))
		return false;
	lng = json_number_value(json_array_get(p, 0));
	lat = json_number_value(json_array_get(p, 1));
	return isfinite(lng) && isfinite(lat) && lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90;
}

/* A closed ring of at least 4 positions (first == last). */
static bool geo_ring(const json_t *r)
{
	size_t n = json_array_size(r);

	if (!json_is_array(r) || n < 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!geo_position(json_array_get(r, i)))
			return false;
	return json_equal(json_array_get(r, 0), json_array_get(r, n - 1));
}

static bool geo_polygon(const json_t *rings)
{
	if (!json_is_array(rings) || json_array_size(rings) == 0)
		return false;
	for (size_t i = 0; i < json_array_size(rings); i++)
		if (!geo_ring(json_array_get(rings, i)))
			return false;
	return true;
}

static bool geo_shape(const json_t *doc)
{
	const char *type = json_string_value(json_object_get(doc, "type"));
	const json_t *c = json_object_get(doc, "coordinates");

	if (type == NULL || c == NULL)
		return false;
	if (strcmp(type, "Point") == 0)
		return geo_position(c);
	if (strcmp(type, "Polygon") == 0)
		return geo_polygon(c);
	if (strcmp(type, "MultiPolygon") == 0) {
		if (!json_is_array(c) || json_array_size(c) == 0)
			return false;
		for (size_t i = 0; i < json_array_size(c); i++)
			if (!geo_polygon(json_array_get(c, i)))
				return false;
		return true;
	}
	if (strcmp(type, "AeroCircle") == 0) {
		const json_t *r = json_array_get(c, 1);

		return json_is_array(c) && json_array_size(c) == 2 && geo_position(json_array_get(c, 0)) &&
		       json_is_number(r) && json_number_value(r) >= 0 && isfinite(json_number_value(r));
	}
	return false;
}

bool ms_geojson_valid(const uint8_t *v, uint32_t len)
{
	size_t skip;
	json_t *doc;
	bool ok;

	if (len < GEO_HEADER)
		return false;
	skip = GEO_HEADER + (size_t)((v[1] << 8) | v[2]) * GEO_CELL;
	if (skip > len)
		return false;
	doc = json_loadb((const char *)v + skip, len - skip, JSON_REJECT_DUPLICATES, NULL);
	ok = json_is_object(doc) && geo_shape(doc);
	json_decref(doc);
	return ok;
}
