#!/bin/sh
# The performance budget of one get (design section 7): user-space instructions
# (valgrind --tool=callgrind) and system calls (strace -f -c) of
# aerofuture-bench alone, against a separately started minispike.
#
# Each figure is a difference of two runs, -n 2N minus -n N, divided by N, so
# start-up, connecting and closing cancel out. The keys are written once
# beforehand (not measured) and both runs read them with --no-fill.
#
#   usage: sh tests/bench/measure.sh [BUILDDIR]    (default $AS_BUILDDIR or .)
#   environment:
#     MEASURE_N       N (default 20000)
#     MEASURE_C       commands in flight (default 64)
#     MEASURE_WORKLOAD  the bench's -w (default get)
#     MEASURE_KEYS    key space (default 10000)
#     MEASURE_CONFIGS space-separated NAME=OPTIONS list, options joined with
#                     commas (default: defaults= raw=--raw threads4=--threads,4
#                     loops2=--loops,2 pipeline1=--pipeline,1 reusekeys=--reuse-keys)
#     MEASURE_TOOLS   callgrind, strace or both (default "callgrind strace")
#     MEASURE_TOP     functions listed per configuration (default 25; 0: none)
#     MEASURE_INCLUSIVE  set to list inclusive rather than self cost
#     MEASURE_KEEP    a directory to keep the callgrind and strace files in
set -u
top=${1:-${AS_BUILDDIR:-.}}
bench=$top/tools/aerofuture-bench
minispike=$top/server/minispike
n=${MEASURE_N:-20000}
c=${MEASURE_C:-64}
workload=${MEASURE_WORKLOAD:-get}
keys=${MEASURE_KEYS:-10000}
configs=${MEASURE_CONFIGS:-"defaults= raw=--raw threads4=--threads,4 loops2=--loops,2 pipeline1=--pipeline,1 reusekeys=--reuse-keys"}
tools=${MEASURE_TOOLS:-"callgrind strace"}
ntop=${MEASURE_TOP:-25}
costkind=self
[ -n "${MEASURE_INCLUSIVE:-}" ] && costkind=inclusive

for f in "$bench" "$minispike"; do
	[ -x "$f" ] || { echo "measure.sh: $f not built (make tools/aerofuture-bench server/minispike)" >&2; exit 2; }
done
case " $tools " in *" callgrind "*)
	command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null ||
		{ echo "measure.sh: valgrind not found (apt-get install valgrind)" >&2; exit 2; } ;;
esac
case " $tools " in *" strace "*)
	command -v strace >/dev/null || { echo "measure.sh: strace not found (apt-get install strace)" >&2; exit 2; } ;;
esac

