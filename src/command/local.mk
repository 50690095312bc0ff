# command: a command's life on a loop, connections and their pools
af_command_sources = \
	src/command/command.c src/command/command.h \
	src/command/conn.c src/command/conn.h \
	src/command/pool.c src/command/pool.h
