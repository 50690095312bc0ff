/* GeoJSON particles as the server accepts them: the particle header
 * (flags, cell count, cell ids) followed by the JSON text, whose shape must
 * be one the server can index (Point, Polygon, MultiPolygon, AeroCircle). */
#ifndef MS_GEOJSON_H
#define MS_GEOJSON_H

#include <stdbool.h>
#include <stdint.h>

/* Whether the particle value v (len bytes, as written on the wire) is a
 * GeoJSON the real server stores; false means result code 160. */
bool ms_geojson_valid(const uint8_t *v, uint32_t len);

#endif
