# client: configuration, life cycle, the public command functions
af_client_sources = \
	src/client/api.c src/client/api_internal.h \
	src/client/raw.c src/client/raw.h \
	src/client/client.c src/client/client_internal.h \
	src/client/batch.c \
	src/client/config.c \
	src/client/info.c \
	src/client/scan.c
