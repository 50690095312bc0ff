/* minispike: in-memory Aerospike-protocol server for tests, examples and
 * benchmarks. Private structures shared by the server's files.
 *
 * One process, one libevent loop, one thread. N "nodes" listen on N ports
 * and share one data store; cluster.c decides which node owns which of the
 * 4096 partitions. */
#ifndef MINISPIKE_H
#define MINISPIKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <event2/event.h>

#include <aerofuture/common.h>
#include "codec/buffer.h"
#include "codec/msg.h"
#include "codec/reader.h"
#include "limits.h"
#include "store.h"
#include "work.h"

#define MS_VERSION_BUILD "8.1.2.0"
#define MS_DEFAULT_PORT 3000

/* A connection stops reading while this many reply bytes wait to be sent. */
#define MS_OUT_HIGH_WATER (4u * 1024u * 1024u)
/* Batch and scan replies are cut into proto frames of about this size. */
#define MS_FRAME_TARGET (128u * 1024u)

typedef struct ms_server ms_server;
typedef struct ms_node ms_node;
typedef struct ms_conn ms_conn;

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

struct ms_node {
	ms_server *srv;
	int index;
	char id[20];
	uint16_t port;
	bool up;
	evutil_socket_t lfd;
	struct event *accept_ev;
	ms_conn *conns;  /* doubly linked */
	uint32_t n_conns;
	ms_fault fault;
	ms_node_stats st;
};

struct ms_server {
	struct event_base *base;
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
	struct event *sig_term, *sig_int, *sweep_ev;
	uint32_t sweep_pid;
};

/* Connection. Requests are read straight into `in`, every complete frame is
 * answered into `out`, and `out` goes to the socket with one send(). */
struct ms_conn {
	ms_node *node;
	evutil_socket_t fd;
	struct event *rev, *wev, *timer;
	as_reader in;
	as_buffer out;
	size_t out_off;
	ms_conn *prev, *next;
	bool in_cb;      /* inside a callback: defer the free */
	bool closing;    /* close once the callback returns */
	bool flush_then_close;
	bool delayed;    /* a delay fault holds the replies */
	bool hung;       /* a hang fault: read and drop everything */
	bool reading;    /* read event enabled */
};

/* node.c */
int ms_node_listen(ms_node *n);
void ms_node_stop(ms_node *n, ms_conn *current);
int ms_node_start(ms_node *n);

/* conn.c */
void ms_conn_accept(ms_node *n, evutil_socket_t fd);
void ms_conn_close(ms_conn *c);

/* cluster.c */
void ms_cluster_rebalance(ms_server *s);
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

/* Answer one AS_MSG frame body (single record, batch or scan); appends whole proto frames. */
void ms_msg_handle(ms_conn *c, const uint8_t *body, size_t len, as_buffer *out);

/* batch.c / scan.c */
void ms_batch_handle(ms_conn *c, const as_msg_view *m, as_buffer *out);
void ms_scan_handle(ms_conn *c, const as_msg_view *m, ms_ns *ns, as_buffer *out);

/* info_cmd.c: answer one info frame body into out (a whole proto frame). */
void ms_info_handle(ms_conn *c, const uint8_t *body, size_t len, as_buffer *out);

/* fault.c */
/* Parse "node=<i>;mode=<m>;ms=<n>;code=<c>;count=<k>" (node optional:
 * all nodes). Returns 0 or -1 with a message in err. */
int ms_fault_apply_spec(ms_server *s, const char *spec, size_t len, char *err, size_t err_len);
const char *ms_fault_mode_name(int mode);

#endif
