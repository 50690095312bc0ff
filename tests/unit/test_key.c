/* Keys and digests, checked against the vectors the official client computed
 * (shared/reference/digests.tsv, found through AS_REFERENCE_DIR). */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/key.h>

#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

typedef struct digest_row {
	char ns[40];
	char set[80];
	char type[16];
	char key[1024];
	uint8_t digest[AS_DIGEST_SIZE];
	uint32_t partition;
	int line;
} digest_row;

/* Split @p line at tabs into exactly @p n fields (empty fields kept). */
static int split_tabs(char *line, char **fields, int n)
{
	int i = 0;
	fields[i++] = line;
	for (char *p = line; *p; p++) {
		if (*p == '\t') {
			*p = '\0';
			if (i == n)
				return -1;
			fields[i++] = p + 1;
		}
	}
	return i;
}

static digest_row *rows;
static int n_rows;

/* The rows are loaded once per process and kept. With CK_FORK=no that is
 * the runner's process, which frees them after the tests (with fork, each
 * test's process loads its own and exits). */
static void free_rows(void)
{
	free(rows);
	rows = NULL;
	n_rows = 0;
}

/* Read every row; any problem fails the test that called it. */
static void load_rows(void)
{
	if (rows)
		return;
	const char *path = "digests.tsv";
	char why[512];
	char *text = ref_read_text(path, NULL, why, sizeof why);
	ck_assert_msg(text != NULL, "%s", why);
	rows = calloc(256, sizeof *rows);
	ck_assert_ptr_nonnull(rows);
	int lineno = 0;
	bool header_seen = false;
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!header_seen && strncmp(line, "namespace\t", 10) == 0) {
			header_seen = true;
			continue;
		}
		char *fld[6];
		ck_assert_msg(split_tabs(line, fld, 6) == 6, "%s:%d: expected 6 tab-separated fields", path, lineno);
		ck_assert_int_lt(n_rows, 256);
		digest_row *r = &rows[n_rows++];
		ck_assert_msg(strcmp(fld[0], "test") == 0 || strcmp(fld[0], "bar") == 0,
		              "%s:%d: unexpected namespace '%s'", path, lineno, fld[0]);
		snprintf(r->ns, sizeof r->ns, "%s", fld[0]);
		snprintf(r->set, sizeof r->set, "%s", fld[1]);
		snprintf(r->type, sizeof r->type, "%s", fld[2]);
		ck_assert_msg(strlen(fld[3]) < sizeof r->key, "%s:%d: key too long for the test", path, lineno);
		strcpy(r->key, fld[3]);
		ck_assert_msg(hex_decode(fld[4], strlen(fld[4]), r->digest, sizeof r->digest) == AS_DIGEST_SIZE,
		              "%s:%d: bad digest hex '%s'", path, lineno, fld[4]);
		r->partition = (uint32_t)strtoul(fld[5], NULL, 10);
		r->line = lineno;
	}
	free(text);
	ck_assert_msg(header_seen, "%s: no header line", path);
	/* README.txt: 72 vectors. Fewer means the file was cut short. */
	ck_assert_int_eq(n_rows, 72);
}

static as_status row_key(const digest_row *r, as_key *key, uint8_t *buf, as_error *err)
{
	if (strcmp(r->type, "int") == 0)
		return as_key_init_int(key, r->ns, r->set, strtoll(r->key, NULL, 10), err);
	if (strcmp(r->type, "string") == 0)
		return as_key_init_str(key, r->ns, r->set, r->key, err);
	ck_assert_str_eq(r->type, "bytes");
	long n = hex_decode(r->key, strlen(r->key), buf, 512);
	ck_assert_int_ge(n, 0);
	return as_key_init_bytes(key, r->ns, r->set, buf, (size_t)n, err);
}

START_TEST(test_reference_digests)
{
	load_rows();
	for (int i = 0; i < n_rows; i++) {
		const digest_row *r = &rows[i];
		as_key key;
		as_error err;
		uint8_t buf[512];
		as_error_reset(&err);
		ck_assert_msg(row_key(r, &key, buf, &err) == AEROSPIKE_OK, "line %d: %s", r->line, err.message);
		ck_assert_msg(memcmp(key.digest, r->digest, AS_DIGEST_SIZE) == 0,
		              "line %d (%s '%s' in set '%s'): digest differs", r->line, r->type, r->key, r->set);
		ck_assert_msg(as_key_partition_id(&key) == r->partition, "line %d: partition %u, expected %u",
		              r->line, as_key_partition_id(&key), r->partition);
		ck_assert_str_eq(key.ns, r->ns);
		ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_OK);
		as_key_destroy(&key);
	}
}
END_TEST

