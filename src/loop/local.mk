# loop: event-loop threads or an application's event_base, cross-thread posting
af_loop_sources = \
	src/loop/loop.c \
	src/loop/loop.h
