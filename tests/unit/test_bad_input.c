/* Every public function fed bad input: NULL for each pointer argument, empty
 * and overlong names, enum values out of range, too many bins, NULL futures,
 * a client whose seed refuses connections and a closed client. Each call
 * must give the documented result (AEROSPIKE_ERR_PARAM with a message naming
 * the problem, NULL, 0 or false) and never crash, hang or leak.
 *
 * Commands are checked against a client seeded with 127.0.0.1:1, where
 * nothing listens: invalid arguments must be refused before anything is
 * sent, so their futures are already FAILED with PARAM when the call returns
 * (a connection problem would show up later and with another code). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/aerofuture.h>

#include "common/check_main.h"

/* Names one byte over each limit, and exactly at it. */
#define NS_32 "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
#define NS_31 "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
#define SET_64 "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss"
#define SET_63 "sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss"
#define BIN_16 "bbbbbbbbbbbbbbbb"
#define BIN_15 "bbbbbbbbbbbbbbb"

/* Enum values no as_policy_* enum has (negative ones are caught too). */
#define BAD_ENUM 7
#define NEG_ENUM (-1)

/* How long a command against the refused seed may take before we call it
 * hung: its policy gives up after a fraction of this. */
#define HANG_MS 10000

/* --- helpers ------------------------------------------------------------ */

static void expect_err(const as_error *err, as_status code, const char *word)
{
	ck_assert_int_eq(err->code, code);
	ck_assert_msg(err->message[0] != '\0', "empty message for code %d", code);
	ck_assert_msg(strstr(err->message, word) != NULL, "message '%s' does not name '%s'", err->message, word);
}

/* An already-failed future (nothing was sent) with @p code and @p word in
 * its message; releases it. */
static void expect_failed(as_future *f, as_status code, const char *word)
{
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(as_future_is_done(f), "future not failed at once (expected '%s')", word);
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_FAILED);
	ck_assert_int_eq(as_future_status(f), code);
	const as_error *e = as_future_error(f);
	ck_assert_ptr_nonnull(e);
	expect_err(e, code, word);
	as_future_release(f);
}

#define expect_param(f, word) expect_failed((f), AEROSPIKE_ERR_PARAM, (word))

static void expect_status(as_status st, const as_error *err, as_status code, const char *word)
{
	ck_assert_int_eq(st, code);
	expect_err(err, code, word);
}

/* A client whose only seed refuses connections, with short timeouts so
 * every command that does get sent fails quickly. */
static as_client *refused_client(void)
{
	as_client_config cfg;
	as_error err;
	ck_assert_ptr_eq(as_client_config_init(&cfg), &cfg);
	ck_assert_int_eq(as_client_config_add_host(&cfg, "127.0.0.1", 1, &err), AEROSPIKE_OK);
	cfg.conn_timeout_ms = 200;
	cfg.tend_interval_ms = 100;
	cfg.policies.read.base.total_timeout = 300;
	cfg.policies.read.base.max_retries = 0;
	cfg.policies.write.base.total_timeout = 300;
	cfg.policies.remove.base.total_timeout = 300;
	cfg.policies.operate.base.total_timeout = 300;
	cfg.policies.batch.base.total_timeout = 300;
	cfg.policies.batch.base.max_retries = 0;
	cfg.policies.scan.base.total_timeout = 300;
	cfg.policies.scan.base.socket_timeout = 300;
	cfg.policies.info.timeout = 300;
	as_client *c = as_client_new(&cfg, &err);
	ck_assert_msg(c != NULL, "as_client_new: %s", err.message);
	return c;
}

static bool scan_fn(const as_record *rec, void *udata)
{
	(void)rec;
	(void)udata;
	return true;
}

static as_future *then_fn(as_future *done, void *udata)
{
	(void)done;
	(void)udata;
	return NULL;
}

static void done_cb(as_future *f, void *udata)
{
	(void)f;
	(void)udata;
}

/* --- errors and status ------------------------------------------------ */

START_TEST(test_error)
{
	as_error e, copy;
	as_error_reset(NULL);
	ck_assert_int_eq(as_error_set(NULL, AEROSPIKE_ERR_PARAM, "x %d", 1), AEROSPIKE_ERR_PARAM);
	/* A NULL format still leaves a message saying what happened. */
	const char *volatile no_fmt = NULL;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
	ck_assert_int_eq(as_error_set(&e, AEROSPIKE_ERR_TIMEOUT, no_fmt), AEROSPIKE_ERR_TIMEOUT);
#pragma GCC diagnostic pop
	expect_err(&e, AEROSPIKE_ERR_TIMEOUT, "TIMEOUT");
	as_error_copy(NULL, &e);
	memcpy(&copy, &e, sizeof copy);
	as_error_copy(&copy, NULL);
	ck_assert_int_eq(copy.code, AEROSPIKE_ERR_TIMEOUT);
	as_error_copy(&e, &e);
	ck_assert_int_eq(e.code, AEROSPIKE_ERR_TIMEOUT);
	ck_assert_str_eq(as_status_str((as_status)12345), "AEROSPIKE_ERR_UNKNOWN");
	ck_assert_str_eq(as_status_str((as_status)-12345), "AEROSPIKE_ERR_UNKNOWN");
}
END_TEST

/* --- values, lists, maps ----------------------------------------------- */

START_TEST(test_value)
{
	as_value v = as_value_str(NULL);
	ck_assert_int_eq(v.type, AS_STRING);
	ck_assert_str_eq(v.u.str, "");
	as_value_destroy(&v);
	v = as_value_strn(NULL, 0);
	ck_assert_uint_eq(v.len, 0);
	as_value_destroy(&v);
	/* NULL with a length: nothing to copy, an empty string. */
	v = as_value_strn(NULL, 10);
	ck_assert_uint_eq(v.len, 0);
	ck_assert_str_eq(v.u.str, "");
	as_value_destroy(&v);
	v = as_value_str_ref(NULL);
	ck_assert_str_eq(v.u.str, "");
	as_value_destroy(&v);
	v = as_value_bytes(NULL, 0);
	ck_assert_uint_eq(v.len, 0);
	as_value_destroy(&v);
	v = as_value_bytes(NULL, 10);
	ck_assert_int_eq(v.type, AS_BYTES);
	ck_assert_uint_eq(v.len, 0);
	as_value_destroy(&v);
	v = as_value_bytes_ref(NULL, 10);
	ck_assert_uint_eq(v.len, 0);
	/* Equality and copy must not read through the NULL pointer. */
	as_value empty = as_value_bytes(NULL, 0);
	ck_assert(as_value_equal(&v, &empty));
	as_value c = as_value_copy(&v);
	ck_assert_uint_eq(c.len, 0);
	as_value_destroy(&c);
	as_value_destroy(&empty);
	as_value_destroy(&v);
	v = as_value_geojson(NULL);
	ck_assert_int_eq(v.type, AS_GEOJSON);
	ck_assert_str_eq(v.u.str, "");
	as_value_destroy(&v);
	v = as_value_list(NULL);
	ck_assert_int_eq(v.type, AS_LIST);
	ck_assert_ptr_nonnull(v.u.list);
	ck_assert_uint_eq(v.u.list->size, 0);
	as_value_destroy(&v);
	v = as_value_map(NULL);
	ck_assert_int_eq(v.type, AS_MAP);
	ck_assert_ptr_nonnull(v.u.map);
	as_value_destroy(&v);
	as_value_destroy(NULL);

	c = as_value_copy(NULL);
	ck_assert_int_eq(c.type, AS_NIL);
	v = as_value_int(1);
	ck_assert(!as_value_equal(&v, NULL));
	ck_assert(!as_value_equal(NULL, &v));
	ck_assert(as_value_equal(NULL, NULL));
	ck_assert_str_eq(as_value_type_str((as_value_type)99), "unknown");
	ck_assert_str_eq(as_value_type_str((as_value_type)-1), "unknown");

	/* The remaining scalar constructors take no pointers. */
	v = as_value_nil();
	ck_assert_int_eq(v.type, AS_NIL);
	v = as_value_double(0.5);
	ck_assert_int_eq(v.type, AS_DOUBLE);
	v = as_value_bool(true);
	ck_assert_int_eq(v.type, AS_BOOL);
}
END_TEST

