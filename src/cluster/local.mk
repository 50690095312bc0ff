# cluster: seeds, node discovery, partition maps, tending
af_cluster_sources = \
	src/cluster/cluster.c src/cluster/cluster.h \
	src/cluster/map.c src/cluster/map.h \
	src/cluster/node.c src/cluster/node.h
