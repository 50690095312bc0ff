# commands: one file per family (single record, batch, scan, info; raw is the
# callback-only baseline the bench measures futures against) on one submit path;
# stream walks the record frames that batch and scan replies share
af_commands_sources = \
	src/commands/batch.c \
	src/commands/info.c \
	src/commands/kv.c \
	src/commands/raw.c src/commands/raw.h \
	src/commands/scan.c \
	src/commands/stream.c src/commands/stream.h \
	src/commands/submit.c src/commands/submit.h
