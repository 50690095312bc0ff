# server: minispike, the in-memory Aerospike-protocol test server, built
# from the same codec as the client (libascore). Two sides (minispike.h
# tells which file does what): the request handler, which answers a frame
# without I/O, and the I/O side (net.h: listeners, connections, faults).
# Everything but main() is a convenience library, so the fuzz target and
# the unit tests drive the same handler.
noinst_LTLIBRARIES += libminispike.la
libminispike_la_SOURCES = \
	server/minispike.h \
	server/ms_limits.h \
	server/server.c \
	server/handler.c \
	server/info_cmd.c \
	server/dispatch.c \
	server/record_cmd.h \
	server/record_cmd.c \
	server/batch.c \
	server/scan.c \
	server/work.h \
	server/work.c \
	server/cdt.h \
	server/cdt.c \
	server/cdt_eval.c \
	server/cdt_ctx.h \
	server/cdt_ctx.c \
	server/cdt_ops.h \
	server/cdt_args.c \
	server/cdt_list.c \
	server/cdt_map.c \
	server/cdt_select.h \
	server/cdt_select.c \
	server/cdt_compare.h \
	server/cdt_compare.c \
	server/geojson.h \
	server/geojson.c \
	server/hll.h \
	server/hll.c \
	server/bits.h \
	server/bits.c \
	server/bits_eval.c \
	server/cluster.c \
	server/fault.c \
	server/store.h \
	server/store.c \
	server/net.h \
	server/node.c \
	server/conn.c \
	server/exp.h \
	server/exp_parse.c \
	server/exp_eval.c \
	server/exp_meta.c \
	server/exp_call.c \
	server/exp_geo.c \
	server/exp_op.c
libminispike_la_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
# the HLL estimates (hll.c) and expressions (pow, log, GEO distance) need libm
libminispike_la_LIBADD = -lm

bin_PROGRAMS += server/minispike
server_minispike_SOURCES = server/main.c
server_minispike_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
server_minispike_LDADD = libminispike.la libascore.la $(DEP_LIBS)
