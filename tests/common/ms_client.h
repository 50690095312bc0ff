/* A client of the minispike a test started: made, connected and waited
 * for in one call, or the test fails (Check assertions) saying which step
 * went wrong. */
#ifndef AS_TESTS_MS_CLIENT_H
#define AS_TESTS_MS_CLIENT_H

#include <stdint.h>

#include <aerofuture/aerofuture.h>

#include "common/ms_proc.h"

/* A connected client whose one seed is 127.0.0.1:port, with base's other
 * settings (the defaults when base is NULL). */
as_client *ms_client_connect(uint16_t port, const as_client_config *base);
/* Start minispike (ms_start: nodes, extra arguments or NULL) and connect a
 * client to its first node. */
as_client *ms_client_start(ms_proc *p, int nodes, const char *extra, const as_client_config *base);
/* A figure of the client's statistics (as_client_stats_json), summed over
 * its nodes: group "connections" or "io" (NULL for a node's own counters,
 * such as "timeouts"), then the field's name. */
long ms_client_stat(as_client *c, const char *group, const char *name);
/* Destroy the client, then stop minispike: both must end cleanly. */
void ms_client_stop(ms_proc *p, as_client *client);

#endif
