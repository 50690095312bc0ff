# cluster
af_cluster_sources =
