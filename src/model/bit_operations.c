/* Bit operations: each is a payload [op code, args...] sent under op type
 * 12 (read) or 13 (modify), wrapped by a context like the collection ops
 * (cdt_op.c). The op codes are Aerospike's bit operation numbers. */
#include <aerofuture/bit_operations.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "model/binname.h"
#include "model/cdt_op.h"

enum {
	BIT_RESIZE = 0,
	BIT_INSERT = 1,
	BIT_REMOVE = 2,
	BIT_SET = 3,
	BIT_OR = 4,
	BIT_XOR = 5,
	BIT_AND = 6,
	BIT_NOT = 7,
	BIT_LSHIFT = 8,
	BIT_RSHIFT = 9,
	BIT_ADD = 10,
	BIT_SUBTRACT = 11,
	BIT_SET_INT = 12,
	BIT_GET = 50,
	BIT_COUNT = 51,
	BIT_LSCAN = 52,
	BIT_RSCAN = 53,
	BIT_GET_INT = 54
};

/* The low bit of add/subtract's action argument: the bits are signed. */
#define BIT_MATH_SIGNED 1

void as_bit_policy_init(as_bit_policy *policy)
{
	if (!policy)
		return;
	policy->flags = AS_BIT_WRITE_DEFAULT;
}

void as_bit_policy_set_write_flags(as_bit_policy *policy, as_bit_write_flags flags)
{
	if (!policy)
		return;
	policy->flags = (uint64_t)flags;
}

static bool bad_arg(as_operations *ops, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool bad_arg(as_operations *ops, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	if (ops) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof why, fmt, ap);
		va_end(ap);
		as_invalid_note(&ops->invalid, why);
	}
	return false;
}

/* No blob is 2^31 bytes (or bits) long: a size that large is a negative
 * number passed for an unsigned one, which the server would only reject
 * with a bare parameter error. */
static bool size_ok(as_operations *ops, const char *what, uint32_t v)
{
	if (v > INT32_MAX)
		return bad_arg(ops, "bit operation: %s %lu is out of range (negative?)", what, (unsigned long)v);
	return true;
}

/* Integer operations work on 1..64 bits. */
static bool int_size_ok(as_operations *ops, uint32_t bit_size)
{
	if (bit_size < 1 || bit_size > 64)
		return bad_arg(ops, "bit operation: bit_size %lu is not 1..64", (unsigned long)bit_size);
	return true;
}

static bool bytes_ok(as_operations *ops, uint32_t size, const uint8_t *value)
{
	if (!size_ok(ops, "value_byte_size", size))
		return false;
	if (size > 0 && !value)
		return bad_arg(ops, "bit operation: value is NULL with %lu bytes", (unsigned long)size);
	return true;
}

/* The write flags travel as the argument after the op's own ones; the
 * official client sends 0 when no policy is given. */
static int64_t policy_flags(const as_bit_policy *policy)
{
	return policy ? (int64_t)policy->flags : AS_BIT_WRITE_DEFAULT;
}

static bool bit_modify(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *payload)
{
	return as_cdt_op_add(ops, AS_OPERATOR_BIT_MODIFY, name, ctx, 0, payload);
}

static bool bit_read(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *payload)
{
	return as_cdt_op_add(ops, AS_OPERATOR_BIT_READ, name, ctx, 0, payload);
}

bool as_operations_bit_resize(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                              const as_bit_policy *policy, uint32_t byte_size, as_bit_resize_flags flags)
{
	if (!size_ok(ops, "byte_size", byte_size))
		return false;
	if ((unsigned)flags & ~(unsigned)(AS_BIT_RESIZE_FROM_FRONT | AS_BIT_RESIZE_GROW_ONLY | AS_BIT_RESIZE_SHRINK_ONLY))
		return bad_arg(ops, "bit operation: resize flags %d are not as_bit_resize_flags", (int)flags);
	return bit_modify(ops, name, ctx,
	                  as_cdt_payload(BIT_RESIZE, "iii", (int64_t)byte_size, policy_flags(policy), (int64_t)flags));
}

