# model: keys, values, records, operations, errors, policies, JSON, allocation
ascore_model_sources = \
	src/model/alloc.c \
	src/model/alloc.h \
	src/model/base64.c \
	src/model/base64.h \
	src/model/binname.c \
	src/model/binname.h \
	src/model/bit_operations.c \
	src/model/cdt_ctx.c \
	src/model/cdt_op.c \
	src/model/cdt_op.h \
	src/model/digest.c \
	src/model/digest_internal.h \
	src/model/error.c \
	src/model/json.c \
	src/model/hll_operations.c \
	src/model/key.c \
	src/model/list.c \
	src/model/list_operations.c \
	src/model/map.c \
	src/model/map_operations.c \
	src/model/operations.c \
	src/model/operations_internal.h \
	src/model/policy.c \
	src/model/record.c \
	src/model/record_results.c \
	src/model/record_internal.h \
	src/model/recycle.c \
	src/model/recycle.h \
	src/model/status.c \
	src/model/value.c \
	src/model/value_internal.h
