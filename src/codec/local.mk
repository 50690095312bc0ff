# codec: wire encode/decode, pure functions over buffers
ascore_codec_sources =