START_TEST(test_reference_digest_compute_and_null_set)
{
	load_rows();
	int empty_set_rows = 0;
	for (int i = 0; i < n_rows; i++) {
		const digest_row *r = &rows[i];
		if (r->set[0])
			continue;
		empty_set_rows++;
		/* A NULL set gives the same digest as "". */
		as_key key;
		uint8_t buf[512];
		digest_row copy = *r;
		ck_assert_int_eq(row_key(&copy, &key, buf, NULL), AEROSPIKE_OK);
		as_key k2;
		if (strcmp(r->type, "int") == 0)
			ck_assert_int_eq(as_key_init_int(&k2, "bar", NULL, strtoll(r->key, NULL, 10), NULL), AEROSPIKE_OK);
		else if (strcmp(r->type, "string") == 0)
			ck_assert_int_eq(as_key_init_str(&k2, "bar", NULL, r->key, NULL), AEROSPIKE_OK);
		else
			ck_assert_int_eq(as_key_init_bytes(&k2, "bar", NULL, key.value.u.bytes, key.value.len, NULL),
			                 AEROSPIKE_OK);
		ck_assert_msg(memcmp(k2.digest, r->digest, AS_DIGEST_SIZE) == 0, "line %d: NULL set digest differs",
		              r->line);
	}
	ck_assert_int_gt(empty_set_rows, 0);

	/* as_digest_compute directly, int as 8 bytes big-endian. */
	uint8_t be42[8] = {0, 0, 0, 0, 0, 0, 0, 42}, out[AS_DIGEST_SIZE], want[AS_DIGEST_SIZE];
	ck_assert_int_eq(as_digest_compute("", AS_INTEGER, be42, 8, out, NULL), AEROSPIKE_OK);
	hex_decode("7a7e97c9928be59ec21e441643031a7d48f2ccc6", 40, want, sizeof want);
	ck_assert_mem_eq(out, want, AS_DIGEST_SIZE);
}
END_TEST

START_TEST(test_digest_compute_errors)
{
	uint8_t out[AS_DIGEST_SIZE];
	as_error err;
	as_error_reset(&err);
	ck_assert_int_eq(as_digest_compute("s", AS_DOUBLE, (const uint8_t *)"12345678", 8, out, &err),
	                 AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "double"));
	ck_assert_int_eq(as_digest_compute("s", AS_INTEGER, (const uint8_t *)"1234", 4, out, &err),
	                 AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_digest_compute("s", AS_BYTES, NULL, 3, out, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_digest_compute("s", AS_BYTES, NULL, 0, out, &err), AEROSPIKE_OK);
}
END_TEST

