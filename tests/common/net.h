/* Blocking TCP to a minispike node on 127.0.0.1, for the tests that talk
 * to it without the client: connect, send everything, receive exactly n
 * bytes, one info request and its reply. A send never raises SIGPIPE; a
 * receive gives up after the socket's receive timeout. */
#ifndef AS_TESTS_NET_H
#define AS_TESTS_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A connected socket to 127.0.0.1:port (TCP_NODELAY, receives time out
 * after timeout_ms), or -1. */
int net_connect(uint16_t port, int timeout_ms);
/* Change how long a receive on fd waits. */
void net_set_timeout(int fd, int timeout_ms);
/* Send all len bytes; false when the peer is gone or on an error. */
bool net_send_all(int fd, const void *buf, size_t len);
/* Receive exactly len bytes; false on EOF, timeout or an error. */
bool net_recv_exact(int fd, void *buf, size_t len);
/* One info request on a new connection to port (5 s timeout): the reply's
 * body, NUL-terminated (free() it), or NULL when the connection fails or
 * the reply is not an info frame. */
char *net_info(uint16_t port, const char *request);
/* A TCP port on 127.0.0.1 that was free a moment ago. */
uint16_t net_free_port(void);

#endif
