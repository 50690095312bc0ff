#!/bin/sh
# The examples, end to end against a fresh minispike: each must exit 0 and
# print what it promises.
set -u
top=${AS_BUILDDIR:-.}
srcdir=${srcdir:-.}
fail=0
run() {
	name=$1; shift
	expect=$1; shift
	out=$("$srcdir/scripts/with-minispike.sh" "$top/server/minispike" \
		sh -c "\"$top/examples/$name\" -h 127.0.0.1 -p \$MINISPIKE_PORT $*" 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: $name exited $rc"; echo "$out"; fail=1; return
	fi
	if ! printf '%s\n' "$out" | grep -q "$expect"; then
		echo "FAIL: $name did not print '$expect'"; echo "$out"; fail=1; return
	fi
	echo "PASS: $name"
}
run write_then_read 'Read: namespace=test set=myset key=mykey bin=mybin value=myvalue'
run blocking 'count after +41: 42'
run fan_out '1000 puts: 1000 ok, 0 failed'
run leaderboard 'top 3: carol=90 alice=70 bob=50'
# A wrong port must make the example fail, not hang or pass.
if "$top/examples/write_then_read" -h 127.0.0.1 -p 1 >/dev/null 2>&1; then
	echo "FAIL: write_then_read succeeded against a closed port"; fail=1
else
	echo "PASS: write_then_read fails against a closed port"
fi
exit $fail
