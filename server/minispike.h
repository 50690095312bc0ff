/* minispike: in-memory Aerospike-protocol server for tests, examples and
 * benchmarks. The server's state and the request handler that works on it.
 *
 * One process, one libevent loop, one thread. N "nodes" listen on N ports
 * and share one data store; cluster.c decides which node owns which of the
 * 4096 partitions. The files come in two sides:
 *
 *   request handler (no I/O: a frame in, reply bytes out; this header)
 *     handler.c   the one switch on the frame type
 *     info_cmd.c  info requests and minispike's control commands
 *     dispatch.c  an AS_MSG frame: single record, batch or scan
 *     record_cmd.c, batch.c, scan.c   the command families
 *     work.c      a command's working set, shared by the op families
 *     cdt.c       collection ops on the working set; the CDT engine:
 *       cdt_eval.c    entry point: payload, context, list or map op
 *       cdt_ctx.c     walking (and creating) nested contexts
 *       cdt_list.c, cdt_map.c   the list and the map op codes
 *       cdt_select.c  index/rank/value/key selectors and return types
 *       cdt_compare.c the server's element order; cdt_args.c op arguments
 *     cluster.c   partition ownership, node membership, peers text
 *     fault.c     fault settings (the I/O side applies them)
 *     store.c     namespaces, sets and records
 *     server.c    setting up and tearing down the state
 *   I/O side (net.h): node.c listens, conn.c reads frames, applies faults
 *     around the handler and sends its replies; main.c is the program.
 *
 * The handler reports what only the I/O side can do (close this
 * connection, open or close nodes' sockets) in its result, so conn.c, the
 * fuzz entry (fuzz_entry.c) and the unit tests all drive it alike. */
#ifndef MINISPIKE_H
#define MINISPIKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aerofuture/common.h>
#include "codec/buffer.h"
#include "codec/msg.h"
#include "codec/reader.h"
#include "ms_limits.h"
#include "store.h"
#include "work.h"

#define MS_VERSION_BUILD "8.1.2.0"
#define MS_DEFAULT_PORT 3000

/* Batch and scan replies are cut into proto frames of about this size. */
#define MS_FRAME_TARGET (128u * 1024u)

typedef struct ms_server ms_server;
typedef struct ms_node ms_node;
typedef struct ms_conn ms_conn;  /* net.h */
struct event;
struct event_base;

enum ms_fault_mode {
	MS_FAULT_OFF = 0,
	MS_FAULT_DELAY,    /* hold the reply ms milliseconds */
	MS_FAULT_CLOSE,    /* close the connection instead of replying */
	MS_FAULT_GARBAGE,  /* reply with bytes that are not a proto frame */
	MS_FAULT_HANG,     /* never reply on this connection again */
	MS_FAULT_ERROR,    /* answer the next count commands with result code */
	MS_FAULT_TRUNCATE, /* send the first half of the reply frame, then close */
	MS_FAULT_OVERSIZE  /* reply with a proto header announcing more than 128 MiB */
};

typedef struct ms_fault {
	int mode;
	uint32_t ms;
	uint8_t code;
	uint32_t count;
	uint32_t pct;     /* share of commands hit, 1..100 */
	uint64_t seen;    /* commands considered so far */
} ms_fault;

typedef struct ms_node_stats {
	uint64_t commands;       /* AS_MSG frames received */
	uint64_t non_owner;      /* single-record / batch keys for partitions owned elsewhere */
	uint64_t info_requests;
	uint64_t conns_opened;
	uint64_t conns_closed;
	uint64_t faults_applied;
	uint64_t bad_requests;   /* malformed as_msg or proto header */
	uint64_t reads, writes, deletes, batches, scans;
} ms_node_stats;

/* Where a listener hands an accepted socket (node.c knows no connections). */
typedef void (*ms_accept_fn)(ms_node *n, int fd);

struct ms_node {
	ms_server *srv;
	int index;
	char id[20];
	uint16_t port;
	bool up;         /* set by the handler; the I/O side makes the sockets follow */
	ms_fault fault;
	ms_node_stats st;
	/* I/O side only */
	int lfd;         /* listening socket, -1 when not listening */
	struct event *accept_ev;
	ms_accept_fn on_accept;
	ms_conn *conns;  /* doubly linked */
	uint32_t n_conns;
};

