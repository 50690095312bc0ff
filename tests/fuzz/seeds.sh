#!/bin/sh
# Convert the captured reference exchanges (shared/reference) into seed
# inputs, one directory per fuzz target:
#   reply/    server->client byte streams (messages/*.res.hex, every frame of a case)
#   server/   client->server byte streams (messages/*.req.hex, the info.txt
#             requests as info frames, and one session of several cases)
#   info/     info reply bodies (info.txt responses, info frames of the captures)
#   msgpack/  list/map bin values and CDT operation arguments found in the frames
#   cdt/      every CDT operation payload of the requests, once per bin value
#             the cdt target offers (first byte: value, 0x80 for CDT_MODIFY)
# The captures of messages/ and cdt/ are both used.
# Frames over 64 KiB are left out (they only slow the fuzzer down).
#
# usage: seeds.sh REFERENCE_DIR OUT_DIR
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 REFERENCE_DIR OUT_DIR" >&2
	exit 2
fi
ref=$1
out=$2
if [ ! -d "$ref/messages" ] || [ ! -f "$ref/info.txt" ]; then
	echo "$0: no reference captures in '$ref'" >&2
	exit 1
fi
mkdir -p "$out/reply" "$out/server" "$out/info" "$out/msgpack" "$out/cdt"

# awk writes the bytes: C locale so that %c emits one byte per value.
LC_ALL=C
export LC_ALL

awk_lib='
function hexval(s,   i, v) {
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
function writehex(h, file,   i) {
	for (i = 1; i < length(h); i += 2)
		printf "%c", hexval(substr(h, i, 2)) > file
}
function lenhex(n, bytes,   s) {
	s = ""
	while (bytes-- > 0) {
		s = substr("0123456789abcdef", int(n % 256 / 16) + 1, 1) \
		    substr("0123456789abcdef", n % 16 + 1, 1) s
		n = int(n / 256)
	}
	return s
}
'

# One seed per case and direction; msgpack values of AS_MSG frames on the way.
for f in "$ref"/messages/*.req.hex "$ref"/messages/*.res.hex "$ref"/cdt/*.req.hex "$ref"/cdt/*.res.hex; do
	[ -f "$f" ] || continue
	base=${f##*/}
	case_name=${base%.*.hex}
	case $f in
	*/cdt/*) case_name=cdt-$case_name ;;
	esac
	case $base in
	*.req.hex) dir=server; ext=req ;;
	*) dir=reply; ext=res ;;
	esac
	awk -v seed="$out/$dir/$case_name.$ext" -v mp="$out/msgpack/$case_name.$ext" \
	    -v cdt="$out/cdt/$case_name.$ext" -v is_req=$([ $ext = req ] && echo 1 || echo 0) \
	    -v infodir="$out/info/$case_name.$ext" "$awk_lib"'
	# msgpack values in the as_msgs of one AS_MSG body (hex)
	function msg_values(h,   off, total, nf, no, p, i, sz, op, pt, nl, v) {
		off = 1; total = length(h)
		while (off + 44 <= total + 1 && substr(h, off, 2) == "16") {
			nf = hexval(substr(h, off + 36, 4)); no = hexval(substr(h, off + 40, 4))
			p = off + 44
			for (i = 0; i < nf; i++) {
				if (p + 8 > total + 1) return
				p += 8 + 2 * hexval(substr(h, p, 8))
			}
			for (i = 0; i < no; i++) {
				if (p + 16 > total + 1) return
				sz = hexval(substr(h, p, 8)); op = hexval(substr(h, p + 8, 2))
				pt = hexval(substr(h, p + 10, 2)); nl = hexval(substr(h, p + 14, 2))
				if ((pt == 19 || pt == 20 || ((op == 3 || op == 4) && pt == 4)) && sz - 4 - nl > 0) {
					n_mp++
					writehex(substr(h, p + 16 + 2 * nl, 2 * (sz - 4 - nl)), mp "-" n_mp)
				}
				if (is_req && (op == 3 || op == 4) && sz - 4 - nl > 0)
					for (v = 0; v < 8; v++) {
						n_cdt++
						writehex(lenhex(v + (op == 4 ? 128 : 0), 1) substr(h, p + 16 + 2 * nl, 2 * (sz - 4 - nl)),
						         cdt "-" n_cdt)
					}
				p += 8 + 2 * sz
			}
			off = p
		}
	}
	/^#/ || NF == 0 { next }
	length($1) > 131072 { next }
	{
		h = tolower($1)
		writehex(h, seed); wrote = 1
		type = substr(h, 3, 2)
		if (type == "03")
			msg_values(substr(h, 17))
		else if (type == "01" && length(h) > 16)
			writehex(substr(h, 17), infodir "-" NR)
	}
	' "$f"
done

# info.txt: every request as an info frame, every reply body as an info seed.
awk -v out="$out" "$awk_lib"'
function unescape(s,   r, c) {
	r = ""
	while (length(s) > 0) {
		c = substr(s, 1, 1)
		if (c == "\\" && length(s) >= 2) {
			c = substr(s, 2, 1)
			if (c == "t") { r = r "09"; s = substr(s, 3); continue }
			if (c == "n") { r = r "0a"; s = substr(s, 3); continue }
			if (c == "\\") { r = r "5c"; s = substr(s, 3); continue }
			if (c == "x" && length(s) >= 4) { r = r tolower(substr(s, 3, 2)); s = substr(s, 5); continue }
			c = "\\"
		}
		r = r lenhex(index(ascii, c) + 31, 1)
		s = substr(s, 2)
	}
	return r
}
function name(label) {
	gsub(/[^A-Za-z0-9._-]/, "_", label)
	return label
}
BEGIN {
	ascii = ""
	for (i = 32; i < 127; i++)
		ascii = ascii sprintf("%c", i)
}
/^=== / { label = name(substr($0, 5)); next }
/^request_body:/ {
	body = unescape(substr($0, 16))
	writehex("0201" lenhex(length(body) / 2, 6) body, out "/server/info-" label)
	close(out "/server/info-" label)
	next
}
/^response_body:/ {
	v = $0
	sub(/^response_body: /, "", v)
	writehex(unescape(v), out "/info/" label)
	close(out "/info/" label)
	next
}
' "$ref/info.txt"

# A session on one connection: write, read, operate, batch and scan in turn,
# so the server target starts from requests that depend on stored records.
session="$out/server/session"
: > "$session"
for c in put_basic get_all operate_cdt get_nested_cdt put_send_key batch_get scan_setup scan_set \
	batch_get_bins remove_found get_missing; do
	[ -f "$out/server/$c.req" ] && cat "$out/server/$c.req" >> "$session"
done

# Nothing empty: a case where the client sent nothing has no seed.
find "$out" -type f -size 0 -exec rm -f {} +
for d in reply server info msgpack cdt; do
	printf '%s: %s seeds\n' "$d" "$(ls "$out/$d" | wc -l)"
done
