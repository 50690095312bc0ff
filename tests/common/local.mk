# tests/common: what the Check programs share, compiled once into a
# convenience library that each of them links before everything else (an
# archive: a program pulls in only the objects it uses).
#   check_main.c  the one main(): runs the suite of the program's test file
#   hex.c         hex text to bytes
#   reference.c   the captured reference data (AS_REFERENCE_DIR)
#   net.c         blocking TCP to 127.0.0.1: send all, receive exactly, one info request
#   ms_proc.c     minispike as a child process on free ports, info requests to it
#                 (how many nodes it may run: server/ms_limits.h, minispike's own)
#   ms_client.c   a client connected to that minispike (public API only)
#   stderr_capture.c  what the library writes to standard error
check_LTLIBRARIES += tests/common/libtestcommon.la
tests_common_libtestcommon_la_SOURCES = tests/common/check_main.c tests/common/check_main.h \
	tests/common/hex.c tests/common/hex.h \
	tests/common/reference.c tests/common/reference.h \
	tests/common/net.c tests/common/net.h \
	tests/common/ms_proc.c tests/common/ms_proc.h server/ms_limits.h \
	tests/common/ms_client.c tests/common/ms_client.h \
	tests/common/stderr_capture.c tests/common/stderr_capture.h
# The helpers use the library as the tests do, through its public headers.
tests_common_libtestcommon_la_CFLAGS = $(TEST_CLIENT_CFLAGS)