bool as_operations_bit_insert(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                              const as_bit_policy *policy, int byte_offset, uint32_t value_byte_size,
                              const uint8_t *value)
{
	if (!bytes_ok(ops, value_byte_size, value))
		return false;
	return bit_modify(ops, name, ctx,
	                  as_cdt_payload(BIT_INSERT, "ivi", (int64_t)byte_offset, as_value_bytes(value, value_byte_size),
	                                 policy_flags(policy)));
}

/* remove and not: [code, offset, size, flags] */
static bool bit_write(as_operations *ops, const char *name, const as_cdt_ctx *ctx, const as_bit_policy *policy,
                      int code, const char *size_name, int offset, uint32_t size)
{
	if (!size_ok(ops, size_name, size))
		return false;
	return bit_modify(ops, name, ctx,
	                  as_cdt_payload(code, "iii", (int64_t)offset, (int64_t)size, policy_flags(policy)));
}

bool as_operations_bit_remove(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                              const as_bit_policy *policy, int byte_offset, uint32_t byte_size)
{
	return bit_write(ops, name, ctx, policy, BIT_REMOVE, "byte_size", byte_offset, byte_size);
}

bool as_operations_bit_not(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                           const as_bit_policy *policy, int bit_offset, uint32_t bit_size)
{
	return bit_write(ops, name, ctx, policy, BIT_NOT, "bit_size", bit_offset, bit_size);
}

/* set, or, xor, and: [code, offset, size, bytes, flags] */
static bool bit_byte_math(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                          const as_bit_policy *policy, int code, int bit_offset, uint32_t bit_size,
                          uint32_t value_byte_size, const uint8_t *value)
{
	if (!size_ok(ops, "bit_size", bit_size) || !bytes_ok(ops, value_byte_size, value))
		return false;
	return bit_modify(ops, name, ctx,
	                  as_cdt_payload(code, "iivi", (int64_t)bit_offset, (int64_t)bit_size,
	                                 as_value_bytes(value, value_byte_size), policy_flags(policy)));
}

bool as_operations_bit_set(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                           const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint32_t value_byte_size,
                           const uint8_t *value)
{
	return bit_byte_math(ops, name, ctx, policy, BIT_SET, bit_offset, bit_size, value_byte_size, value);
}

bool as_operations_bit_or(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                          const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint32_t value_byte_size,
                          const uint8_t *value)
{
	return bit_byte_math(ops, name, ctx, policy, BIT_OR, bit_offset, bit_size, value_byte_size, value);
}

bool as_operations_bit_xor(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                           const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint32_t value_byte_size,
                           const uint8_t *value)
{
	return bit_byte_math(ops, name, ctx, policy, BIT_XOR, bit_offset, bit_size, value_byte_size, value);
}

bool as_operations_bit_and(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                           const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint32_t value_byte_size,
                           const uint8_t *value)
{
	return bit_byte_math(ops, name, ctx, policy, BIT_AND, bit_offset, bit_size, value_byte_size, value);
}

/* lshift, rshift: [code, offset, size, shift, flags] */
static bool bit_shift(as_operations *ops, const char *name, const as_cdt_ctx *ctx, const as_bit_policy *policy,
                      int code, int bit_offset, uint32_t bit_size, uint32_t shift)
{
	if (!size_ok(ops, "bit_size", bit_size) || !size_ok(ops, "shift", shift))
		return false;
	return bit_modify(ops, name, ctx,
	                  as_cdt_payload(code, "iiii", (int64_t)bit_offset, (int64_t)bit_size, (int64_t)shift,
	                                 policy_flags(policy)));
}

bool as_operations_bit_lshift(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                              const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint32_t shift)
{
	return bit_shift(ops, name, ctx, policy, BIT_LSHIFT, bit_offset, bit_size, shift);
}

bool as_operations_bit_rshift(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                              const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint32_t shift)
{
	return bit_shift(ops, name, ctx, policy, BIT_RSHIFT, bit_offset, bit_size, shift);
}

