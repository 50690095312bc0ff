#!/bin/sh
# The shared library exports exactly the public API: every exported symbol
# is an as_* function declared in include/aerofuture/, and every function
# declared AS_EXPORT there is exported.
set -u
lib=${AS_BUILDDIR:-.}/.libs/libaerofuture.so
hdrs=${srcdir:-.}/include/aerofuture
if [ ! -f "$lib" ]; then
	echo "FAIL: $lib not built"; exit 1
fi
exported=$(nm -D --defined-only "$lib" | awk '$2 == "T" || $2 == "D" || $2 == "B" { print $3 }' | sort -u)
# Declarations start a line with AS_EXPORT and name the function before '('.
declared=$(grep -h '^AS_EXPORT' "$hdrs"/*.h | sed 's/(.*//; s/.*[ *]\([a-z_][a-z0-9_]*\)$/\1/' | sort -u)
fail=0
for s in $exported; do
	if ! printf '%s\n' "$declared" | grep -qx "$s"; then
		echo "FAIL: $s is exported but not declared AS_EXPORT in a public header"; fail=1
	fi
done
for s in $declared; do
	if ! printf '%s\n' "$exported" | grep -qx "$s"; then
		echo "FAIL: $s is declared AS_EXPORT but not exported"; fail=1
	fi
done
n=$(printf '%s\n' "$exported" | grep -c .)
[ $fail -eq 0 ] && echo "PASS: $n exported symbols, all declared public"
exit $fail
