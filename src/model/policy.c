/* Policy defaults and validation. Each init zeroes the policy first, so it
 * sets only the defaults that are not 0 or false. */
#include <aerofuture/policy.h>

#include <string.h>

static void policy_base_init(as_policy_base *b, uint32_t total, uint32_t retries)
{
	b->total_timeout = total;
	b->socket_timeout = 30000;
	b->max_retries = retries;
	b->sleep_between_retries = 0;
}

as_policy_read *as_policy_read_init(as_policy_read *p)
{
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	/* Reads are idempotent, so retrying them is safe by default. */
	policy_base_init(&p->base, 1000, 2);
	p->key = AS_POLICY_KEY_DIGEST;
	p->replica = AS_POLICY_REPLICA_SEQUENCE;
	return p;
}

as_policy_write *as_policy_write_init(as_policy_write *p)
{
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	/* A retried write may apply twice (e.g. an append), so no retries by default. */
	policy_base_init(&p->base, 1000, 0);
	p->key = AS_POLICY_KEY_DIGEST;
	p->exists = AS_POLICY_EXISTS_UPDATE;
	p->gen = AS_POLICY_GEN_IGNORE;
	return p;
}

as_policy_remove *as_policy_remove_init(as_policy_remove *p)
{
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	policy_base_init(&p->base, 1000, 0);
	p->key = AS_POLICY_KEY_DIGEST;
	p->gen = AS_POLICY_GEN_IGNORE;
	return p;
}

as_policy_operate *as_policy_operate_init(as_policy_operate *p)
{
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	policy_base_init(&p->base, 1000, 0);
	p->key = AS_POLICY_KEY_DIGEST;
	p->exists = AS_POLICY_EXISTS_UPDATE;
	p->gen = AS_POLICY_GEN_IGNORE;
	p->replica = AS_POLICY_REPLICA_SEQUENCE;
	return p;
}

as_policy_batch *as_policy_batch_init(as_policy_batch *p)
{
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	policy_base_init(&p->base, 1000, 2);
	p->allow_inline = true;
	return p;
}

as_policy_scan *as_policy_scan_init(as_policy_scan *p)
{
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	/* A scan runs as long as the data needs; only a silent socket ends it. */
	policy_base_init(&p->base, 0, 0);
	return p;
}

as_policy_info *as_policy_info_init(as_policy_info *p)
{
	if (!p)
		return NULL;
	p->timeout = 1000;
	return p;
}

as_policies *as_policies_init(as_policies *p)
{
	if (!p)
		return NULL;
	as_policy_read_init(&p->read);
	as_policy_write_init(&p->write);
	as_policy_remove_init(&p->remove);
	as_policy_operate_init(&p->operate);
	as_policy_batch_init(&p->batch);
	as_policy_scan_init(&p->scan);
	as_policy_info_init(&p->info);
	return p;
}

/* An enum field within 0..max; checked as unsigned so a negative value is
 * caught too. field names it in the message, type is its enum's name. */
static as_status policy_check_enum(const char *what, const char *field, int value, int max, const char *type,
                                   as_error *err)
{
	if ((unsigned)value > (unsigned)max)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s policy: %s %d is not an %s value", what, field,
		                    value, type);
	return AEROSPIKE_OK;
}

#define policy_check_key(what, v, err) \
	policy_check_enum(what, "key", (int)(v), AS_POLICY_KEY_SEND, "as_policy_key", err)
#define policy_check_exists(what, v, err) \
	policy_check_enum(what, "exists action", (int)(v), AS_POLICY_EXISTS_CREATE_OR_REPLACE, "as_policy_exists", err)
#define policy_check_gen(what, v, err) \
	policy_check_enum(what, "gen", (int)(v), AS_POLICY_GEN_GT, "as_policy_gen", err)
#define policy_check_replica(what, v, err) \
	policy_check_enum(what, "replica", (int)(v), AS_POLICY_REPLICA_SEQUENCE, "as_policy_replica", err)

static as_status policy_check_base(const char *what, const as_policy_base *b, as_error *err)
{
	/* A pause at least as long as the whole deadline means no retry can ever
	 * run: the retries the caller asked for would silently never happen. */
	if (b->max_retries > 0 && b->total_timeout > 0 && b->sleep_between_retries >= b->total_timeout)
		return as_error_set(err, AEROSPIKE_ERR_PARAM,
		                    "%s policy: sleep_between_retries %u ms is not less than total_timeout %u ms, "
		                    "so no retry could run", what, b->sleep_between_retries, b->total_timeout);
	return AEROSPIKE_OK;
}

/* CREATE_ONLY succeeds only when the record does not exist, and a missing
 * record has no generation to compare: the combination is always a mistake. */
static as_status policy_check_exists_gen(const char *what, as_policy_exists exists, as_policy_gen gen,
                                         as_error *err)
{
	if (exists == AS_POLICY_EXISTS_CREATE_ONLY && gen != AS_POLICY_GEN_IGNORE)
		return as_error_set(err, AEROSPIKE_ERR_PARAM,
		                    "%s policy: exists CREATE_ONLY with a generation check (gen %d) makes no sense: "
		                    "a record that does not exist has no generation", what, (int)gen);
	return AEROSPIKE_OK;
}

#define POLICY_TRY(expr) \
	do { \
		as_status policy_rc_ = (expr); \
		if (policy_rc_ != AEROSPIKE_OK) \
			return policy_rc_; \
	} while (0)

static as_status policy_null(const char *what, as_error *err)
{
	return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s policy is NULL", what);
}

as_status as_policy_read_validate(const as_policy_read *p, as_error *err)
{
	if (!p)
		return policy_null("read", err);
	POLICY_TRY(policy_check_base("read", &p->base, err));
	POLICY_TRY(policy_check_key("read", p->key, err));
	POLICY_TRY(policy_check_replica("read", p->replica, err));
	return AEROSPIKE_OK;
}

as_status as_policy_write_validate(const as_policy_write *p, as_error *err)
{
	if (!p)
		return policy_null("write", err);
	POLICY_TRY(policy_check_base("write", &p->base, err));
	POLICY_TRY(policy_check_key("write", p->key, err));
	POLICY_TRY(policy_check_exists("write", p->exists, err));
	POLICY_TRY(policy_check_gen("write", p->gen, err));
	POLICY_TRY(policy_check_exists_gen("write", p->exists, p->gen, err));
	return AEROSPIKE_OK;
}

as_status as_policy_remove_validate(const as_policy_remove *p, as_error *err)
{
	if (!p)
		return policy_null("remove", err);
	POLICY_TRY(policy_check_base("remove", &p->base, err));
	POLICY_TRY(policy_check_key("remove", p->key, err));
	POLICY_TRY(policy_check_gen("remove", p->gen, err));
	return AEROSPIKE_OK;
}

as_status as_policy_operate_validate(const as_policy_operate *p, as_error *err)
{
	if (!p)
		return policy_null("operate", err);
	POLICY_TRY(policy_check_base("operate", &p->base, err));
	POLICY_TRY(policy_check_key("operate", p->key, err));
	POLICY_TRY(policy_check_exists("operate", p->exists, err));
	POLICY_TRY(policy_check_gen("operate", p->gen, err));
	POLICY_TRY(policy_check_replica("operate", p->replica, err));
	POLICY_TRY(policy_check_exists_gen("operate", p->exists, p->gen, err));
	return AEROSPIKE_OK;
}