/* add, subtract: [code, offset, size, value, flags, action | signed] */
static bool bit_math(as_operations *ops, const char *name, const as_cdt_ctx *ctx, const as_bit_policy *policy,
                     int code, int bit_offset, uint32_t bit_size, uint64_t value, bool sign,
                     as_bit_overflow_action action)
{
	int64_t act = (int64_t)action | (sign ? BIT_MATH_SIGNED : 0);

	if (action != AS_BIT_OVERFLOW_FAIL && action != AS_BIT_OVERFLOW_SATURATE && action != AS_BIT_OVERFLOW_WRAP)
		return bad_arg(ops, "bit operation: overflow action %d is not FAIL, SATURATE or WRAP", (int)action);
	if (!int_size_ok(ops, bit_size))
		return false;
	/* a value carries int64: the same 64 bits, which is what the
	 * integer in the blob is made of */
	return bit_modify(ops, name, ctx,
	                  as_cdt_payload(code, "iiiii", (int64_t)bit_offset, (int64_t)bit_size, (int64_t)value,
	                                 policy_flags(policy), act));
}

bool as_operations_bit_add(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                           const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint64_t value, bool sign,
                           as_bit_overflow_action action)
{
	return bit_math(ops, name, ctx, policy, BIT_ADD, bit_offset, bit_size, value, sign, action);
}

bool as_operations_bit_subtract(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                const as_bit_policy *policy, int bit_offset, uint32_t bit_size, uint64_t value,
                                bool sign, as_bit_overflow_action action)
{
	return bit_math(ops, name, ctx, policy, BIT_SUBTRACT, bit_offset, bit_size, value, sign, action);
}

bool as_operations_bit_set_int(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                               const as_bit_policy *policy, int bit_offset, uint32_t bit_size, int64_t value)
{
	if (!int_size_ok(ops, bit_size))
		return false;
	return bit_modify(ops, name, ctx,
	                  as_cdt_payload(BIT_SET_INT, "iiii", (int64_t)bit_offset, (int64_t)bit_size, value,
	                                 policy_flags(policy)));
}

bool as_operations_bit_get(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int bit_offset,
                           uint32_t bit_size)
{
	if (!size_ok(ops, "bit_size", bit_size))
		return false;
	return bit_read(ops, name, ctx, as_cdt_payload(BIT_GET, "ii", (int64_t)bit_offset, (int64_t)bit_size));
}

bool as_operations_bit_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int bit_offset,
                             uint32_t bit_size)
{
	if (!size_ok(ops, "bit_size", bit_size))
		return false;
	return bit_read(ops, name, ctx, as_cdt_payload(BIT_COUNT, "ii", (int64_t)bit_offset, (int64_t)bit_size));
}

static bool bit_scan(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int code, int bit_offset,
                     uint32_t bit_size, bool value)
{
	if (!size_ok(ops, "bit_size", bit_size))
		return false;
	return bit_read(ops, name, ctx,
	                as_cdt_payload(code, "iiv", (int64_t)bit_offset, (int64_t)bit_size, as_value_bool(value)));
}

bool as_operations_bit_lscan(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int bit_offset,
                             uint32_t bit_size, bool value)
{
	return bit_scan(ops, name, ctx, BIT_LSCAN, bit_offset, bit_size, value);
}

bool as_operations_bit_rscan(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int bit_offset,
                             uint32_t bit_size, bool value)
{
	return bit_scan(ops, name, ctx, BIT_RSCAN, bit_offset, bit_size, value);
}

bool as_operations_bit_get_int(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int bit_offset,
                               uint32_t bit_size, bool sign)
{
	if (!int_size_ok(ops, bit_size))
		return false;
	/* the signed flag is sent only when set (bit_get_int_signed) */
	if (sign)
		return bit_read(ops, name, ctx,
		                as_cdt_payload(BIT_GET_INT, "iii", (int64_t)bit_offset, (int64_t)bit_size,
		                               (int64_t)BIT_MATH_SIGNED));
	return bit_read(ops, name, ctx, as_cdt_payload(BIT_GET_INT, "ii", (int64_t)bit_offset, (int64_t)bit_size));
}
