# client
af_client_sources =
