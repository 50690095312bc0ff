/* Test-only entry into minispike's request handling, without sockets or an
 * event loop: a server whose nodes never listen, fed the bytes of one
 * connection to node 0 from memory. Linked into the fuzz targets only. */
#ifndef MINISPIKE_FUZZ_ENTRY_H
#define MINISPIKE_FUZZ_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codec/buffer.h"

typedef struct ms_fuzz ms_fuzz;

/* A fresh server with namespaces "test" and "bar" and n_nodes nodes (1..64);
 * the connection belongs to node 0. now_cf fixes the server clock so that a
 * run is reproducible. */
ms_fuzz *ms_fuzz_new(int n_nodes, uint32_t now_cf);
void ms_fuzz_free(ms_fuzz *f);
/* Back to the state ms_fuzz_new gave (records, nodes, counters), keeping
 * the partition table, which is costly to compute per input. */
void ms_fuzz_reset(ms_fuzz *f);

/* Bytes as if read from the socket. Every complete proto frame is answered
 * into out exactly as a connection would answer it (faults aside). Returns
 * false once the connection would be closed: a bad proto header, an
 * unsupported frame type, or a control command that stopped its node. */
bool ms_fuzz_feed(ms_fuzz *f, const uint8_t *p, size_t n, as_buffer *out);

#endif
