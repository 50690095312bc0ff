# cluster: nodes, partition maps, routing
af_cluster_sources = \
	src/cluster/map.c src/cluster/map.h \
	src/cluster/node.c src/cluster/node.h \
	src/cluster/route.c src/cluster/route.h