work=${MEASURE_KEEP:-$(mktemp -d)}
mkdir -p "$work"
ms_pid=
cleanup() {
	[ -n "$ms_pid" ] && kill "$ms_pid" 2>/dev/null && wait "$ms_pid" 2>/dev/null
	[ -n "${MEASURE_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# minispike runs on its own, so neither tool counts its work.
"$minispike" --port 0 >"$work/minispike.out" 2>&1 &
ms_pid=$!
i=0
until grep -q '^node 0 ' "$work/minispike.out" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$ms_pid" 2>/dev/null; then
		echo "measure.sh: minispike did not start:" >&2; cat "$work/minispike.out" >&2; exit 1
	fi
	sleep 0.05
done
port=$(sed -n 's/^node 0 [^ ]*:\([0-9]*\) .*/\1/p' "$work/minispike.out")
host=127.0.0.1:$port

# Write the key space once (the get below makes the bench fill it).
"$bench" -h "$host" -w get -c "$c" -n 1 --keys "$keys" -q >/dev/null ||
	{ echo "measure.sh: filling $keys keys failed" >&2; exit 1; }

# run_bench WRAPPER... -- OPS OPTIONS: the measured get run under a tool.
run_bench() {
	ops=$1; opts=$2; shift 2
	# shellcheck disable=SC2086
	"$@" "$bench" -h "$host" -w "$workload" -c "$c" -n "$ops" --keys "$keys" --no-fill -q $opts >"$work/bench.out" 2>&1 ||
		{ echo "measure.sh: bench failed:" >&2; cat "$work/bench.out" >&2; exit 1; }
	grep -q '^errors 0, timeouts 0' "$work/bench.out" ||
		{ echo "measure.sh: the run had errors:" >&2; cat "$work/bench.out" >&2; exit 1; }
}

# Total instructions of a callgrind output file.
ir_total() {
	sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$1" | head -n 1
}

# Per-function self cost, "IR<TAB>function", from callgrind_annotate's
# function table (paths shortened to the file name, libraries to their name).
ir_by_function() {
	callgrind_annotate --auto=no --threshold=100 ${MEASURE_INCLUSIVE:+--inclusive=yes} "$1" 2>/dev/null | awk '
		/file:function/ { table = 1; next }
		table && /^ *[0-9][0-9,]* \(/ {
			ir = $1; gsub(",", "", ir)
			name = $0; sub(/^ *[0-9,]+ +\([^)]*\) +/, "", name)
			sub(/ \[\/work\/.*\]$/, "", name)
			sub(/ \[.*\/lib/, " [lib", name)
			sub(/\.so[.0-9]*\]$/, "]", name)
			n = split(name, part, ":")
			file = part[1]; sub(/.*\//, "", file)
			fn = substr(name, length(part[1]) + 2)
			printf "%s\t%s:%s\n", ir, file, fn
		}'
}

# Per-get difference of two per-function tables, largest first.
diff_functions() {
	awk -F '\t' -v n="$n" -v ntop="$ntop" '
		FNR == NR { a[$2] = $1; next }
		{ d[$2] = $1 - a[$2]; delete a[$2] }
		END {
			for (k in a) d[k] = -a[k]
			for (k in d) if (d[k] / n >= 1 || d[k] / n <= -1) printf "%10.1f  %s\n", d[k] / n, k
		}' "$1" "$2" | sort -rn | head -n "$ntop"
}

# Syscall counts "NAME CALLS" of an strace -c file.
syscalls() {
	awk '$NF != "total" && $NF ~ /^[a-z_0-9]+$/ && $(NF-1) ~ /^[0-9]+$/ { print $NF, $(NF-1) }' "$1"
}

per_get() {
	awk -v a="$1" -v b="$2" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }'
}

echo "aerofuture-bench -w $workload -c $c --keys $keys against minispike on $host; per command = (run(-n $((2 * n))) - run(-n $n)) / $n"
for cfg in $configs; do
	name=${cfg%%=*}
	opts=$(printf '%s' "${cfg#*=}" | tr ',' ' ')
	echo
	echo "== $name ${opts:-(chained futures)}"
	case " $tools " in *" callgrind "*)
		for ops in "$n" $((2 * n)); do
			run_bench "$ops" "$opts" valgrind --tool=callgrind --trace-children=no \
				--callgrind-out-file="$work/cg.$name.$ops"
		done
		ir1=$(ir_total "$work/cg.$name.$n")
		ir2=$(ir_total "$work/cg.$name.$((2 * n))")
		ir=$(per_get "$ir1" "$ir2")
		eval "ir_$name=\$ir"
		echo "instructions per command: $ir   (Ir $ir1 at -n $n, $ir2 at -n $((2 * n)))"
		if [ "$ntop" -gt 0 ]; then
			echo "  per command, by function ($costkind cost):"
			ir_by_function "$work/cg.$name.$n" >"$work/fn1"
			ir_by_function "$work/cg.$name.$((2 * n))" >"$work/fn2"
			diff_functions "$work/fn1" "$work/fn2" | sed 's/^/  /'
		fi ;;
	esac
	case " $tools " in *" strace "*)
		for ops in "$n" $((2 * n)); do
			run_bench "$ops" "$opts" strace -f -c -o "$work/st.$name.$ops"
		done
		syscalls "$work/st.$name.$n" >"$work/sc1"
		syscalls "$work/st.$name.$((2 * n))" >"$work/sc2"
		awk -v n="$n" '
			FNR == NR { a[$1] = $2; next }
			{ d[$1] = $2 - a[$1]; delete a[$1] }
			END {
				for (k in a) d[k] = -a[k]
				for (k in d) { t += d[k]; if (d[k] / n >= 0.005 || d[k] / n <= -0.005) line[k] = d[k] / n }
				printf "system calls per command: %.2f\n", t / n
				for (k in line) printf "  %8.3f  %s\n", line[k], k
			}' "$work/sc1" "$work/sc2" | { read -r head; echo "$head"; sort -k1,1 -rn; } ;;
	esac
done

if [ -n "${ir_defaults:-}" ] && [ -n "${ir_raw:-}" ]; then
	echo
	awk -v f="$ir_defaults" -v r="$ir_raw" \
		'BEGIN { printf "futures overhead over raw callbacks: %.1f%% (%.0f instructions per command)\n", (f - r) / r * 100, f - r }'
fi
