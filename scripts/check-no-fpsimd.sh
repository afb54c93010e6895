#!/bin/sh
# Fail if partita's code uses an FP/SIMD register: those belong to the guests,
# and partita never saves them. $1 = cross prefix, $2 = ELF.
set -e
bad=$("${1}objdump" -d --no-show-raw-insn "$2" |
	grep -E '^\s+[0-9a-f]+:\s+[a-z]' |
	grep -E '[[:space:],{](v[0-9]+\.|[qdsh][0-9]+([,}]|$))' || true)
if [ -n "$bad" ]; then
	echo "error: $2 uses FP/SIMD registers:" >&2
	echo "$bad" | head -5 >&2
	exit 1
fi
