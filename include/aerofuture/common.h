/**
 * @file common.h
 * @brief Export macro and small shared definitions of the public API.
 */
#ifndef AEROFUTURE_COMMON_H
#define AEROFUTURE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * @def AS_EXPORT
 * Marks a declaration as part of the public ABI. The library is built with
 * -fvisibility=hidden; only what is marked AS_EXPORT is part of the ABI.
 */
#if defined(AS_BUILDING_LIBRARY) && defined(__GNUC__)
#define AS_EXPORT __attribute__((visibility("default")))
#else
#define AS_EXPORT
#endif

/**
 * @def AS_BEGIN_DECLS
 * Opens a block of C declarations (`extern "C" {` when compiled as C++).
 */
/**
 * @def AS_END_DECLS
 * Closes a block opened with AS_BEGIN_DECLS.
 */
#ifdef __cplusplus
#define AS_BEGIN_DECLS extern "C" {
#define AS_END_DECLS }
#else
#define AS_BEGIN_DECLS
#define AS_END_DECLS
#endif

/** Longest namespace name in bytes (the server's limit is 31 plus NUL). */
#define AS_NAMESPACE_MAX_LEN 31
/** Longest set name in bytes. */
#define AS_SET_MAX_LEN 63
/** Longest bin name in bytes (the server rejects 16 and more with 21 BIN_NAME). */
#define AS_BIN_NAME_MAX_LEN 15
/** Size of a key digest (RIPEMD-160). */
#define AS_DIGEST_SIZE 20
/** Number of partitions of every Aerospike namespace. */
#define AS_PARTITIONS 4096
/** Largest proto frame body either side accepts (128 MiB). */
#define AS_PROTO_MAX_SIZE (128u * 1024u * 1024u)

#endif
