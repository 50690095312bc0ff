# The library is built from two convenience libraries, each source compiled
# once:
#   libascore.la  model + codec: what both ends of the wire share, linked by
#                 the client library, minispike and the unit tests;
#   libafclient.la  everything above them (loop .. commands), linked by the
#                 client library and by the tools and tests that reach
#                 internals (aerofuture-bench --raw, the unit tests).
noinst_LTLIBRARIES += libascore.la
libascore_la_SOURCES = $(ascore_codec_sources) $(ascore_model_sources)
libascore_la_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libascore_la_LIBADD = $(JANSSON_LIBS) $(LIBCRYPTO_LIBS)

noinst_LTLIBRARIES += libafclient.la
libafclient_la_SOURCES = $(af_loop_sources) $(af_future_sources) $(af_cluster_sources) \
	$(af_command_sources) $(af_tend_sources) $(af_client_sources) $(af_commands_sources)
libafclient_la_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libafclient_la_LIBADD = libascore.la

# The installed client library: the two convenience libraries, nothing
# compiled again. -version-info: see the bump rule in configure.ac.
lib_LTLIBRARIES += libaerofuture.la
libaerofuture_la_SOURCES =
libaerofuture_la_LIBADD = libafclient.la $(DEP_LIBS)
libaerofuture_la_LDFLAGS = -version-info $(AF_LT_VERSION) -no-undefined
