/* Callback-only commands, without futures: the baseline aerofuture-bench
 * measures the future layer against (--raw). Not exported from the shared
 * library; tools that use it link libafclient.la. Private. */
#ifndef AS_COMMANDS_RAW_H
#define AS_COMMANDS_RAW_H

#include <aerofuture/client.h>
#include <aerofuture/key.h>
#include <aerofuture/policy.h>
#include <aerofuture/record.h>

/* Called on the loop thread. rec (get only, may be NULL) belongs to the
 * callee, who frees it with as_record_destroy(). err is NULL on success. */
typedef void (*as_raw_cb)(const as_error *err, as_record *rec, void *udata);

/* Submit like as_get()/as_put(); the callback runs exactly once. Returns
 * AEROSPIKE_OK, or an error (callback not called) for invalid arguments. */
as_status as_raw_get(as_client *c, const as_policy_read *p, const as_key *key, as_raw_cb cb, void *udata,
                     as_error *err);
as_status as_raw_put(as_client *c, const as_policy_write *p, const as_key *key, const as_record *rec,
                     as_raw_cb cb, void *udata, as_error *err);

#endif