START_TEST(test_key_names)
{
	as_key key;
	as_error err;
	char ns31[32], ns32[33], set63[64], set64[65], ns40[41];
	memset(ns31, 'n', 31); ns31[31] = '\0';
	memset(ns32, 'n', 32); ns32[32] = '\0';
	memset(ns40, 'x', 40); ns40[40] = '\0';
	memset(set63, 's', 63); set63[63] = '\0';
	memset(set64, 's', 64); set64[64] = '\0';

	ck_assert_int_eq(as_key_init_int(&key, ns31, set63, 1, &err), AEROSPIKE_OK);
	ck_assert_str_eq(key.ns, ns31);
	ck_assert_str_eq(key.set, set63);
	ck_assert_int_eq(key.value.type, AS_INTEGER);
	ck_assert_int_eq(key.value.u.i, 1);
	ck_assert_int_eq(as_key_validate(&key, &err), AEROSPIKE_OK);

	as_error_reset(&err);
	ck_assert_int_eq(as_key_init_int(&key, ns40, NULL, 1, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "namespace 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is 40 bytes, the limit is 31");
	ck_assert_str_eq(key.ns, "");
	ck_assert_int_eq(as_key_validate(&key, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "namespace"));

	ck_assert_int_eq(as_key_init_str(&key, ns32, "s", "k", &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "is 32 bytes"));
	ck_assert_int_eq(as_key_init_str(&key, NULL, "s", "k", &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "namespace is NULL");
	ck_assert_int_eq(as_key_init_str(&key, "", "s", "k", &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "namespace is empty");
	ck_assert_int_eq(as_key_init_str(&key, "test", set64, "k", &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "set 'ssss"));
	ck_assert_ptr_nonnull(strstr(err.message, "is 64 bytes, the limit is 63"));
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_key_init_str(&key, "test", "s", NULL, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "string key is NULL");
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_key_init_bytes(&key, "test", "s", NULL, 4, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_key_validate(&key, NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_key_init_int(NULL, "test", "s", 1, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_key_validate(NULL, &err), AEROSPIKE_ERR_PARAM);
	/* err may be NULL. */
	ck_assert_int_eq(as_key_init_int(&key, ns40, NULL, 1, NULL), AEROSPIKE_ERR_PARAM);

	/* A very long name is quoted shortened, so the length stays in the message. */
	char huge[400];
	memset(huge, 'y', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';
	ck_assert_int_eq(as_key_init_int(&key, huge, NULL, 1, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "...' is 399 bytes, the limit is 31"));
}
END_TEST

START_TEST(test_key_borrow_and_digest_only)
{
	as_key key;
	char s[] = "mykey";
	ck_assert_int_eq(as_key_init_str(&key, "test", "", s, NULL), AEROSPIKE_OK);
	ck_assert_ptr_eq(key.value.u.str, s);  /* borrowed, not copied */
	ck_assert_int_eq(key.value.borrowed, 1);
	ck_assert_uint_eq(key.value.len, 5);
	ck_assert_str_eq(key.set, "");
	uint8_t d[AS_DIGEST_SIZE];
	memcpy(d, key.digest, sizeof d);
	as_key_destroy(&key);
	ck_assert_str_eq(s, "mykey");

	as_key k2;
	ck_assert_int_eq(as_key_init_digest(&k2, "test", "demo", d, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(k2.value.type, AS_NIL);
	ck_assert_mem_eq(k2.digest, d, AS_DIGEST_SIZE);
	ck_assert_str_eq(k2.set, "demo");
	ck_assert_int_eq(as_key_validate(&k2, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_key_init_digest(&k2, "test", "demo", NULL, NULL), AEROSPIKE_ERR_PARAM);
	as_key_destroy(NULL);

	/* The partition is the low 12 bits of the first two bytes, little-endian. */
	d[0] = 0xff;
	d[1] = 0xff;
	ck_assert_int_eq(as_key_init_digest(&k2, "test", NULL, d, NULL), AEROSPIKE_OK);
	ck_assert_uint_eq(as_key_partition_id(&k2), 4095);
	d[0] = 0x34;
	d[1] = 0x12;
	ck_assert_int_eq(as_key_init_digest(&k2, "test", NULL, d, NULL), AEROSPIKE_OK);
	ck_assert_uint_eq(as_key_partition_id(&k2), 0x234);

	/* A library-owned key value is freed by as_key_destroy (valgrind checks). */
	ck_assert_int_eq(as_key_init_int(&k2, "test", NULL, 5, NULL), AEROSPIKE_OK);
	k2.value = as_value_str("owned");
	as_key_destroy(&k2);
	ck_assert_int_eq(k2.value.type, AS_NIL);
}
END_TEST

/* Many threads computing digests at once must all get the right answer. */
#define DIGEST_THREADS 8
#define DIGEST_ROUNDS 2000

static void *digest_thread(void *arg)
{
	(void)arg;
	uint8_t want[AS_DIGEST_SIZE];
	hex_decode("cc2c7d2930b7c4a25536c1c39fcc094231fbc188", 40, want, sizeof want);
	for (int i = 0; i < DIGEST_ROUNDS; i++) {
		as_key key;
		if (as_key_init_str(&key, "test", "myset", "hello world", NULL) != AEROSPIKE_OK ||
		    memcmp(key.digest, want, AS_DIGEST_SIZE) != 0)
			return (void *)1;
	}
	return NULL;
}

START_TEST(test_digest_threads)
{
	pthread_t t[DIGEST_THREADS];
	for (int i = 0; i < DIGEST_THREADS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, digest_thread, NULL), 0);
	for (int i = 0; i < DIGEST_THREADS; i++) {
		void *rc;
		ck_assert_int_eq(pthread_join(t[i], &rc), 0);
		ck_assert_ptr_null(rc);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("key");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, NULL, free_rows);
	tcase_add_test(tc, test_reference_digests);
	tcase_add_test(tc, test_reference_digest_compute_and_null_set);
	tcase_add_test(tc, test_digest_compute_errors);
	tcase_add_test(tc, test_key_names);
	tcase_add_test(tc, test_key_borrow_and_digest_only);
	tcase_add_test(tc, test_digest_threads);
	suite_add_tcase(s, tc);
	return s;
}
