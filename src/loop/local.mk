# loop
af_loop_sources =
