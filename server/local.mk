# server: minispike, the in-memory Aerospike-protocol test server, built
# from the same codec as the client (libascore).
bin_PROGRAMS += server/minispike
server_minispike_SOURCES = \
	server/minispike.h \
	server/main.c \
	server/node.c \
	server/conn.c \
	server/dispatch.c \
	server/store.h \
	server/store.c \
	server/record_cmd.h \
	server/record_cmd.c \
	server/cdt.c \
	server/batch.c \
	server/scan.c \
	server/info_cmd.c \
	server/cluster.c \
	server/fault.c
server_minispike_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
server_minispike_LDADD = libascore.la $(DEP_LIBS)
