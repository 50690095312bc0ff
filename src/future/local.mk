# future
af_future_sources =
