/* Aerospike expressions (filters, field 43, and the EXP_READ / EXP_MODIFY
 * ops): the msgpack expression is parsed into a tree (exp_parse.c), which
 * is checked whole before anything runs, then evaluated against a
 * command's working set and the stored record's metadata (exp_eval.c,
 * exp_meta.c, exp_call.c). Reference: cdt/notes.txt section 7. */
#ifndef MINISPIKE_EXP_H
#define MINISPIKE_EXP_H

#include <stdbool.h>
#include <stdint.h>
#include <regex.h>
#include <aerofuture/value.h>

#include "store.h"
#include "work.h"

/* Deepest nesting and largest tree accepted, and the let-variables in
 * scope at once: a request cannot make the evaluator recurse or allocate
 * without bound. */
#define MS_EXP_MAX_DEPTH 64
#define MS_EXP_MAX_NODES 4096
#define MS_EXP_MAX_VARS 32

/* Evaluation outcome besides a result code: the value is 'unknown' (a bin
 * of another type, a missing bin, a division by zero...). A filter treats
 * it as false, an expression op as a failure (26). */
#define MS_EXP_UNKNOWN (-1)

/* Expression op codes (wire values). */
enum {
	MS_XOP_LIT = 0, /* a literal (not a wire code) */
	MS_XOP_EQ = 1, MS_XOP_NE = 2, MS_XOP_GT = 3, MS_XOP_GE = 4, MS_XOP_LT = 5, MS_XOP_LE = 6,
	MS_XOP_REGEX = 7, MS_XOP_GEO = 8,
	MS_XOP_AND = 16, MS_XOP_OR = 17, MS_XOP_NOT = 18, MS_XOP_EXCLUSIVE = 19,
	MS_XOP_ADD = 20, MS_XOP_SUB = 21, MS_XOP_MUL = 22, MS_XOP_DIV = 23, MS_XOP_POW = 24,
	MS_XOP_LOG = 25, MS_XOP_MOD = 26, MS_XOP_ABS = 27, MS_XOP_FLOOR = 28, MS_XOP_CEIL = 29,
	MS_XOP_TO_INT = 30, MS_XOP_TO_FLOAT = 31, MS_XOP_INT_AND = 32, MS_XOP_INT_OR = 33,
	MS_XOP_INT_XOR = 34, MS_XOP_INT_NOT = 35, MS_XOP_INT_LSHIFT = 36, MS_XOP_INT_RSHIFT = 37,
	MS_XOP_INT_ARSHIFT = 38, MS_XOP_INT_COUNT = 39, MS_XOP_INT_LSCAN = 40, MS_XOP_INT_RSCAN = 41,
	MS_XOP_MIN = 50, MS_XOP_MAX = 51,
	MS_XOP_DIGEST_MODULO = 64, MS_XOP_DEVICE_SIZE = 65, MS_XOP_LAST_UPDATE = 66,
	MS_XOP_SINCE_UPDATE = 67, MS_XOP_VOID_TIME = 68, MS_XOP_TTL = 69, MS_XOP_SET_NAME = 70,
	MS_XOP_KEY_EXIST = 71, MS_XOP_IS_TOMBSTONE = 72, MS_XOP_MEMORY_SIZE = 73, MS_XOP_RECORD_SIZE = 74,
	MS_XOP_KEY = 80, MS_XOP_BIN = 81, MS_XOP_BIN_TYPE = 82,
	MS_XOP_COND = 123, MS_XOP_VAR = 124, MS_XOP_LET = 125, MS_XOP_QUOTE = 126, MS_XOP_CALL = 127
};

/* Expression value types (wire values of BIN, KEY and CALL). */
enum {
	MS_XT_NIL = 0, MS_XT_BOOL = 1, MS_XT_INT = 2, MS_XT_STR = 3, MS_XT_LIST = 4, MS_XT_MAP = 5,
	MS_XT_BLOB = 6, MS_XT_FLOAT = 7, MS_XT_GEO = 8, MS_XT_HLL = 9, MS_XT_AUTO = 10
};

