pkginclude_HEADERS += \
	include/aerofuture/aerofuture.h \
	include/aerofuture/common.h \
	include/aerofuture/status.h \
	include/aerofuture/error.h \
	include/aerofuture/value.h \
	include/aerofuture/key.h \
	include/aerofuture/record.h \
	include/aerofuture/operations.h \
	include/aerofuture/cdt.h \
	include/aerofuture/list_operations.h \
	include/aerofuture/map_operations.h \
	include/aerofuture/bit_operations.h \
	include/aerofuture/hll_operations.h \
	include/aerofuture/policy.h \
	include/aerofuture/json.h \
	include/aerofuture/future.h \
	include/aerofuture/host.h \
	include/aerofuture/client.h \
	include/aerofuture/command.h \
	include/aerofuture/batch.h \
	include/aerofuture/scan.h \
	include/aerofuture/info.h \
	include/aerofuture/stats.h \
	include/aerofuture/exp.h
