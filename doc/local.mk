# API reference from the public headers' Doxygen comments; warnings are errors.
EXTRA_DIST += doc/Doxyfile.in
if HAVE_DOXYGEN
doc: doc/Doxyfile
	$(DOXYGEN) doc/Doxyfile
else
doc:
	@echo "doxygen was not found by configure: install it and re-run configure" >&2; exit 1
endif
.PHONY: doc
clean-local-doc:
	rm -rf doc/html
