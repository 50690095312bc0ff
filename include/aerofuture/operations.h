/**
 * @file operations.h
 * @brief Several reads and writes on one record, applied atomically by as_operate().
 *
 * The list owns its operations and their values. Adders copy names and
 * scalar/string arguments; as_operations_add_write() steals its value. Like
 * record setters, an adder given a bad bin name returns false and marks the
 * list invalid, so as_operate() fails with AEROSPIKE_ERR_PARAM naming it.
 */
#ifndef AEROFUTURE_OPERATIONS_H
#define AEROFUTURE_OPERATIONS_H

#include <aerofuture/common.h>
#include <aerofuture/error.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/** Operation codes; the numbers are Aerospike's wire op types. */
typedef enum as_operator {
	AS_OPERATOR_READ = 1,
	AS_OPERATOR_WRITE = 2,
	AS_OPERATOR_CDT_READ = 3,
	AS_OPERATOR_CDT_MODIFY = 4,
	AS_OPERATOR_INCR = 5,      /**< add to an integer or double bin */
	AS_OPERATOR_EXP_READ = 7,     /**< exp.h as_operations_exp_read() */
	AS_OPERATOR_EXP_MODIFY = 8,   /**< exp.h as_operations_exp_write() */
	AS_OPERATOR_APPEND = 9,
	AS_OPERATOR_PREPEND = 10,
	AS_OPERATOR_TOUCH = 11,
	AS_OPERATOR_BIT_READ = 12,    /**< bit_operations.h reads */
	AS_OPERATOR_BIT_MODIFY = 13,  /**< bit_operations.h writes */
	AS_OPERATOR_DELETE = 14,   /**< delete the record */
	AS_OPERATOR_HLL_READ = 15,    /**< hll_operations.h reads */
	AS_OPERATOR_HLL_MODIFY = 16   /**< hll_operations.h writes */
} as_operator;

/** One operation. An empty bin name with AS_OPERATOR_READ means "read all bins". */
typedef struct as_op {
	as_operator op;                      /**< what to do */
	char bin[AS_BIN_NAME_MAX_LEN + 1];   /**< bin name, NUL-terminated; "" when the op has no bin */
	as_value value;  /**< owned; nil for reads, touch and delete */
} as_op;

/** An ordered list of operations. */
typedef struct as_operations {
	as_op *ops;          /**< the operations, owned */
	uint16_t n_ops;      /**< number of operations */
	uint16_t capacity;   /**< allocated operations */
	uint32_t ttl;        /**< record ttl for writes (AS_TTL_* from record.h); default AS_TTL_CLIENT_DEFAULT */
	uint32_t gen;        /**< expected generation with a generation policy */
	char *invalid;       /**< NULL, or why an adder failed (owned) */
} as_operations;

/**
 * Create an operation list.
 * @param capacity operations to allocate room for (the list grows as needed).
 * @return a new empty list with room for @p capacity operations; free with as_operations_destroy().
 */
AS_EXPORT as_operations *as_operations_new(uint16_t capacity);
/** Destroy @p ops and its values. @param ops may be NULL. */
AS_EXPORT void as_operations_destroy(as_operations *ops);

/**
 * Read bin @p name.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @return false on a bad name (the list is then invalid).
 */
AS_EXPORT bool as_operations_add_read(as_operations *ops, const char *name);
/**
 * Read every bin of the record.
 * @param ops the list.
 * @return false if the list is full.
 */
AS_EXPORT bool as_operations_add_read_all(as_operations *ops);
/**
 * Write @p value to bin @p name; steals @p value.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param value the value (stolen, also on failure).
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_write(as_operations *ops, const char *name, as_value value);
/**
 * Write an integer.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param v the value.
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_write_int(as_operations *ops, const char *name, int64_t v);
/**
 * Write a copy of a string.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param s the string (copied).
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_write_str(as_operations *ops, const char *name, const char *s);
/**
 * Write a double.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param v the value.
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_write_double(as_operations *ops, const char *name, double v);
/**
 * Add @p delta to integer bin @p name (created as @p delta if absent).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param delta the amount to add.
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_incr(as_operations *ops, const char *name, int64_t delta);
/**
 * Add @p delta to double bin @p name.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param delta the amount to add.
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_incr_double(as_operations *ops, const char *name, double delta);
/**
 * Append @p s to string bin @p name.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param s the string to append (copied).
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_append_str(as_operations *ops, const char *name, const char *s);
/**
 * Prepend @p s to string bin @p name.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param s the string to prepend (copied).
 * @return false on a bad name.
 */
AS_EXPORT bool as_operations_add_prepend_str(as_operations *ops, const char *name, const char *s);
/**
 * Reset the record's ttl (as_operations.ttl) and bump its generation.
 * @param ops the list.
 * @return false if full.
 */
AS_EXPORT bool as_operations_add_touch(as_operations *ops);
/**
 * Delete the record (later ops in the list see no record).
 * @param ops the list.
 * @return false if full.
 */
AS_EXPORT bool as_operations_add_delete(as_operations *ops);

/**
 * Check that the list can be sent.
 * @param ops the list; NULL fails.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK, or AEROSPIKE_ERR_PARAM when empty or when an adder failed.
 */
AS_EXPORT as_status as_operations_validate(const as_operations *ops, as_error *err);

AS_END_DECLS

#endif
