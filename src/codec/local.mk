# codec: wire encode/decode, pure functions over buffers
ascore_codec_sources = \
	src/codec/buffer.c src/codec/buffer.h \
	src/codec/proto.c src/codec/proto.h src/codec/pack.h \
	src/codec/msg.c src/codec/msg.h \
	src/codec/encode.c src/codec/encode.h \
	src/codec/reply.c src/codec/reply.h \
	src/codec/reader.c src/codec/reader.h \
	src/codec/msgpack.c src/codec/msgpack.h \
	src/codec/info.c src/codec/info.h
