/* Info protocol (proto type 1) replies and the parsers tend needs:
 * node, build, partition-generation, peers-clear-std, replicas.
 * Formats: protocol_notes.txt section 8 and reference/info.txt. Private. */
#ifndef AS_CODEC_INFO_H
#define AS_CODEC_INFO_H

#include <stddef.h>
#include <stdint.h>
#include <aerofuture/common.h>
#include <aerofuture/error.h>

/* One "name\tvalue\n" line of a reply; pointers into the reply, not NUL-terminated. */
typedef struct as_info_pair {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
} as_info_pair;

/* Iterate the lines of a reply body. *cursor starts at body. A line without a
 * TAB gives a pair with an empty value. Returns false at the end. */
bool as_info_next(const char **cursor, const char *end, as_info_pair *out);

/* Find name's value in a reply body; false if absent. */
bool as_info_find(const char *body, size_t len, const char *name, as_info_pair *out);

/* If value is "ERROR[:code][:message]" return its code (AEROSPIKE_ERR_SERVER
 * when none is given) and fill err; otherwise AEROSPIKE_OK. */
as_status as_info_value_error(const char *value, size_t len, as_error *err);

/* Unsigned decimal (partition-generation, peers-generation). */
as_status as_info_parse_u64(const char *value, size_t len, uint64_t *out, as_error *err);

typedef struct as_version {
	int major, minor, patch, build;
} as_version;
/* "8.1.2.0" (trailing suffixes such as "-rc1" are ignored). */
as_status as_info_parse_build(const char *value, size_t len, as_version *out, as_error *err);

#define AS_NODE_NAME_MAX 32
/* Node id: 1..32 hex-ish characters, copied NUL-terminated. */
as_status as_info_parse_node(const char *value, size_t len, char out[AS_NODE_NAME_MAX + 1],
                             as_error *err);

typedef struct as_host_port {
	char host[256];  /* IPv4, IPv6 (without brackets) or name */
	uint16_t port;
} as_host_port;

typedef struct as_peer {
	char node[AS_NODE_NAME_MAX + 1];
	char tls_name[256];  /* "" when absent */
	size_t n_hosts;
	as_host_port *hosts;
} as_peer;

typedef struct as_peers {
	uint64_t generation;
	uint16_t default_port;
	size_t n;
	as_peer *peers;
} as_peers;

/* "<gen>,<port>,[[<node>,<tls>,[<host[:port]>,...]],...]"; hosts without a
 * port take default_port; IPv6 hosts are written "[addr]:port" or "[addr]". */
as_status as_info_parse_peers(const char *value, size_t len, as_peers *out, as_error *err);
void as_peers_free(as_peers *p);

#define AS_PARTITION_BITMAP_SIZE (AS_PARTITIONS / 8)

typedef struct as_replicas_ns {
	char ns[AS_NAMESPACE_MAX_LEN + 1];
	uint32_t regime;
	uint8_t n_replicas;
	/* n_replicas bitmaps of 512 bytes: map[r][i >> 3] & (0x80 >> (i & 7))
	 * says this node holds partition i as replica r (0 = master). */
	uint8_t (*maps)[AS_PARTITION_BITMAP_SIZE];
} as_replicas_ns;

typedef struct as_replicas {
	size_t n;
	as_replicas_ns *ns;
} as_replicas;

/* "<ns>:<regime>,<n>,<b64>,...;<ns>:..." and the older "<ns>:<n>,<b64>,..."
 * (replicas-all). Each bitmap must decode to exactly 512 bytes. */
as_status as_info_parse_replicas(const char *value, size_t len, as_replicas *out, as_error *err);
void as_replicas_free(as_replicas *r);

/* base64 of a 512-byte bitmap into out (at least 685 bytes), NUL-terminated;
 * used by minispike to answer replicas. Returns the length. */
size_t as_partition_bitmap_b64(const uint8_t map[AS_PARTITION_BITMAP_SIZE], char *out);

#endif
