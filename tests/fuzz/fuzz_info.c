/* Info parsers: the input is an info reply body ("name\tvalue\n"...). Every
 * value goes through every parser tend uses, whatever its name, so each
 * parser sees all the shapes the fuzzer finds for any of them. */
#include "config.h"

#include <string.h>

#include "codec/info.h"
#include "fuzz.h"

static void parse_value(const char *v, size_t len)
{
	as_error err;
	uint64_t u;
	as_version ver;
	char node[AS_NODE_NAME_MAX + 1];
	as_peers peers;
	as_replicas rep;

	as_info_value_error(v, len, &err);
	as_info_parse_u64(v, len, &u, &err);
	as_info_parse_build(v, len, &ver, &err);
	if (as_info_parse_node(v, len, node, &err) == AEROSPIKE_OK)
		FUZZ_CHECK(strlen(node) == len);

	if (as_info_parse_peers(v, len, &peers, &err) == AEROSPIKE_OK) {
		for (size_t i = 0; i < peers.n; i++) {
			const as_peer *p = &peers.peers[i];

			FUZZ_CHECK(strlen(p->node) > 0 && strlen(p->node) <= AS_NODE_NAME_MAX);
			for (size_t h = 0; h < p->n_hosts; h++)
				FUZZ_CHECK(p->hosts[h].host[0] != '\0' && p->hosts[h].port != 0);
		}
	} else {
		FUZZ_CHECK(peers.n == 0 && peers.peers == NULL);
	}
	as_peers_free(&peers);

	if (as_info_parse_replicas(v, len, &rep, &err) == AEROSPIKE_OK) {
		unsigned sum = 0;

		/* touch every bitmap byte so a short allocation shows */
		for (size_t i = 0; i < rep.n; i++)
			for (unsigned r = 0; r < rep.ns[i].n_replicas; r++)
				for (size_t b = 0; b < AS_PARTITION_BITMAP_SIZE; b++)
					sum += rep.ns[i].maps[r][b];
		(void)sum;
	} else {
		FUZZ_CHECK(rep.n == 0 && rep.ns == NULL);
	}
	as_replicas_free(&rep);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data, *cur = body, *end = body + size;
	as_info_pair pair;
	size_t lines = 0;

	while (as_info_next(&cur, end, &pair)) {
		FUZZ_CHECK(pair.name >= body && pair.name + pair.name_len <= end);
		FUZZ_CHECK(pair.value >= body && pair.value + pair.value_len <= end);
		FUZZ_CHECK(++lines <= size);
		parse_value(pair.value, pair.value_len);
	}
	as_info_find(body, size, "replicas", &pair);
	as_info_find(body, size, "peers-clear-std", &pair);
	return 0;
}
