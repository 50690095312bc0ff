/* msgpack decoder: any bytes either decode into a value or fail cleanly. A
 * decoded value must pack, and packing is then a fixed point: what was
 * packed decodes again (using every byte) and packs to the same bytes. */
#include "config.h"

#include <string.h>

#include "codec/msgpack.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_value v, v2;
	as_buffer b1, b2;
	as_error err;
	size_t used = 0;

	if (as_msgpack_unpack(data, size, &v, &used, &err) != AEROSPIKE_OK) {
		FUZZ_CHECK(v.type == AS_NIL);
		return 0;
	}
	FUZZ_CHECK(used >= 1 && used <= size);

	as_buffer_init(&b1);
	as_buffer_init(&b2);
	FUZZ_CHECK(as_msgpack_pack(&b1, &v, &err) == AEROSPIKE_OK);
	FUZZ_CHECK(as_msgpack_unpack(b1.data, b1.len, &v2, &used, &err) == AEROSPIKE_OK);
	FUZZ_CHECK(used == b1.len);
	FUZZ_CHECK(as_msgpack_pack(&b2, &v2, &err) == AEROSPIKE_OK);
	FUZZ_CHECK(b1.len == b2.len && memcmp(b1.data, b2.data, b1.len) == 0);

	as_value_destroy(&v);
	as_value_destroy(&v2);
	as_buffer_free(&b1);
	as_buffer_free(&b2);
	return 0;
}
