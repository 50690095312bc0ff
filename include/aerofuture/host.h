/**
 * @file host.h
 * @brief as_host: the address of a seed node.
 */
#ifndef AEROFUTURE_HOST_H
#define AEROFUTURE_HOST_H

#include <aerofuture/common.h>

AS_BEGIN_DECLS

/** A seed host. */
typedef struct as_host {
	char name[256];  /**< IPv4/IPv6 address or host name */
	uint16_t port;   /**< default 3000 */
} as_host;

AS_END_DECLS

#endif
