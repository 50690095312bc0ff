/* minispike's GeoJSON validation: the shapes the real server stores and the
 * ones it refuses with 160, beyond the three captured puts. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "server/geojson.h"
#include "common/check_main.h"

/* The particle as written by a client: flags 0, no cells, then the text. */
static bool valid(const char *json)
{
	uint8_t buf[1024];
	size_t n = strlen(json);

	ck_assert_uint_lt(n + 3, sizeof(buf));
	buf[0] = 0;
	buf[1] = 0;
	buf[2] = 0;
	memcpy(buf + 3, json, n);
	return ms_geojson_valid(buf, (uint32_t)(n + 3));
}

START_TEST(accepted_shapes)
{
	ck_assert(valid("{\"type\":\"Point\",\"coordinates\":[1.5,2.5]}"));
	ck_assert(valid("{\"type\":\"Point\",\"coordinates\":[-180,90]}"));
	ck_assert(valid("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"));
	ck_assert(valid("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],"
	                "[[[5,5],[6,5],[6,6],[5,5]]]]}"));
	ck_assert(valid("{\"type\":\"AeroCircle\",\"coordinates\":[[-122.25,37.5],1000]}"));
}
END_TEST

START_TEST(refused_shapes)
{
	ck_assert(!valid("{\"type\":\"Point\"}"));                              /* captured */
	ck_assert(!valid("not json"));                                          /* captured */
	ck_assert(!valid("[1,2]"));
	ck_assert(!valid("{\"type\":\"Point\",\"coordinates\":[1]}"));
	ck_assert(!valid("{\"type\":\"Point\",\"coordinates\":[181,0]}"));
	ck_assert(!valid("{\"type\":\"Point\",\"coordinates\":[0,-91]}"));
	ck_assert(!valid("{\"type\":\"Point\",\"coordinates\":[\"1\",\"2\"]}"));
	ck_assert(!valid("{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}"));
	/* a ring must be closed and have four positions */
	ck_assert(!valid("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}"));
	ck_assert(!valid("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}"));
	ck_assert(!valid("{\"type\":\"Polygon\",\"coordinates\":[]}"));
	ck_assert(!valid("{\"type\":\"MultiPolygon\",\"coordinates\":[]}"));
	ck_assert(!valid("{\"type\":\"AeroCircle\",\"coordinates\":[[0,0],-1]}"));
	ck_assert(!valid("{\"type\":\"AeroCircle\",\"coordinates\":[[0,0]]}"));
	ck_assert(!valid("{\"type\":\"Point\",\"type\":\"Point\",\"coordinates\":[0,0]}"));
}
END_TEST

START_TEST(particle_header)
{
	/* the server's own stored form: one cell id before the text */
	static const char json[] = "{\"type\":\"Point\",\"coordinates\":[1.5,2.5]}";
	uint8_t buf[64] = {0, 0, 1, 0x10, 0x1b, 0x4a, 0x5f, 0x93, 0xe1, 0x0d, 0xd1};

	memcpy(buf + 11, json, sizeof(json) - 1);
	ck_assert(ms_geojson_valid(buf, (uint32_t)(11 + sizeof(json) - 1)));
	/* a cell count running past the value, and a value too short */
	buf[2] = 9;
	ck_assert(!ms_geojson_valid(buf, (uint32_t)(11 + sizeof(json) - 1)));
	ck_assert(!ms_geojson_valid(buf, 2));
	ck_assert(!ms_geojson_valid(buf, 0));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ms_geojson");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, accepted_shapes);
	tcase_add_test(tc, refused_shapes);
	tcase_add_test(tc, particle_header);
	suite_add_tcase(s, tc);
	return s;
}
