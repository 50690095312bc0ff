# command: the per-loop dispatcher, one command's life, connections and their pools
af_command_sources = \
	src/command/command.c src/command/command.h \
	src/command/conn.c src/command/conn.h \
	src/command/deadline.c src/command/deadline.h \
	src/command/dispatch.c src/command/dispatch.h \
	src/command/pool.c src/command/pool.h
