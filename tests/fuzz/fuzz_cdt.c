/* minispike's collection engine (ms_cdt_eval) on any operation payload.
 * The input's first byte picks the bin value the op runs on (low 3 bits:
 * one of the values below, from absent to nested) and whether it may
 * modify (bit 7, as CDT_MODIFY); the rest is the msgpack payload the op
 * carries on the wire. The engine must answer with a result code, never
 * crash or leak; a read must not change the bin; and on success the bin
 * and the result must still be values that pack to msgpack. */
#include "config.h"

#include "codec/msgpack.h"
#include "server/cdt.h"
#include "fuzz.h"

static as_value ints(int n, const int64_t *v)
{
	as_list *l = as_list_new((uint32_t)n);

	for (int i = 0; i < n; i++)
		as_list_append_int(l, v[i]);
	return as_value_list(l);
}

static as_value small_map(uint8_t order)
{
	as_map *m = as_map_new(3);

	as_map_put_str(m, "a", as_value_int(1));
	as_map_put_str(m, "b", as_value_int(2));
	as_map_put_str(m, "c", as_value_int(3));
	m->order = order;
	return as_value_map(m);
}

/* The bin a case runs on; *order is its list order. */
static as_value bin_value(unsigned pick, uint8_t *order)
{
	static const int64_t unsorted[] = {10, 3, 7, 3, 1}, sorted[] = {1, 3, 3, 7, 10};
	as_list *l;
	as_map *m;

	*order = 0;
	switch (pick) {
	case 0:
		return as_value_nil();
	case 1:
		return ints(5, unsorted);
	case 2:
		*order = 1;
		return ints(5, sorted);
	case 3:
		return small_map(0);
	case 4:
		return small_map(1);
	case 5: /* {"a": [[5, 6], 7], "m": {"a": 1, ...}} */
		l = as_list_new(2);
		as_list_append(l, ints(2, (const int64_t[]){5, 6}));
		as_list_append_int(l, 7);
		m = as_map_new(2);
		as_map_put_str(m, "a", as_value_list(l));
		as_map_put_str(m, "m", small_map(1));
		return as_value_map(m);
	case 6: /* one of every type, in no order */
		l = as_list_new(8);
		as_list_append(l, as_value_str("s"));
		as_list_append(l, as_value_nil());
		as_list_append(l, as_value_double(2.5));
		as_list_append(l, as_value_bool(true));
		as_list_append(l, as_value_bytes((const uint8_t *)"\x01\x02", 2));
		as_list_append(l, small_map(0));
		as_list_append_int(l, -1);
		as_list_append(l, ints(1, (const int64_t[]){1}));
		return as_value_list(l);
	default: /* empty */
		return as_value_list(as_list_new(0));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_value bin, payload, result, copy;
	as_buffer b;
	as_error err;
	size_t used = 0;
	uint8_t order;
	bool modify, changed = false;
	int rc;

	if (size < 2)
		return 0;
	modify = (data[0] & 0x80) != 0;
	if (as_msgpack_unpack(data + 1, size - 1, &payload, &used, &err) != AEROSPIKE_OK)
		return 0;
	bin = bin_value(data[0] & 7, &order);
	copy = as_value_copy(&bin);
	result = as_value_nil();

	rc = ms_cdt_eval(&bin, &order, &payload, modify, &result, &changed);
	FUZZ_CHECK(rc >= 0 && rc <= 255);
	if (rc == AEROSPIKE_OK) {
		if (!modify)
			FUZZ_CHECK(!changed && as_value_equal(&bin, &copy));
		as_buffer_init(&b);
		FUZZ_CHECK(as_msgpack_pack(&b, &bin, &err) == AEROSPIKE_OK);
		FUZZ_CHECK(as_msgpack_pack(&b, &result, &err) == AEROSPIKE_OK);
		as_buffer_free(&b);
	}
	as_value_destroy(&result);
	as_value_destroy(&bin);
	as_value_destroy(&copy);
	as_value_destroy(&payload);
	return 0;
}
