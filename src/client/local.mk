# client: configuration, life cycle, the public command functions
af_client_sources = \
	src/client/api.c \
	src/client/client.c src/client/client_internal.h \
	src/client/config.c
