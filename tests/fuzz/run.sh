#!/bin/sh
# Run one libFuzzer target for a bounded time, from the seeds converted from
# the reference captures plus tests/fuzz/regress/<target>/, then print
# executions, executions per second and coverage (libFuzzer's cov and ft).
# Exits non-zero when the target crashed; the input is saved under
# tests/fuzz/crashes/<target>/ in the build tree (minimise it with
#   tests/fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 <input>
# and add it to tests/fuzz/regress/<target>/ so `make check` keeps it fixed).
#
# usage: run.sh TARGET SECONDS          (run from a build configured with
#                                        CC=clang --enable-fuzzing)
#   TARGET: reply, info, msgpack, server or cdt
# environment: FUZZ_BUILDDIR (default .), AS_REFERENCE_DIR (default
#   <srcdir>/../shared/reference), FUZZ_MAX_LEN (default 16384),
#   FUZZ_ARGS (more libFuzzer options).
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 TARGET SECONDS" >&2
	exit 2
fi
target=$1
secs=$2
case $target in
reply|info|msgpack|server|cdt) ;;
*) echo "$0: unknown target '$target' (reply, info, msgpack, server, cdt)" >&2; exit 2 ;;
esac
case $secs in
''|*[!0-9]*) echo "$0: SECONDS must be a number" >&2; exit 2 ;;
esac

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILDDIR:-.}
bin=$build/tests/fuzz/fuzz_$target
if [ ! -x "$bin" ]; then
	echo "$0: $bin not built: configure with CC=clang --enable-fuzzing, then make tests/fuzz/fuzz_$target" >&2
	exit 2
fi
ref=${AS_REFERENCE_DIR:-$srcdir/../shared/reference}
seeds=$build/tests/fuzz/seeds
if [ ! -d "$seeds/$target" ]; then
	sh "$srcdir/tests/fuzz/seeds.sh" "$ref" "$seeds" >/dev/null || exit 2
fi
corpus=$build/tests/fuzz/corpus/$target
crashes=$build/tests/fuzz/crashes/$target
log=$build/tests/fuzz/fuzz-$target.log
mkdir -p "$corpus" "$crashes"

# New inputs go to the first directory; seeds and regress inputs are read only.
# ASan's leak check stays on: a leak is a failure too.
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export UBSAN_OPTIONS
# shellcheck disable=SC2086
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-max_len="${FUZZ_MAX_LEN:-16384}" -print_final_stats=1 \
	-artifact_prefix="$crashes/" ${FUZZ_ARGS:-} \
	"$corpus" "$seeds/$target" "$srcdir/tests/fuzz/regress/$target" >"$log" 2>&1
rc=$?

# The last status line ("#N DONE cov: C ft: F corp: ...") and the final stats.
status=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -n 1)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
cov=$(printf '%s\n' "$status" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
ft=$(printf '%s\n' "$status" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
corp=$(printf '%s\n' "$status" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
echo "fuzz_$target: ${execs:-?} executions in ${secs}s, ${rate:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?} (log: $log)"
if [ $rc -ne 0 ]; then
	echo "fuzz_$target: FAILED (exit $rc); inputs saved in $crashes:" >&2
	ls -l "$crashes" >&2
	grep -E -A 30 'ERROR: |runtime error|check failed|deadly signal|out-of-memory|timeout' "$log" | head -n 60 >&2
	exit 1
fi
exit 0
