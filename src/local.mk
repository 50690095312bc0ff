# libascore: codec + model, one convenience library linked by the client
# library, minispike and the unit tests, so both ends of the wire share one
# tested encoding.
noinst_LTLIBRARIES += libascore.la
libascore_la_SOURCES = $(ascore_codec_sources) $(ascore_model_sources)
libascore_la_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libascore_la_LIBADD = $(JANSSON_LIBS) $(LIBCRYPTO_LIBS)

# The client library. -version-info: see the bump rule in configure.ac.
lib_LTLIBRARIES += libaerofuture.la
libaerofuture_la_SOURCES = $(af_future_sources) $(af_loop_sources) $(af_cluster_sources) \
	$(af_command_sources) $(af_client_sources)
libaerofuture_la_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libaerofuture_la_LIBADD = libascore.la $(DEP_LIBS)
libaerofuture_la_LDFLAGS = -version-info $(AF_LT_VERSION) -no-undefined

# The same library as a static convenience archive with every symbol
# reachable, for tools and tests that measure or probe internals
# (aerofuture-bench --raw). Not installed.
noinst_LTLIBRARIES += libafinternal.la
libafinternal_la_SOURCES = $(libaerofuture_la_SOURCES)
libafinternal_la_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libafinternal_la_LIBADD = libascore.la $(DEP_LIBS)
