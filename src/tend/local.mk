# tend: seeds, node discovery, partition map refresh, publishing maps
af_tend_sources = \
	src/tend/tend.c src/tend/tend.h
