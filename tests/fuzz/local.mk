# tests/fuzz: libFuzzer targets (configure CC=clang --enable-fuzzing) and,
# in every build, the same targets as regression runners for `make check`:
# fuzz_main.c runs them over tests/fuzz/regress/<target>/ (inputs that once
# crashed) and over seeds converted from the reference captures.
# Running a target: tests/fuzz/run.sh TARGET SECONDS (see there).
EXTRA_DIST += tests/fuzz/seeds.sh tests/fuzz/run.sh tests/fuzz/regress

FUZZ_COMMON_SOURCES = tests/fuzz/fuzz.h tests/fuzz/fuzz_fail.c
FUZZ_CFLAGS_ALL = $(AM_CFLAGS) $(DEP_CFLAGS) -I$(top_srcdir)/tests/fuzz -I$(top_srcdir)/server
FUZZ_LIBS = libascore.la $(DEP_LIBS)
# minispike's library (all but main.c), plus the test-only entry that
# replaces its sockets
FUZZ_SERVER_SOURCES = server/fuzz_entry.c server/fuzz_entry.h
FUZZ_SERVER_LIBS = libminispike.la $(FUZZ_LIBS)

# Seeds for the runners, rebuilt when the converter changes.
FUZZ_REFERENCE_DIR = $${AS_REFERENCE_DIR:-$(abs_top_srcdir)/../shared/reference}
tests/fuzz/seeds.stamp: $(top_srcdir)/tests/fuzz/seeds.sh
	$(AM_V_GEN)rm -rf tests/fuzz/seeds && \
	$(SHELL) $(top_srcdir)/tests/fuzz/seeds.sh "$(FUZZ_REFERENCE_DIR)" tests/fuzz/seeds >/dev/null && \
	touch $@
CLEANFILES += tests/fuzz/seeds.stamp tests/fuzz/seeds/*/*

fuzz_regress_programs = tests/fuzz/regress_reply tests/fuzz/regress_info \
	tests/fuzz/regress_msgpack tests/fuzz/regress_server tests/fuzz/regress_cdt
check_PROGRAMS += $(fuzz_regress_programs)
TESTS += $(fuzz_regress_programs)

tests_fuzz_regress_reply_SOURCES = tests/fuzz/fuzz_reply.c tests/fuzz/fuzz_main.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_regress_reply_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET='"reply"'
tests_fuzz_regress_reply_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_regress_reply_LDADD = $(FUZZ_LIBS)
EXTRA_tests_fuzz_regress_reply_DEPENDENCIES = tests/fuzz/seeds.stamp

tests_fuzz_regress_info_SOURCES = tests/fuzz/fuzz_info.c tests/fuzz/fuzz_main.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_regress_info_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET='"info"'
tests_fuzz_regress_info_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_regress_info_LDADD = $(FUZZ_LIBS)
EXTRA_tests_fuzz_regress_info_DEPENDENCIES = tests/fuzz/seeds.stamp

tests_fuzz_regress_msgpack_SOURCES = tests/fuzz/fuzz_msgpack.c tests/fuzz/fuzz_main.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_regress_msgpack_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET='"msgpack"'
tests_fuzz_regress_msgpack_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_regress_msgpack_LDADD = $(FUZZ_LIBS)
EXTRA_tests_fuzz_regress_msgpack_DEPENDENCIES = tests/fuzz/seeds.stamp

tests_fuzz_regress_server_SOURCES = tests/fuzz/fuzz_server.c tests/fuzz/fuzz_main.c \
	$(FUZZ_COMMON_SOURCES) $(FUZZ_SERVER_SOURCES)
tests_fuzz_regress_server_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET='"server"'
tests_fuzz_regress_server_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_regress_server_LDADD = $(FUZZ_SERVER_LIBS)
EXTRA_tests_fuzz_regress_server_DEPENDENCIES = tests/fuzz/seeds.stamp

tests_fuzz_regress_cdt_SOURCES = tests/fuzz/fuzz_cdt.c tests/fuzz/fuzz_main.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_regress_cdt_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET='"cdt"'
tests_fuzz_regress_cdt_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_regress_cdt_LDADD = $(FUZZ_SERVER_LIBS)
EXTRA_tests_fuzz_regress_cdt_DEPENDENCIES = tests/fuzz/seeds.stamp

if ENABLE_FUZZING
# The whole tree is built with -fsanitize=fuzzer-no-link (configure); only
# these link libFuzzer's main().
fuzz_programs = tests/fuzz/fuzz_reply tests/fuzz/fuzz_info tests/fuzz/fuzz_msgpack \
	tests/fuzz/fuzz_server tests/fuzz/fuzz_cdt
noinst_PROGRAMS += $(fuzz_programs)

tests_fuzz_fuzz_reply_SOURCES = tests/fuzz/fuzz_reply.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_fuzz_reply_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_fuzz_reply_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_reply_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_info_SOURCES = tests/fuzz/fuzz_info.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_fuzz_info_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_fuzz_info_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_info_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_msgpack_SOURCES = tests/fuzz/fuzz_msgpack.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_fuzz_msgpack_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_fuzz_msgpack_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_msgpack_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_server_SOURCES = tests/fuzz/fuzz_server.c $(FUZZ_COMMON_SOURCES) $(FUZZ_SERVER_SOURCES)
tests_fuzz_fuzz_server_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_fuzz_server_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_server_LDADD = $(FUZZ_SERVER_LIBS)

tests_fuzz_fuzz_cdt_SOURCES = tests/fuzz/fuzz_cdt.c $(FUZZ_COMMON_SOURCES)
tests_fuzz_fuzz_cdt_CFLAGS = $(FUZZ_CFLAGS_ALL)
tests_fuzz_fuzz_cdt_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_cdt_LDADD = $(FUZZ_SERVER_LIBS)
endif