struct ms_server {
	ms_store store;
	ms_node nodes[MS_MAX_NODES];
	int n_nodes;
	char bind_addr[64];
	uint16_t base_port;
	char cluster_name[64];
	uint64_t max_record_size;
	uint64_t peers_gen;
	uint64_t partition_gen;
	uint64_t cluster_gen;
	int16_t owner[AS_PARTITIONS];  /* node index, -1 when no node is up */
	uint32_t start_time;
	uint32_t now_cf;               /* refreshed once per event */
	ms_scratch scratch;            /* of the single-record commands */
	ms_record **scan_sort;         /* of a scan, reused likewise */
	size_t scan_sort_cap;
	/* I/O side only */
	struct event_base *base;
	struct event *sig_term, *sig_int, *sweep_ev;
	uint32_t sweep_pid;
};

/* server.c */
/* Defaults (127.0.0.1, cluster name minispike, 1 MiB records), an empty
 * store and no nodes. */
void ms_server_init(ms_server *s);
/* n_nodes nodes, all up, on ports base_port + i (0 for all when base_port
 * is 0: the listeners pick them). Every partition belongs to node 0 until
 * ms_cluster_rebalance(). */
void ms_server_set_nodes(ms_server *s, int n_nodes, uint16_t base_port);
/* Free what the state holds (records, scratch); s itself stays. */
void ms_server_destroy(ms_server *s);

/* handler.c: the request handler. */
enum {
	MS_ACT_CLOSE = 1 << 0,  /* close the connection once the reply is sent */
	MS_ACT_NODES = 1 << 1   /* nodes went up or down: open or close their sockets */
};
/* Answer frame f, received by node n, into out (whole proto frames, or
 * nothing). Returns what the I/O side must do besides sending: MS_ACT_*. */
unsigned ms_frame_handle(ms_node *n, const as_frame *f, as_buffer *out);

/* info_cmd.c: an info frame body; returns MS_ACT_* of the control commands. */
unsigned ms_info_handle(ms_node *n, const uint8_t *body, size_t len, as_buffer *out);

/* dispatch.c: an AS_MSG frame body (single record, batch or scan). */
void ms_msg_handle(ms_node *n, const uint8_t *body, size_t len, as_buffer *out);
/* Does the body ask for a multi-frame answer (batch or scan)? Then every
 * answer, errors too, must end with a LAST message for the client to finish. */
bool ms_msg_is_stream(const uint8_t *body, size_t len);

/* batch.c / scan.c */
void ms_batch_handle(ms_node *n, const as_msg_view *m, as_buffer *out);
void ms_scan_handle(ms_node *n, const as_msg_view *m, ms_ns *ns, as_buffer *out);

/* cluster.c */
void ms_cluster_rebalance(ms_server *s);
/* Node i joins (up) or leaves: new generations, partitions move. */
void ms_cluster_set_up(ms_server *s, int i, bool up);
int ms_cluster_live_nodes(const ms_server *s);
void ms_cluster_bitmap(const ms_server *s, int node, uint8_t map[AS_PARTITIONS / 8]);
void ms_cluster_peers(const ms_server *s, const ms_node *self, as_buffer *out);
void ms_cluster_services(const ms_server *s, const ms_node *self, as_buffer *out);
void ms_cluster_host(const ms_server *s, uint16_t port, as_buffer *out);
uint64_t ms_cluster_key(const ms_server *s);
static inline uint32_t ms_partition_id(const uint8_t *digest)
{
	return ((uint32_t)digest[0] | ((uint32_t)digest[1] << 8)) & (AS_PARTITIONS - 1);
}

/* fault.c */
/* Parse "node=<i>;mode=<m>;ms=<n>;code=<c>;count=<k>" (node optional:
 * all nodes). Returns 0 or -1 with a message in err. */
int ms_fault_apply_spec(ms_server *s, const char *spec, size_t len, char *err, size_t err_len);
const char *ms_fault_mode_name(int mode);
/* Whether the next command is hit by fault (mode on, and its turn among
 * pct% of commands, evenly spaced so that runs repeat). */
bool ms_fault_hits(ms_fault *fault);

#endif
