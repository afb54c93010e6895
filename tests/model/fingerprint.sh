#!/bin/bash
# The spin model's vits_trap() (tests/model/vits_queue.pml, with process_one()
# it calls) is a hand-written copy of the protocol process_locked() in
# vdev/its/vits.c implements. A model cannot be generated from the C, so the
# two are tied by fingerprint: the hash of each one's text (comments and
# blank space left out), recorded in tests/model/fingerprint. When either
# changes, this fails until someone has read the other against it and
# recorded the new pair (tests/model/fingerprint.sh --record): a change to
# one alone cannot slip through make test.
#   tests/model/fingerprint.sh           check (PASS/FAIL line, exit status)
#   tests/model/fingerprint.sh --record  write tests/model/fingerprint
set -u
cd "$(dirname "$0")/../.."
FP=tests/model/fingerprint

# The text of a C function or spin inline from its first line to the "}" at
# column 0 closing it, comments and blank space removed, hashed.
body() { # file first-line-regex
	awk -v re="$2" '$0 ~ re { on = 1 } on { print } on && /^}/ { exit }' "$1" |
		sed -e 's|//.*||' | tr '\n' ' ' | sed -e 's|/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/||g' |
		tr -d ' \t' | sha256sum | cut -c1-16
}

now() {
	echo "process_locked $(body vdev/its/vits.c '^static u32 process_locked\\(')"
	echo "process_one $(body tests/model/vits_queue.pml '^inline process_one\\(')"
	echo "vits_trap $(body tests/model/vits_queue.pml '^inline vits_trap\\(')"
}

if [ "${1:-}" = --record ]; then
	now > "$FP"
	cat "$FP"
	exit 0
fi
if [ "$(now)" = "$(cat "$FP" 2>/dev/null)" ]; then
	echo "PASS model/in-step-with-vits.c"
else
	echo "FAIL model/in-step-with-vits.c: process_locked() or the model's vits_trap()/process_one() changed since they were last read side by side; read one against the other, then tests/model/fingerprint.sh --record ($(now | tr '\n' ' ') against $(tr '\n' ' ' < "$FP" 2>/dev/null))"
	exit 1
fi
