# future: as_future state, results, waiting, callbacks, then-chains, all/any
af_future_sources = \
	src/future/future.c \
	src/future/future_combine.c \
	src/future/future_impl.h \
	src/future/future_internal.h
