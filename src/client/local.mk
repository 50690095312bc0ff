# client: configuration, life cycle (loops, tending, connect, close), statistics
af_client_sources = \
	src/client/client.c src/client/client.h \
	src/client/config.c \
	src/client/stats.c