/* CALL systems: collections, bits, HLL; MODIFY_LOCAL or-ed in. */
#define MS_XCALL_CDT 0
#define MS_XCALL_BITS 1
#define MS_XCALL_HLL 2
#define MS_XCALL_MODIFY 0x40

typedef struct ms_exp {
	int op;
	int type;                  /* static result type (MS_XT_*), MS_XT_AUTO when unknown */
	as_value lit;              /* LIT / QUOTE: the value; CALL: the context (nil: none) */
	const uint8_t *str;        /* BIN / BIN_TYPE: bin name; LET: first name (unused later) */
	uint32_t str_len;
	int64_t a, b, c;           /* BIN/KEY: a = type; REGEX: a = flags; DIGEST_MODULO: a = mod;
	                            * VAR: a = slot; LET: a = first slot; CALL: a = type, b = system,
	                            * c = op code */
	regex_t *re;
	uint32_t n;                /* kids (CALL: kid 0 = the bin, then the op's arguments) */
	struct ms_exp **kid;
} ms_exp;

/* What an expression reads: the bins as the command's ops left them and
 * the record as stored (NULL when there is none yet). */
typedef struct ms_exp_env {
	ms_work *wk;
	const ms_record *rec;
	const ms_ns *ns;
	uint32_t now_cf;
	as_value vars[MS_EXP_MAX_VARS];
} ms_exp_env;

/* Parse p[0..len) (the whole of it) into *out. Returns AEROSPIKE_OK or
 * AEROSPIKE_ERR_REQUEST_INVALID; the caller frees *out with ms_exp_free. */
int ms_exp_parse(const uint8_t *p, size_t len, ms_exp **out, size_t *used);
void ms_exp_free(ms_exp *e);

/* Evaluate e into *out (owned by the caller): AEROSPIKE_OK, MS_EXP_UNKNOWN
 * (*out nil) or a result code. */
int ms_exp_eval(const ms_exp *e, ms_exp_env *env, as_value *out);

/* Apply the filter p[0..len) to rec: AEROSPIKE_OK when it holds,
 * AEROSPIKE_FILTERED_OUT when false or unknown, 4 when malformed or
 * not boolean. */
int ms_exp_filter(const uint8_t *p, size_t len, ms_work *wk, const ms_record *rec, const ms_ns *ns,
                  uint32_t now_cf);
/* The same with a parsed filter (a scan parses it once). */
int ms_exp_filter_eval(const ms_exp *e, ms_work *wk, const ms_record *rec, const ms_ns *ns, uint32_t now_cf);
/* Whether p[0..len) is a boolean expression (AEROSPIKE_OK) or not (4). */
int ms_exp_filter_check(const uint8_t *p, size_t len);

/* Record metadata (exp_meta.c). */
int ms_exp_meta(const ms_exp *e, ms_exp_env *env, as_value *out);
/* The bin value as an expression sees it; false for a particle it cannot read. */
bool ms_exp_bin_value(const ms_work *wk, const ms_wbin *b, as_value *out);
/* Size the real server's flat storage format gives rec (16-byte blocks). */
uint64_t ms_exp_record_size(const ms_record *rec);
/* Current time in milliseconds since 1970. */
uint64_t ms_exp_now_ms(void);

/* GEO compare (exp_geo.c): 1 when one GeoJSON lies within / contains the
 * other, 0 when not, -1 when the pair is not one it can decide. */
int ms_exp_geo_relate(const char *a, const char *b);

/* CALL (exp_call.c). */
int ms_exp_call(const ms_exp *e, ms_exp_env *env, as_value *out);

/* EXP_READ / EXP_MODIFY ops (exp_op.c): op is the request op; the result
 * entry (if any) goes to out, *emitted tells; *changed when a bin changed. */
int ms_exp_op_apply(ms_work *wk, const ms_record *rec, const ms_ns *ns, uint32_t now_cf,
                    const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted, bool *changed);

#endif