START_TEST(test_list)
{
	as_list_destroy(NULL);
	/* Appending to no list destroys the stolen value (valgrind: no leak). */
	as_list_append(NULL, as_value_str("stolen"));
	as_list_append_int(NULL, 1);
	as_list_append_str(NULL, "x");
	as_list_append_double(NULL, 1.0);
	ck_assert_ptr_null(as_list_get(NULL, 0));

	as_list *l = as_list_new(0);
	ck_assert_ptr_null(as_list_get(l, 0));
	as_list_append_str(l, NULL);
	ck_assert_uint_eq(l->size, 1);
	ck_assert_str_eq(as_list_get(l, 0)->u.str, "");
	ck_assert_ptr_null(as_list_get(l, 1));
	ck_assert_ptr_null(as_list_get(l, UINT32_MAX));
	as_list_destroy(l);
}
END_TEST

START_TEST(test_map)
{
	as_map_destroy(NULL);
	as_map_put(NULL, as_value_str("k"), as_value_str("v"));
	as_map_put_str(NULL, "k", as_value_str("v"));
	ck_assert_ptr_null(as_map_get(NULL, NULL));
	ck_assert_ptr_null(as_map_get_str(NULL, "k"));

	as_map *m = as_map_new(0);
	as_value k = as_value_str_ref("k");
	ck_assert_ptr_null(as_map_get(m, &k));
	ck_assert_ptr_null(as_map_get(m, NULL));
	ck_assert_ptr_null(as_map_get_str(m, NULL));
	/* A NULL key stores nothing (as for as_map_get_str()) and frees the value. */
	as_map_put_str(m, NULL, as_value_str("v"));
	ck_assert_uint_eq(m->size, 0);
	ck_assert_ptr_null(as_map_get_str(m, ""));
	as_map_destroy(m);
}
END_TEST

/* --- keys and digests -------------------------------------------------- */

typedef enum { KEY_INT, KEY_STR, KEY_BYTES, KEY_DIGEST } key_kind;

static as_status key_init(key_kind kind, as_key *key, const char *ns, const char *set, as_error *err)
{
	static const uint8_t digest[AS_DIGEST_SIZE];
	switch (kind) {
	case KEY_INT:
		return as_key_init_int(key, ns, set, 1, err);
	case KEY_STR:
		return as_key_init_str(key, ns, set, "k", err);
	case KEY_BYTES:
		return as_key_init_bytes(key, ns, set, (const uint8_t *)"k", 1, err);
	default:
		return as_key_init_digest(key, ns, set, digest, err);
	}
}

START_TEST(test_key_names)
{
	key_kind kind = (key_kind)_i;
	as_key key;
	as_error err;
	expect_status(key_init(kind, NULL, "test", "s", &err), &err, AEROSPIKE_ERR_PARAM, "key is NULL");
	expect_status(key_init(kind, &key, NULL, "s", &err), &err, AEROSPIKE_ERR_PARAM, "namespace is NULL");
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	expect_status(key_init(kind, &key, "", "s", &err), &err, AEROSPIKE_ERR_PARAM, "namespace is empty");
	expect_status(key_init(kind, &key, NS_32, "s", &err), &err, AEROSPIKE_ERR_PARAM, "namespace");
	ck_assert_ptr_nonnull(strstr(err.message, "32 bytes"));
	expect_status(as_key_validate(&key, &err), &err, AEROSPIKE_ERR_PARAM, "namespace");
	expect_status(key_init(kind, &key, "test", SET_64, &err), &err, AEROSPIKE_ERR_PARAM, "set");
	ck_assert_ptr_nonnull(strstr(err.message, "64 bytes"));
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	/* At the limits, and with no set, the key is fine. */
	ck_assert_int_eq(key_init(kind, &key, NS_31, SET_63, &err), AEROSPIKE_OK);
	ck_assert_int_eq(as_key_validate(&key, &err), AEROSPIKE_OK);
	ck_assert_int_eq(key_init(kind, &key, "test", NULL, &err), AEROSPIKE_OK);
	ck_assert_int_eq(key_init(kind, &key, "test", "", NULL), AEROSPIKE_OK);
	as_key_destroy(&key);
	/* err is optional. */
	ck_assert_int_eq(key_init(kind, &key, NULL, NULL, NULL), AEROSPIKE_ERR_PARAM);
}
END_TEST

