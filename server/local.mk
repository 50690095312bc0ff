# server: minispike, the in-memory Aerospike-protocol test server, built
# from the same codec as the client (libascore). Everything but main() is a
# convenience library, so the fuzz target drives the same request handling.
noinst_LTLIBRARIES += libminispike.la
libminispike_la_SOURCES = \
	server/minispike.h \
	server/limits.h \
	server/node.c \
	server/conn.c \
	server/dispatch.c \
	server/store.h \
	server/store.c \
	server/work.h \
	server/work.c \
	server/record_cmd.h \
	server/record_cmd.c \
	server/cdt.h \
	server/cdt.c \
	server/batch.c \
	server/scan.c \
	server/info_cmd.c \
	server/cluster.c \
	server/fault.c
libminispike_la_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)

bin_PROGRAMS += server/minispike
server_minispike_SOURCES = server/main.c
server_minispike_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
server_minispike_LDADD = libminispike.la libascore.la $(DEP_LIBS)