START_TEST(test_key_values)
{
	as_key key;
	as_error err;
	expect_status(as_key_init_str(&key, "test", NULL, NULL, &err), &err, AEROSPIKE_ERR_PARAM, "string key is NULL");
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	expect_status(as_key_init_bytes(&key, "test", NULL, NULL, 4, &err), &err, AEROSPIKE_ERR_PARAM,
	              "bytes key is NULL");
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	expect_status(as_key_init_digest(&key, "test", NULL, NULL, &err), &err, AEROSPIKE_ERR_PARAM, "digest is NULL");
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	/* Empty string and bytes keys are keys. */
	ck_assert_int_eq(as_key_init_str(&key, "test", NULL, "", &err), AEROSPIKE_OK);
	ck_assert_int_eq(as_key_init_bytes(&key, "test", NULL, NULL, 0, &err), AEROSPIKE_OK);

	as_key_destroy(NULL);
	ck_assert_uint_eq(as_key_partition_id(NULL), 0);
	expect_status(as_key_validate(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "key is NULL");

	/* A key whose user key has an unsupported type, or garbage names. */
	ck_assert_int_eq(as_key_init_int(&key, "test", NULL, 1, &err), AEROSPIKE_OK);
	key.value = as_value_double(1.0);
	expect_status(as_key_validate(&key, &err), &err, AEROSPIKE_ERR_PARAM, "double");
	memset(&key, 'x', sizeof key);
	ck_assert_int_eq(as_key_validate(&key, &err), AEROSPIKE_ERR_PARAM);
	ck_assert(err.message[0] != '\0');

	uint8_t out[AS_DIGEST_SIZE];
	const uint8_t be[8] = { 0 };
	expect_status(as_digest_compute("s", AS_DOUBLE, be, 8, out, &err), &err, AEROSPIKE_ERR_PARAM, "double");
	expect_status(as_digest_compute("s", (as_value_type)99, be, 8, out, &err), &err, AEROSPIKE_ERR_PARAM, "type 99");
	expect_status(as_digest_compute("s", AS_INTEGER, be, 4, out, &err), &err, AEROSPIKE_ERR_PARAM, "8 bytes");
	expect_status(as_digest_compute("s", AS_STRING, NULL, 3, out, &err), &err, AEROSPIKE_ERR_PARAM, "NULL");
	expect_status(as_digest_compute("s", AS_STRING, be, 3, NULL, &err), &err, AEROSPIKE_ERR_PARAM, "output");
	ck_assert_int_eq(as_digest_compute(NULL, AS_STRING, NULL, 0, out, NULL), AEROSPIKE_OK);
}
END_TEST

/* --- records ------------------------------------------------------------ */

START_TEST(test_record_null)
{
	as_record_destroy(NULL);
	ck_assert(!as_record_set(NULL, "a", as_value_str("stolen")));
	ck_assert(!as_record_set_int(NULL, "a", 1));
	ck_assert(!as_record_set_double(NULL, "a", 1.0));
	ck_assert(!as_record_set_bool(NULL, "a", true));
	ck_assert(!as_record_set_str(NULL, "a", "s"));
	ck_assert(!as_record_set_bytes(NULL, "a", (const uint8_t *)"b", 1));
	ck_assert(!as_record_set_bytes(NULL, "a", NULL, 1));
	ck_assert(!as_record_set_list(NULL, "a", as_list_new(1)));
	ck_assert(!as_record_set_map(NULL, "a", as_map_new(1)));
	ck_assert(!as_record_set_nil(NULL, "a"));
	ck_assert_ptr_null(as_record_get(NULL, "a"));
	ck_assert_int_eq(as_record_get_int(NULL, "a", 42), 42);
	ck_assert(as_record_get_double(NULL, "a", 4.5) == 4.5);
	ck_assert_ptr_null(as_record_get_str(NULL, "a"));
	as_error err;
	expect_status(as_record_validate(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "record is NULL");

	as_record *rec = as_record_new(0);
	ck_assert_ptr_null(as_record_get(rec, NULL));
	ck_assert_int_eq(as_record_get_int(rec, NULL, 42), 42);
	ck_assert(as_record_get_double(rec, NULL, 4.5) == 4.5);
	ck_assert_ptr_null(as_record_get_str(rec, NULL));
	ck_assert_ptr_null(as_record_get(rec, BIN_16 "more"));
	/* NULL values where the header allows them. */
	ck_assert(as_record_set_str(rec, "s", NULL));
	ck_assert_str_eq(as_record_get_str(rec, "s"), "");
	ck_assert(as_record_set_list(rec, "l", NULL));
	ck_assert(as_record_set_map(rec, "m", NULL));
	ck_assert(as_record_set_bytes(rec, "b0", NULL, 0));
	ck_assert_int_eq(as_record_validate(rec, &err), AEROSPIKE_OK);
	/* Bytes that are NULL with a length would be written as nothing. */
	ck_assert(!as_record_set_bytes(rec, "b", NULL, 5));
	expect_status(as_record_validate(rec, &err), &err, AEROSPIKE_ERR_PARAM, "bin 'b'");
	ck_assert_ptr_null(as_record_get(rec, "b"));
	as_record_destroy(rec);
}
END_TEST

/* Every setter with each bad name marks the record invalid, naming the bin. */
START_TEST(test_record_names)
{
	static const char *const names[] = { NULL, "", BIN_16 };
	static const char *const why[] = { "NULL", "empty", "16 bytes" };
	for (int n = 0; n < 3; n++) {
		for (int s = 0; s < 9; s++) {
			as_record *rec = as_record_new(2);
			const char *name = names[n];
			bool ok;
			switch (s) {
			case 0: ok = as_record_set(rec, name, as_value_str("stolen")); break;
			case 1: ok = as_record_set_int(rec, name, 1); break;
			case 2: ok = as_record_set_double(rec, name, 1.0); break;
			case 3: ok = as_record_set_bool(rec, name, false); break;
			case 4: ok = as_record_set_str(rec, name, "s"); break;
			case 5: ok = as_record_set_bytes(rec, name, (const uint8_t *)"b", 1); break;
			case 6: ok = as_record_set_list(rec, name, as_list_new(1)); break;
			case 7: ok = as_record_set_map(rec, name, as_map_new(1)); break;
			default: ok = as_record_set_nil(rec, name); break;
			}
			ck_assert_msg(!ok, "setter %d accepted bad name %d", s, n);
			ck_assert_uint_eq(rec->n_bins, 0);
			as_error err;
			expect_status(as_record_validate(rec, &err), &err, AEROSPIKE_ERR_PARAM, why[n]);
			ck_assert_ptr_nonnull(strstr(err.message, "bin name"));
			as_record_destroy(rec);
		}
	}
	as_record *rec = as_record_new(1);
	ck_assert(as_record_set_int(rec, BIN_15, 1));
	ck_assert_int_eq(as_record_get_int(rec, BIN_15, 0), 1);
	as_record_destroy(rec);
}
END_TEST

/* Bin AS_RECORD_MAX_BINS + 1 is refused and the record reports it. The bins
 * are filled directly: 32767 setter calls, each searching the bins before it,
 * would take minutes under valgrind and test nothing more. */
START_TEST(test_record_too_many_bins)
{
	as_record *rec = as_record_new(UINT16_MAX);
	ck_assert_uint_eq(rec->capacity, AS_RECORD_MAX_BINS);
	for (int i = 0; i < AS_RECORD_MAX_BINS; i++) {
		snprintf(rec->bins[i].name, sizeof rec->bins[i].name, "b%d", i);
		rec->bins[i].value = as_value_int(i);
	}
	rec->n_bins = AS_RECORD_MAX_BINS;
	/* Replacing an existing bin still works; a new one does not fit. */
	ck_assert(as_record_set_int(rec, "b0", -1));
	ck_assert(!as_record_set_str(rec, "extra", "x"));
	ck_assert_uint_eq(rec->n_bins, AS_RECORD_MAX_BINS);
	as_error err;
	expect_status(as_record_validate(rec, &err), &err, AEROSPIKE_ERR_PARAM, "extra");
	ck_assert_ptr_nonnull(strstr(err.message, "32767"));
	as_record_destroy(rec);
}
END_TEST

/* --- operations ----------------------------------------------------------- */

static bool ops_add(int which, as_operations *ops, const char *name)
{
	switch (which) {
	case 0: return as_operations_add_read(ops, name);
	case 1: return as_operations_add_write(ops, name, as_value_str("stolen"));
	case 2: return as_operations_add_write_int(ops, name, 1);
	case 3: return as_operations_add_write_str(ops, name, "s");
	case 4: return as_operations_add_write_double(ops, name, 1.0);
	case 5: return as_operations_add_incr(ops, name, 1);
	case 6: return as_operations_add_incr_double(ops, name, 1.0);
	case 7: return as_operations_add_append_str(ops, name, "s");
	default: return as_operations_add_prepend_str(ops, name, "s");
	}
}

START_TEST(test_operations)
{
	as_error err;
	as_operations_destroy(NULL);
	for (int w = 0; w < 9; w++)
		ck_assert(!ops_add(w, NULL, "a"));
	ck_assert(!as_operations_add_read_all(NULL));
	ck_assert(!as_operations_add_touch(NULL));
	ck_assert(!as_operations_add_delete(NULL));
	expect_status(as_operations_validate(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "operations is NULL");

	as_operations *ops = as_operations_new(0);
	expect_status(as_operations_validate(ops, &err), &err, AEROSPIKE_ERR_PARAM, "no operations");
	as_operations_destroy(ops);

	static const char *const names[] = { NULL, "", BIN_16 };
	static const char *const why[] = { "NULL", "empty", "16 bytes" };
	for (int n = 0; n < 3; n++) {
		for (int w = 0; w < 9; w++) {
			ops = as_operations_new(1);
			ck_assert(as_operations_add_read_all(ops));
			ck_assert_msg(!ops_add(w, ops, names[n]), "adder %d accepted bad name %d", w, n);
			ck_assert_uint_eq(ops->n_ops, 1);
			expect_status(as_operations_validate(ops, &err), &err, AEROSPIKE_ERR_PARAM, why[n]);
			as_operations_destroy(ops);
		}
	}
	/* NULL strings are "" as for as_value_str(). */
	ops = as_operations_new(0);
	ck_assert(as_operations_add_write_str(ops, "a", NULL));
	ck_assert(as_operations_add_append_str(ops, "a", NULL));
	ck_assert(as_operations_add_prepend_str(ops, "a", NULL));
	ck_assert(as_operations_add_touch(ops));
	ck_assert(as_operations_add_delete(ops));
	ck_assert_int_eq(as_operations_validate(ops, NULL), AEROSPIKE_OK);
	as_operations_destroy(ops);
}
END_TEST

/* --- policies ------------------------------------------------------------- */

START_TEST(test_policy_init_null)
{
	ck_assert_ptr_null(as_policy_read_init(NULL));
	ck_assert_ptr_null(as_policy_write_init(NULL));
	ck_assert_ptr_null(as_policy_remove_init(NULL));
	ck_assert_ptr_null(as_policy_operate_init(NULL));
	ck_assert_ptr_null(as_policy_batch_init(NULL));
	ck_assert_ptr_null(as_policy_scan_init(NULL));
	ck_assert_ptr_null(as_policy_info_init(NULL));
	ck_assert_ptr_null(as_policies_init(NULL));
	as_error err;
	expect_status(as_policy_read_validate(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "read policy is NULL");
	expect_status(as_policy_write_validate(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "write policy is NULL");
	expect_status(as_policy_remove_validate(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "remove policy is NULL");
	expect_status(as_policy_operate_validate(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "operate policy is NULL");
	ck_assert_int_eq(as_policy_read_validate(NULL, NULL), AEROSPIKE_ERR_PARAM);
	as_policies all;
	ck_assert_ptr_eq(as_policies_init(&all), &all);
	ck_assert_int_eq(as_policy_read_validate(&all.read, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_policy_write_validate(&all.write, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_policy_remove_validate(&all.remove, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_policy_operate_validate(&all.operate, NULL), AEROSPIKE_OK);
}
END_TEST

/* Each enum field with BAD_ENUM and NEG_ENUM, and the rejected combinations. */
START_TEST(test_policy_enums)
{
	int bad = _i ? NEG_ENUM : BAD_ENUM;
	as_error err;
	as_policy_read r;
	as_policy_read_init(&r)->key = (as_policy_key)bad;
	expect_status(as_policy_read_validate(&r, &err), &err, AEROSPIKE_ERR_PARAM, "key");
	as_policy_read_init(&r)->replica = (as_policy_replica)bad;
	expect_status(as_policy_read_validate(&r, &err), &err, AEROSPIKE_ERR_PARAM, "replica");

	as_policy_write w;
	as_policy_write_init(&w)->key = (as_policy_key)bad;
	expect_status(as_policy_write_validate(&w, &err), &err, AEROSPIKE_ERR_PARAM, "key");
	as_policy_write_init(&w)->exists = (as_policy_exists)bad;
	expect_status(as_policy_write_validate(&w, &err), &err, AEROSPIKE_ERR_PARAM, "exists");
	as_policy_write_init(&w)->gen = (as_policy_gen)bad;
	expect_status(as_policy_write_validate(&w, &err), &err, AEROSPIKE_ERR_PARAM, "gen");
	as_policy_write_init(&w);
	w.exists = AS_POLICY_EXISTS_CREATE_ONLY;
	w.gen = AS_POLICY_GEN_EQ;
	expect_status(as_policy_write_validate(&w, &err), &err, AEROSPIKE_ERR_PARAM, "CREATE_ONLY");
	as_policy_write_init(&w);
	w.base.max_retries = 1;
	w.base.sleep_between_retries = w.base.total_timeout;
	expect_status(as_policy_write_validate(&w, &err), &err, AEROSPIKE_ERR_PARAM, "sleep_between_retries");

	as_policy_remove rm;
	as_policy_remove_init(&rm)->key = (as_policy_key)bad;
	expect_status(as_policy_remove_validate(&rm, &err), &err, AEROSPIKE_ERR_PARAM, "key");
	as_policy_remove_init(&rm)->gen = (as_policy_gen)bad;
	expect_status(as_policy_remove_validate(&rm, &err), &err, AEROSPIKE_ERR_PARAM, "gen");

	as_policy_operate op;
	as_policy_operate_init(&op)->key = (as_policy_key)bad;
	expect_status(as_policy_operate_validate(&op, &err), &err, AEROSPIKE_ERR_PARAM, "key");
	as_policy_operate_init(&op)->exists = (as_policy_exists)bad;
	expect_status(as_policy_operate_validate(&op, &err), &err, AEROSPIKE_ERR_PARAM, "exists");
	as_policy_operate_init(&op)->gen = (as_policy_gen)bad;
	expect_status(as_policy_operate_validate(&op, &err), &err, AEROSPIKE_ERR_PARAM, "gen");
	as_policy_operate_init(&op)->replica = (as_policy_replica)bad;
	expect_status(as_policy_operate_validate(&op, &err), &err, AEROSPIKE_ERR_PARAM, "replica");
	as_policy_operate_init(&op);
	op.exists = AS_POLICY_EXISTS_CREATE_ONLY;
	op.gen = AS_POLICY_GEN_GT;
	expect_status(as_policy_operate_validate(&op, &err), &err, AEROSPIKE_ERR_PARAM, "CREATE_ONLY");
}
END_TEST

/* --- JSON ------------------------------------------------------------------ */

START_TEST(test_json)
{
	as_error err;
	as_value v;
	ck_assert_ptr_null(as_value_to_json(NULL));
	ck_assert_ptr_null(as_record_bins_to_json(NULL));
	ck_assert_ptr_null(as_record_to_json(NULL));
	expect_status(as_value_from_json(NULL, &v, &err), &err, AEROSPIKE_ERR_PARAM, "NULL");
	ck_assert_int_eq(v.type, AS_NIL);
	json_t *j = json_integer(1);
	expect_status(as_value_from_json(j, NULL, &err), &err, AEROSPIKE_ERR_PARAM, "output value is NULL");

	as_record *rec = (as_record *)&err;  /* must be overwritten with NULL */
	expect_status(as_record_from_json(NULL, &rec, &err), &err, AEROSPIKE_ERR_PARAM, "record JSON is NULL");
	ck_assert_ptr_null(rec);
	expect_status(as_record_from_json(j, NULL, &err), &err, AEROSPIKE_ERR_PARAM, "output record is NULL");
	expect_status(as_record_from_json(j, &rec, &err), &err, AEROSPIKE_ERR_PARAM, "an integer");
	ck_assert_ptr_null(rec);
	json_decref(j);

	j = json_pack("{s:i}", "", 1);
	expect_status(as_record_from_json(j, &rec, &err), &err, AEROSPIKE_ERR_PARAM, "empty");
	json_decref(j);
	j = json_pack("{s:i}", BIN_16, 1);
	expect_status(as_record_from_json(j, &rec, &err), &err, AEROSPIKE_ERR_PARAM, "16 bytes");
	json_decref(j);
	j = json_pack("{s:{s:i}}", "b", "$bytes", 1);
	expect_status(as_record_from_json(j, &rec, &err), &err, AEROSPIKE_ERR_PARAM, "bin 'b'");
	ck_assert_ptr_null(rec);
	json_decref(j);

	/* One bin more than a record holds. */
	j = json_object();
	char name[16];
	for (int i = 0; i <= AS_RECORD_MAX_BINS; i++) {
		snprintf(name, sizeof name, "b%d", i);
		json_object_set_new(j, name, json_integer(i));
	}
	expect_status(as_record_from_json(j, &rec, &err), &err, AEROSPIKE_ERR_PARAM, "32767");
	ck_assert_ptr_null(rec);
	json_decref(j);
}
END_TEST

/* --- futures ------------------------------------------------------------------ */

static int freed_values;

static void count_free(void *p)
{
	(void)p;
	freed_values++;
}

START_TEST(test_future_null)
{
	as_error err;
	/* A NULL future reads as failed with PARAM, so polling loops end. */
	ck_assert_int_eq(as_future_get_state(NULL), AS_FUTURE_FAILED);
	ck_assert(as_future_is_done(NULL));
	ck_assert_int_eq(as_future_status(NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(as_future_error(NULL));
	expect_err(as_future_error(NULL), AEROSPIKE_ERR_PARAM, "future is NULL");
	expect_status(as_future_wait(NULL, &err), &err, AEROSPIKE_ERR_PARAM, "future is NULL");
	expect_status(as_future_wait_for(NULL, 10, &err), &err, AEROSPIKE_ERR_PARAM, "future is NULL");
	ck_assert_int_eq(as_future_wait(NULL, NULL), AEROSPIKE_ERR_PARAM);
	expect_param(as_future_then(NULL, then_fn, NULL), "future is NULL");
	expect_param(as_future_then_ok(NULL, then_fn, NULL), "future is NULL");
	as_future_on_done(NULL, done_cb, NULL);
	ck_assert_int_eq(as_future_any_index(NULL), -1);
	ck_assert_ptr_null(as_future_retain(NULL));
	as_future_release(NULL);
	ck_assert_ptr_null(as_future_record(NULL));
	ck_assert_ptr_null(as_future_take_record(NULL));
	ck_assert(!as_future_exists(NULL));
	ck_assert_ptr_null(as_future_str(NULL));
	ck_assert_ptr_null(as_future_value(NULL));
	ck_assert_ptr_null(as_future_batch(NULL));
	ck_assert_ptr_null(as_future_records(NULL));
	ck_assert_uint_eq(as_future_scan_count(NULL), 0);

	/* NULL callbacks on a real future. */
	as_future *ok = as_future_new_ok();
	expect_param(as_future_then(ok, NULL, NULL), "callback is NULL");
	expect_param(as_future_then_ok(ok, NULL, NULL), "callback is NULL");
	as_future_on_done(ok, NULL, NULL);
	ck_assert_int_eq(as_future_wait(ok, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_future_any_index(ok), -1);
	as_future_release(ok);

	/* Ready futures from NULL arguments. */
	as_future *f = as_future_new_record(NULL);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_OK);
	ck_assert_ptr_null(as_future_record(f));
	ck_assert_ptr_null(as_future_take_record(f));
	ck_assert(!as_future_exists(f));
	as_future_release(f);
	f = as_future_new_value(NULL, NULL);
	ck_assert_ptr_null(as_future_value(f));
	as_future_release(f);
	freed_values = 0;
	f = as_future_new_value(NULL, count_free);
	as_future_release(f);
	ck_assert_int_eq(freed_values, 0);
	expect_param(as_future_new_failed(NULL), "error is NULL");
	const char *volatile no_fmt = NULL;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
	expect_failed(as_future_new_error(AEROSPIKE_ERR_TIMEOUT, no_fmt), AEROSPIKE_ERR_TIMEOUT, "TIMEOUT");
#pragma GCC diagnostic pop
	/* A failure without an error code is still a failure. */
	as_error_reset(&err);
	f = as_future_new_failed(&err);
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_FAILED);
	ck_assert_int_ne(as_future_status(f), AEROSPIKE_OK);
	as_future_release(f);
	f = as_future_new_error(AEROSPIKE_OK, "not an error");
	ck_assert_int_ne(as_future_status(f), AEROSPIKE_OK);
	as_future_release(f);
}
END_TEST

START_TEST(test_future_combine)
{
	as_error err;
	/* all: n == 0 is OK (whatever the array); any: n == 0 fails. */
	as_future *f = as_future_all(NULL, 0);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_OK);
	as_future_release(f);
	expect_param(as_future_all(NULL, 2), "futures is NULL");
	expect_param(as_future_any(NULL, 0), "no futures");
	expect_param(as_future_any(NULL, 3), "futures is NULL");
	as_future *ok = as_future_new_ok();
	f = as_future_any(&ok, 0);
	expect_param(f, "no futures");
	as_future *some[3] = { ok, NULL, ok };
	expect_param(as_future_all(some, 3), "futures[1] is NULL");
	expect_param(as_future_any(some, 3), "futures[1] is NULL");
	/* Nothing was retained by the refused calls. */
	as_future_release(ok);
}
END_TEST

/* --- client configuration and life cycle ----------------------------------- */

START_TEST(test_config)
{
	as_error err;
	as_client_config cfg;
	ck_assert_ptr_null(as_client_config_init(NULL));
	as_client_config_init(&cfg);
	expect_status(as_client_config_add_host(NULL, "h", 1, &err), &err, AEROSPIKE_ERR_PARAM, "config is NULL");
	expect_status(as_client_config_add_host(&cfg, NULL, 1, &err), &err, AEROSPIKE_ERR_PARAM, "host name is NULL");
	expect_status(as_client_config_add_host(&cfg, "", 1, &err), &err, AEROSPIKE_ERR_PARAM, "host name is empty");
	char long_host[300];
	memset(long_host, 'h', sizeof long_host - 1);
	long_host[sizeof long_host - 1] = '\0';
	expect_status(as_client_config_add_host(&cfg, long_host, 1, &err), &err, AEROSPIKE_ERR_PARAM, "host name");
	ck_assert_uint_eq(cfg.n_hosts, 0);
	for (int i = 0; i < AS_CONFIG_MAX_HOSTS; i++)
		ck_assert_int_eq(as_client_config_add_host(&cfg, "h", 0, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(cfg.hosts[0].port, 3000);
	expect_status(as_client_config_add_host(&cfg, "h", 1, &err), &err, AEROSPIKE_ERR_PARAM, "too many");
	ck_assert_uint_eq(cfg.n_hosts, AS_CONFIG_MAX_HOSTS);

	as_client_config_init(&cfg);
	expect_status(as_client_config_add_hosts(NULL, "h", &err), &err, AEROSPIKE_ERR_PARAM, "config is NULL");
	expect_status(as_client_config_add_hosts(&cfg, NULL, &err), &err, AEROSPIKE_ERR_PARAM, "host list is NULL");
	expect_status(as_client_config_add_hosts(&cfg, "", &err), &err, AEROSPIKE_ERR_PARAM, "host list is empty");
	expect_status(as_client_config_add_hosts(&cfg, "a,,b", &err), &err, AEROSPIKE_ERR_PARAM, "a,,b");
	expect_status(as_client_config_add_hosts(&cfg, "[::1", &err), &err, AEROSPIKE_ERR_PARAM, "[::1");
	expect_status(as_client_config_add_hosts(&cfg, "[::1]x", &err), &err, AEROSPIKE_ERR_PARAM, "::1");
	expect_status(as_client_config_add_hosts(&cfg, "h:0", &err), &err, AEROSPIKE_ERR_PARAM, "port '0'");
	expect_status(as_client_config_add_hosts(&cfg, "h:70000", &err), &err, AEROSPIKE_ERR_PARAM, "70000");
	expect_status(as_client_config_add_hosts(&cfg, "h:x", &err), &err, AEROSPIKE_ERR_PARAM, "port 'x'");
	expect_status(as_client_config_add_hosts(&cfg, "h:", &err), &err, AEROSPIKE_ERR_PARAM, "port ''");
	expect_status(as_client_config_add_hosts(&cfg, long_host, &err), &err, AEROSPIKE_ERR_PARAM, "host");
}
END_TEST

START_TEST(test_client_new)
{
	as_error err;
	as_client_config cfg;
	ck_assert_ptr_null(as_client_new(NULL, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "config is NULL");
	ck_assert_ptr_null(as_client_new(NULL, NULL));
	as_client_config_init(&cfg);
	ck_assert_ptr_null(as_client_new(&cfg, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "no seed hosts");
	as_client_config_add_host(&cfg, "127.0.0.1", 1, NULL);
	cfg.n_hosts = AS_CONFIG_MAX_HOSTS + 1;
	ck_assert_ptr_null(as_client_new(&cfg, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "n_hosts");
	cfg.n_hosts = 1;

	as_client_config bad = cfg;
	bad.n_loops = 0;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "n_loops");
	bad.n_loops = 257;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "n_loops");
	bad = cfg;
	bad.max_conns_per_node = 0;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "max_conns_per_node");
	bad = cfg;
	bad.pipeline_depth = 0;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "pipeline_depth");
	bad = cfg;
	bad.policies.read.key = (as_policy_key)BAD_ENUM;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "read policy");
	bad = cfg;
	bad.policies.write.exists = (as_policy_exists)NEG_ENUM;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "write policy");
	bad = cfg;
	bad.policies.remove.gen = (as_policy_gen)BAD_ENUM;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "remove policy");
	bad = cfg;
	bad.policies.operate.replica = (as_policy_replica)BAD_ENUM;
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "operate policy");
	/* Fields filled by hand: no terminating NUL, or empty. */
	bad = cfg;
	memset(bad.hosts[0].name, 'h', sizeof bad.hosts[0].name);
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "hosts[0].name");
	bad = cfg;
	bad.hosts[0].name[0] = '\0';
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "hosts[0].name is empty");
	bad = cfg;
	memset(bad.cluster_name, 'c', sizeof bad.cluster_name);
	ck_assert_ptr_null(as_client_new(&bad, &err));
	expect_err(&err, AEROSPIKE_ERR_PARAM, "cluster_name");

	/* NULL clients. */
	expect_param(as_client_connect(NULL), "client is NULL");
	ck_assert_int_eq(as_client_close(NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_client_destroy(NULL), AEROSPIKE_OK);
	char **names = (char **)&err;
	ck_assert_uint_eq(as_client_node_names(NULL, &names), 0);
	ck_assert_ptr_nonnull(names);
	ck_assert_ptr_null(names[0]);
	free(names);
	ck_assert_uint_eq(as_client_node_names(NULL, NULL), 0);
	ck_assert_ptr_null(as_client_stats_json(NULL));
}
END_TEST

/* --- commands with bad arguments --------------------------------------- */

START_TEST(test_commands_null_client)
{
	as_key key;
	ck_assert_int_eq(as_key_init_int(&key, "test", "s", 1, NULL), AEROSPIKE_OK);
	as_record *rec = as_record_new(1);
	as_record_set_int(rec, "a", 1);
	as_operations *ops = as_operations_new(1);
	as_operations_add_read_all(ops);
	const char *bins[] = { "a", NULL };
	expect_param(as_put(NULL, NULL, &key, rec), "client is NULL");
	expect_param(as_get(NULL, NULL, &key), "client is NULL");
	expect_param(as_select(NULL, NULL, &key, bins), "client is NULL");
	expect_param(as_exists(NULL, NULL, &key), "client is NULL");
	expect_param(as_remove(NULL, NULL, &key), "client is NULL");
	expect_param(as_touch(NULL, NULL, &key, 10), "client is NULL");
	expect_param(as_operate(NULL, NULL, &key, ops), "client is NULL");
	expect_param(as_batch_get(NULL, NULL, &key, 1), "client is NULL");
	expect_param(as_batch_select(NULL, NULL, &key, 1, bins), "client is NULL");
	expect_param(as_batch_exists(NULL, NULL, &key, 1), "client is NULL");
	expect_param(as_scan(NULL, NULL, "test", NULL, NULL, scan_fn, NULL), "client is NULL");
	expect_param(as_scan_collect(NULL, NULL, "test", NULL, NULL, 0), "client is NULL");
	expect_param(as_info(NULL, NULL, NULL, "build"), "client is NULL");
	/* All of them NULL at once. */
	expect_param(as_put(NULL, NULL, NULL, NULL), "client is NULL");
	expect_param(as_operate(NULL, NULL, NULL, NULL), "client is NULL");
	as_record_destroy(rec);
	as_operations_destroy(ops);
}
END_TEST

START_TEST(test_commands_single)
{
	as_client *c = refused_client();
	as_key key, bad_key;
	ck_assert_int_eq(as_key_init_int(&key, "test", "s", 1, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_key_init_int(&bad_key, NS_32, "s", 1, NULL), AEROSPIKE_ERR_PARAM);
	as_record *rec = as_record_new(1);
	as_record_set_int(rec, "a", 1);
	as_operations *ops = as_operations_new(1);
	as_operations_add_read_all(ops);
	const char *bins[] = { "a", NULL };

	/* NULL key. */
	expect_param(as_put(c, NULL, NULL, rec), "key is NULL");
	expect_param(as_get(c, NULL, NULL), "key is NULL");
	expect_param(as_select(c, NULL, NULL, bins), "key is NULL");
	expect_param(as_exists(c, NULL, NULL), "key is NULL");
	expect_param(as_remove(c, NULL, NULL), "key is NULL");
	expect_param(as_touch(c, NULL, NULL, 10), "key is NULL");
	expect_param(as_operate(c, NULL, NULL, ops), "key is NULL");
	/* A key whose initialisation failed. */
	expect_param(as_put(c, NULL, &bad_key, rec), "namespace");
	expect_param(as_get(c, NULL, &bad_key), "namespace");
	expect_param(as_select(c, NULL, &bad_key, bins), "namespace");
	expect_param(as_exists(c, NULL, &bad_key), "namespace");
	expect_param(as_remove(c, NULL, &bad_key), "namespace");
	expect_param(as_touch(c, NULL, &bad_key, 10), "namespace");
	expect_param(as_operate(c, NULL, &bad_key, ops), "namespace");

	/* Records: NULL, empty, a failed setter, too many bins. */
	expect_param(as_put(c, NULL, &key, NULL), "record is NULL");
	as_record *empty = as_record_new(0);
	expect_param(as_put(c, NULL, &key, empty), "no bins");
	as_record *bad_rec = as_record_new(1);
	as_record_set_int(bad_rec, "ok", 1);
	as_record_set_int(bad_rec, BIN_16, 1);
	expect_param(as_put(c, NULL, &key, bad_rec), "bin name");
	as_record *full = as_record_new(AS_RECORD_MAX_BINS);
	for (int i = 0; i < AS_RECORD_MAX_BINS; i++) {
		snprintf(full->bins[i].name, sizeof full->bins[i].name, "b%d", i);
		full->bins[i].value = as_value_int(i);
	}
	full->n_bins = AS_RECORD_MAX_BINS;
	as_record_set_int(full, "one_more", 1);
	expect_param(as_put(c, NULL, &key, full), "32767");

	/* Operations: NULL, empty, a failed adder. */
	expect_param(as_operate(c, NULL, &key, NULL), "operations is NULL");
	as_operations *no_ops = as_operations_new(0);
	expect_param(as_operate(c, NULL, &key, no_ops), "no operations");
	as_operations *bad_ops = as_operations_new(1);
	as_operations_add_incr(bad_ops, "", 1);
	expect_param(as_operate(c, NULL, &key, bad_ops), "empty");

	/* Bin lists of select: NULL, empty, bad names. */
	const char *none[] = { NULL };
	const char *empty_name[] = { "a", "", NULL };
	const char *long_name[] = { BIN_16, NULL };
	expect_param(as_select(c, NULL, &key, NULL), "bins is NULL");
	expect_param(as_select(c, NULL, &key, none), "no bins");
	expect_param(as_select(c, NULL, &key, empty_name), "bin name ''");
	expect_param(as_select(c, NULL, &key, long_name), BIN_16);

	/* Policies with values outside their enums. */
	as_policy_write pw;
	as_policy_write_init(&pw)->exists = (as_policy_exists)BAD_ENUM;
	expect_param(as_put(c, &pw, &key, rec), "exists");
	as_policy_write_init(&pw)->key = (as_policy_key)NEG_ENUM;
	expect_param(as_put(c, &pw, &key, rec), "key");
	as_policy_write_init(&pw)->gen = (as_policy_gen)BAD_ENUM;
	expect_param(as_put(c, &pw, &key, rec), "gen");
	as_policy_read pr;
	as_policy_read_init(&pr)->replica = (as_policy_replica)BAD_ENUM;
	expect_param(as_get(c, &pr, &key), "replica");
	expect_param(as_select(c, &pr, &key, bins), "replica");
	as_policy_read_init(&pr)->key = (as_policy_key)BAD_ENUM;
	expect_param(as_exists(c, &pr, &key), "key");
	as_policy_remove prm;
	as_policy_remove_init(&prm)->gen = (as_policy_gen)NEG_ENUM;
	expect_param(as_remove(c, &prm, &key), "gen");
	as_policy_operate po;
	as_policy_operate_init(&po)->exists = (as_policy_exists)BAD_ENUM;
	expect_param(as_touch(c, &po, &key, 10), "exists");
	as_policy_operate_init(&po)->replica = (as_policy_replica)NEG_ENUM;
	expect_param(as_operate(c, &po, &key, ops), "replica");

	as_record_destroy(rec);
	as_record_destroy(empty);
	as_record_destroy(bad_rec);
	as_record_destroy(full);
	as_operations_destroy(ops);
	as_operations_destroy(no_ops);
	as_operations_destroy(bad_ops);
	ck_assert_int_eq(as_client_destroy(c), AEROSPIKE_OK);
}
END_TEST

START_TEST(test_commands_multi)
{
	as_client *c = refused_client();
	as_key keys[2];
	ck_assert_int_eq(as_key_init_int(&keys[0], "test", "s", 1, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_key_init_int(&keys[1], "test", SET_64, 2, NULL), AEROSPIKE_ERR_PARAM);
	const char *bins[] = { "a", NULL };
	const char *none[] = { NULL };
	const char *empty_name[] = { "", NULL };
	const char *long_name[] = { "a", BIN_16, NULL };

	/* Batch: no keys, too many, an invalid key (named by index), bins. */
	expect_param(as_batch_get(c, NULL, NULL, 1), "keys is NULL");
	expect_param(as_batch_get(c, NULL, keys, 0), "n is 0");
	expect_param(as_batch_exists(c, NULL, NULL, 0), "no keys");
	expect_param(as_batch_select(c, NULL, NULL, 1, bins), "keys is NULL");
	expect_param(as_batch_get(c, NULL, keys, (size_t)AS_BATCH_MAX_KEYS + 1), "100001");
	expect_param(as_batch_get(c, NULL, keys, 2), "key 1");
	expect_param(as_batch_exists(c, NULL, keys, 2), "key 1");
	expect_param(as_batch_select(c, NULL, keys, 2, bins), "key 1");
	expect_param(as_batch_select(c, NULL, keys, 1, NULL), "no bins");
	expect_param(as_batch_select(c, NULL, keys, 1, none), "no bins");
	expect_param(as_batch_select(c, NULL, keys, 1, empty_name), "bin name ''");
	expect_param(as_batch_select(c, NULL, keys, 1, long_name), BIN_16);

	/* Scan: namespace, set, callback, bins. */
	expect_param(as_scan(c, NULL, NULL, NULL, NULL, scan_fn, NULL), "namespace");
	expect_param(as_scan(c, NULL, "", NULL, NULL, scan_fn, NULL), "namespace");
	expect_param(as_scan(c, NULL, NS_32, NULL, NULL, scan_fn, NULL), "namespace");
	expect_param(as_scan(c, NULL, "test", SET_64, NULL, scan_fn, NULL), "set");
	expect_param(as_scan(c, NULL, "test", NULL, NULL, NULL, NULL), "callback is NULL");
	expect_param(as_scan(c, NULL, "test", NULL, empty_name, scan_fn, NULL), "bin name ''");
	expect_param(as_scan(c, NULL, "test", NULL, long_name, scan_fn, NULL), BIN_16);
	expect_param(as_scan_collect(c, NULL, NULL, NULL, NULL, 0), "namespace");
	expect_param(as_scan_collect(c, NULL, "", "", NULL, 0), "namespace");
	expect_param(as_scan_collect(c, NULL, NS_32, NULL, NULL, 0), "namespace");
	expect_param(as_scan_collect(c, NULL, "test", SET_64, NULL, 0), "set");
	expect_param(as_scan_collect(c, NULL, "test", NULL, long_name, 5), BIN_16);

	/* Info: request and node name. */
	char long_node[100];
	memset(long_node, 'N', sizeof long_node - 1);
	long_node[sizeof long_node - 1] = '\0';
	expect_param(as_info(c, NULL, NULL, NULL), "request is empty");
	expect_param(as_info(c, NULL, NULL, ""), "request is empty");
	expect_param(as_info(c, NULL, NULL, "\n"), "request is empty");
	expect_param(as_info(c, NULL, NULL, "\n\n"), "no names");
	expect_param(as_info(c, NULL, NULL, "a\tb"), "TAB");
	expect_param(as_info(c, NULL, long_node, "build"), "node name");

	/* Statistics of a client with no nodes; NULL out-parameter. */
	char **names = NULL;
	ck_assert_uint_eq(as_client_node_names(c, &names), 0);
	ck_assert_ptr_nonnull(names);
	ck_assert_ptr_null(names[0]);
	free(names);
	ck_assert_uint_eq(as_client_node_names(c, NULL), 0);
	json_t *stats = as_client_stats_json(c);
	ck_assert_ptr_nonnull(stats);
	json_decref(stats);

	ck_assert_int_eq(as_client_destroy(c), AEROSPIKE_OK);
}
END_TEST

/* --- valid commands against a port where nothing listens -------------------- */

/* Fails (any error but a caller mistake) within HANG_MS. */
static void expect_fails_in_time(as_future *f, const char *what)
{
	as_error err;
	ck_assert_ptr_nonnull(f);
	as_status st = as_future_wait_for(f, HANG_MS, &err);
	ck_assert_msg(as_future_is_done(f), "%s still pending after %d ms", what, HANG_MS);
	ck_assert_msg(st != AEROSPIKE_OK && st != AEROSPIKE_ERR_PARAM, "%s: status %d", what, st);
	ck_assert_msg(err.message[0] != '\0', "%s: no message", what);
	as_future_release(f);
}

START_TEST(test_commands_refused)
{
	as_client *c = refused_client();
	as_key key;
	ck_assert_int_eq(as_key_init_str(&key, "test", "s", "k", NULL), AEROSPIKE_OK);
	as_record *rec = as_record_new(1);
	as_record_set_int(rec, "a", 1);
	as_operations *ops = as_operations_new(1);
	as_operations_add_incr(ops, "a", 1);
	const char *bins[] = { "a", NULL };

	expect_fails_in_time(as_client_connect(c), "connect");
	expect_fails_in_time(as_put(c, NULL, &key, rec), "put");
	expect_fails_in_time(as_get(c, NULL, &key), "get");
	expect_fails_in_time(as_select(c, NULL, &key, bins), "select");
	expect_fails_in_time(as_exists(c, NULL, &key), "exists");
	expect_fails_in_time(as_remove(c, NULL, &key), "remove");
	expect_fails_in_time(as_touch(c, NULL, &key, 10), "touch");
	expect_fails_in_time(as_operate(c, NULL, &key, ops), "operate");
	expect_fails_in_time(as_scan(c, NULL, "test", NULL, NULL, scan_fn, NULL), "scan");
	expect_fails_in_time(as_scan_collect(c, NULL, "test", NULL, NULL, 0), "scan_collect");
	expect_fails_in_time(as_info(c, NULL, NULL, "build"), "info");

	/* A batch is OK as a whole; each key carries its node's error. */
	as_future *f = as_batch_get(c, NULL, &key, 1);
	as_error err;
	ck_assert_int_eq(as_future_wait_for(f, HANG_MS, &err), AEROSPIKE_OK);
	const as_batch_result *br = as_future_batch(f);
	ck_assert_ptr_nonnull(br);
	ck_assert_uint_eq(br->n, 1);
	ck_assert_int_ne(br->records[0].status, AEROSPIKE_OK);
	ck_assert_ptr_null(br->records[0].record);
	as_future_release(f);

	as_record_destroy(rec);
	as_operations_destroy(ops);
	ck_assert_int_eq(as_client_destroy(c), AEROSPIKE_OK);
}
END_TEST

/* --- a closed client --------------------------------------------------------- */

#define expect_abort(f) expect_failed((f), AEROSPIKE_ERR_CLIENT_ABORT, "closed")

START_TEST(test_closed_client)
{
	as_client *c = refused_client();
	/* A command in flight when the client closes fails with CLIENT_ABORT. */
	as_key key;
	ck_assert_int_eq(as_key_init_int(&key, "test", NULL, 7, NULL), AEROSPIKE_OK);
	as_future *inflight = as_get(c, NULL, &key);
	ck_assert_int_eq(as_client_close(c), AEROSPIKE_OK);
	as_error err;
	as_status st = as_future_wait_for(inflight, HANG_MS, &err);
	ck_assert(as_future_is_done(inflight));
	ck_assert_int_ne(st, AEROSPIKE_OK);
	as_future_release(inflight);
	ck_assert_int_eq(as_client_close(c), AEROSPIKE_OK);

	as_record *rec = as_record_new(1);
	as_record_set_int(rec, "a", 1);
	as_operations *ops = as_operations_new(1);
	as_operations_add_read_all(ops);
	const char *bins[] = { "a", NULL };
	expect_abort(as_client_connect(c));
	expect_abort(as_put(c, NULL, &key, rec));
	expect_abort(as_get(c, NULL, &key));
	expect_abort(as_select(c, NULL, &key, bins));
	expect_abort(as_exists(c, NULL, &key));
	expect_abort(as_remove(c, NULL, &key));
	expect_abort(as_touch(c, NULL, &key, 10));
	expect_abort(as_operate(c, NULL, &key, ops));
	expect_abort(as_batch_get(c, NULL, &key, 1));
	expect_abort(as_batch_select(c, NULL, &key, 1, bins));
	expect_abort(as_batch_exists(c, NULL, &key, 1));
	expect_abort(as_scan(c, NULL, "test", NULL, NULL, scan_fn, NULL));
	expect_abort(as_scan_collect(c, NULL, "test", NULL, NULL, 0));
	expect_abort(as_info(c, NULL, NULL, "build"));
	/* Chaining on such a future works like on any other. */
	as_future *failed = as_get(c, NULL, &key);
	as_future *g = as_future_then(failed, then_fn, NULL);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(as_future_wait_for(g, HANG_MS, NULL), AEROSPIKE_OK);
	as_future_release(g);
	expect_abort(failed);

	char **names = NULL;
	ck_assert_uint_eq(as_client_node_names(c, &names), 0);
	free(names);
	ck_assert_ptr_null(as_client_stats_json(c));

	as_record_destroy(rec);
	as_operations_destroy(ops);
	ck_assert_int_eq(as_client_destroy(c), AEROSPIKE_OK);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("bad_input");
	TCase *tc = tcase_create("model");
	tcase_add_test(tc, test_error);
	tcase_add_test(tc, test_value);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_map);
	tcase_add_loop_test(tc, test_key_names, KEY_INT, KEY_DIGEST + 1);
	tcase_add_test(tc, test_key_values);
	tcase_add_test(tc, test_record_null);
	tcase_add_test(tc, test_record_names);
	tcase_add_test(tc, test_record_too_many_bins);
	tcase_add_test(tc, test_operations);
	tcase_add_test(tc, test_policy_init_null);
	tcase_add_loop_test(tc, test_policy_enums, 0, 2);
	tcase_add_test(tc, test_json);
	suite_add_tcase(s, tc);

	tc = tcase_create("future");
	tcase_add_test(tc, test_future_null);
	tcase_add_test(tc, test_future_combine);
	suite_add_tcase(s, tc);

	tc = tcase_create("client");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_config);
	tcase_add_test(tc, test_client_new);
	tcase_add_test(tc, test_commands_null_client);
	tcase_add_test(tc, test_commands_single);
	tcase_add_test(tc, test_commands_multi);
	tcase_add_test(tc, test_commands_refused);
	tcase_add_test(tc, test_closed_client);
	suite_add_tcase(s, tc);

	return s;
}
