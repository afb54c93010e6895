#!/bin/bash
# The test runner behind `make test`: host unit tests, configuration checker
# tests, the spin model of the vITS command queue, then system tests (QEMU
# boots of partita with test partitions).
# Prints one line per case, "PASS <name>" or "FAIL <name>: <why>", and as its
# last line "N passed, N failed"; exits non-zero if anything failed.
#
# A system scenario is tests/system/<name>.test (bash): CONFIG, VARIANTS
# (kernel, uboot, gic3, gic4, max: how QEMU boots; max is -cpu max with
# pointer authentication and PMUv3p5 instead of cortex-a57), optional SMP, INPUT (printf
# format, fed to the console), INPUT_DELAY (seconds before it is) or
# INPUT_AFTER (a regex of the output after which it is), SMMU (1: the
# machine has an SMMUv3 in front of PCIe; stage2: one with stage 2, on QEMU
# 10 where the system's QEMU is older, scripts/qemu10.sh), TAG
# (appended to the variant in case names, for a scenario that reruns another's
# cases), END (the
# end marker), CASES (what the guests must report), OUTPUT_CASES ("name|regex"
# the output must match; "variant:name|regex" only in that variant) and
# ORDER_CASES ("name|regexA|regexB": A must appear before B) and ABSENT_CASES
# ("name|regex" the output must not match). With more than one variant, each case name gets the suffix
# @<variant>.
#
# ONLY="ipc linux-ipc" runs just those system scenarios (a developer's loop;
# the counts then cover only them).
set -u
cd "$(dirname "$0")/.."
PASSED=0 FAILED=0
LOGS=build/test-logs
mkdir -p "$LOGS"
TIMEOUT=${TEST_TIMEOUT:-90}

pass() { echo "PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $1: $2"; FAILED=$((FAILED + 1)); }

# --- host unit tests (cmocka, TAP output) ------------------------------------
# One unit-test program's TAP output and exit status: a case per result line,
# and a failure of the program itself when it reported fewer results than
# its plan (a crash or a sanitizer abort part-way) or exited non-zero with no
# failing case to show for it.
unit_results() { # name output status
	local name=$1 out=$2 rc=$3 plan nres nfail line
	while IFS= read -r line; do
		case $line in
		"ok "*) pass "unit/$name/$(echo "$line" | sed -E 's/^ok [0-9]+ - //')" ;;
		"not ok "*) fail "unit/$name/$(echo "$line" | sed -E 's/^not ok [0-9]+ - //')" \
			"see $LOGS/unit-$name.log" ;;
		esac
	done <<< "$out"
	plan=$(sed -nE 's/^1\.\.([0-9]+)$/\1/p' <<< "$out" | head -1)
	nres=$(grep -cE '^(not )?ok [0-9]+ ' <<< "$out")
	nfail=$(grep -cE '^not ok [0-9]+ ' <<< "$out")
	if [ -z "$plan" ] || [ "$plan" -eq 0 ]; then
		fail "unit/$name" "no test plan, exit status $rc (see $LOGS/unit-$name.log)"
	elif [ "$nres" -ne "$plan" ]; then
		fail "unit/$name" "$nres of $plan results, exit status $rc (see $LOGS/unit-$name.log)"
	elif [ "$rc" -ne 0 ] && [ "$nfail" -eq 0 ]; then
		fail "unit/$name" "exit status $rc with no failing case (see $LOGS/unit-$name.log)"
	elif [ "$rc" -eq 0 ] && [ "$nfail" -ne 0 ]; then
		fail "unit/$name" "exit status 0 with $nfail failing case(s)"
	fi
}

# The runner's own rule, checked on made-up programs: a crash cannot hide.
# self_case NAME TAP-OUTPUT EXIT-STATUS EXPECTED (an ERE over what
# unit_results prints, lines joined by spaces, then its counts).
self_case() {
	local got
	got=$(PASSED=0 FAILED=0; LOGS=/nonexistent
		unit_results "$1" "$2" "$3"; echo "failed=$FAILED passed=$PASSED")
	got=$(tr '\n' ' ' <<< "$got")
	if grep -qE -- "$4" <<< "$got"; then pass "runner/$1"
	else fail "runner/$1" "$got"; fi
}

runner_self_test() {
	self_case crash-part-way-fails $'1..3\nok 1 - a' 1 \
		'FAIL unit/crash-part-way-fails: 1 of 3 results, exit status 1 .*failed=1 passed=1 $'
	self_case nonzero-exit-fails $'1..2\nok 1 - a\nok 2 - b' 134 \
		'FAIL unit/nonzero-exit-fails: exit status 134 with no failing case .*failed=1 passed=2 $'
	self_case failing-case-counted-once $'1..2\nok 1 - a\nnot ok 2 - b' 1 'failed=1 passed=1 $'
}

unit_tests() {
	if ! make -s unit > "$LOGS/unit-build.log" 2>&1; then
		fail "unit/build" "see $LOGS/unit-build.log"
		return
	fi
	for t in build/host/test_*; do
		[ -x "$t" ] || continue
		local name out rc
		name=$(basename "$t" | sed 's/^test_//')
		out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$t" 2>&1); rc=$?
		echo "$out" > "$LOGS/unit-$name.log"
		unit_results "$name" "$out" "$rc"
	done
	# The vITS fuzzer's corpus (make fuzz grows it), replayed under gcc's sanitizers.
	local inputs n
	inputs=(tests/fuzz/corpus/*)
	if [ ! -e "${inputs[0]}" ]; then
		fail "fuzz/corpus-replay" "tests/fuzz/corpus is empty"
	elif build/host/fuzz_replay "${inputs[@]}" > "$LOGS/fuzz-replay.log" 2>&1; then
		n=$(grep -c '^ok ' "$LOGS/fuzz-replay.log")
		if [ "$n" = "${#inputs[@]}" ]; then pass "fuzz/corpus-replay"
		else fail "fuzz/corpus-replay" "$n of ${#inputs[@]} inputs replayed"; fi
	else
		fail "fuzz/corpus-replay" "$(tail -1 "$LOGS/fuzz-replay.log") (see $LOGS/fuzz-replay.log)"
	fi
}

# --- configuration checker: each bad configuration must be refused ------------
config_tests() {
	local dtbdir=build/test-config/dtb
	mkdir -p "$dtbdir"
	for d in dts/*.dts; do
		cpp -nostdinc -undef -x assembler-with-cpp -P -Idts "$d" |
			dtc -q -I dts -O dtb -o "$dtbdir/$(basename "$d" .dts).dtb" -
	done
	truncate -s 200M build/test-config/big.bin
	for c in tests/config/*.c config/*.c; do
		local name expect tool out rc
		name=$(basename "$c" .c)
		expect=$(sed -n 's|^/\* expect: \(.*\) \*/$|\1|p' "$c")
		tool=build/test-config/cfgcheck-$name
		if ! gcc -std=c11 -D_DEFAULT_SOURCE -DPARTITA_HOST -O1 -Wall -Wextra -Werror \
			-Iarch/arm64/include -Icore/include -Ivdev/include -Iconfig -o "$tool" "$c" \
			core/config_check.c arch/arm64/pgtable.c core/fdt.c core/mmio.c core/string.c \
			> "$LOGS/config-$name.log" 2>&1; then
			fail "config/$name" "does not compile (see $LOGS/config-$name.log)"
			continue
		fi
		if [ -z "$expect" ]; then
			# A shipped configuration: accepted once its guest images exist.
			make -s CONFIG="$name" images > "$LOGS/images-$name.log" 2>&1
			out=$("$tool" gen "$name" build/test-config "$dtbdir" 2>&1); rc=$?
			if [ $rc -eq 0 ]; then pass "config/$name-accepted"
			else fail "config/$name-accepted" "$out"; fi
		else
			out=$("$tool" gen "$name" build/test-config "$dtbdir" 2>&1); rc=$?
			if [ $rc -ne 0 ] && grep -qF -- "$expect" <<< "$out"; then
				pass "config/$name"
			else
				fail "config/$name" "expected refusal with '$expect', got (rc $rc) $out"
			fi
		fi
	done
	fit_tests
}

# cfgcheck fit: the linked image (nm -S) must end inside hyp; a BSS that runs
# into partition RAM is refused with every part's size.
fit_tests() {
	local tool=build/test-config/cfgcheck-test-boot out rc
	nm_listing() { # _end
		printf '%s\n' "0000000040200000 T _head" "0000000040210000 R __text_end" \
			"0000000040210000 R __blobs_start" "0000000040300000 R __blobs_end" \
			"0000000040302000 D __rodata_end" "0000000040302040 B __bss_start" \
			"0000000040400000 0000000000004000 b s2_roots" \
			"0000000040404000 0000000000006000 b s2_pages" \
			"0000000040410000 0000000000010000 B cpu_stacks" "$1 B _end"
	}
	out=$(nm_listing 0000000044001000 | "$tool" fit 2>&1); rc=$?
	if [ $rc -eq 1 ] && grep -qF "platform: hyp: 0x4000000 bytes at 0x40000000 cannot hold partita, which needs text offset 0x200000 + code 0x10000 + read-only data 0x2000 + guest images, DTBs and initrds 0xf0000 + data 0x40 + BSS 0x3cfefc0 (stage-2 tables 0xa000, stacks 0x10000) = 0x4001000" <<< "$out"; then
		pass "config/fit-bss-beyond-hyp"
	else
		fail "config/fit-bss-beyond-hyp" "expected a refusal with the sizes, got (rc $rc) $out"
	fi
	out=$(nm_listing 0000000044000000 | "$tool" fit 2>&1); rc=$?
	if [ $rc -eq 0 ] && grep -qF "= 0x4000000; 0x0 free" <<< "$out"; then
		pass "config/fit-bss-to-hyp-end"
	else
		fail "config/fit-bss-to-hyp-end" "expected acceptance, got (rc $rc) $out"
	fi
}

# --- system tests ------------------------------------------------------------
feed_after() { # log input: print input once the log matches $INPUT_AFTER
	local i
	for ((i = 0; i < TIMEOUT * 5; i++)); do
		grep -q -- "$INPUT_AFTER" "$1" 2>/dev/null && break
		sleep 0.2
	done
	cat "$2"
}

# feed_steps log: the input of each of INPUT_STEPS ("N|pattern|text") once
# the log shows the pattern N times, in order (or at the timeout).
feed_steps() {
	local step n pat text i
	for step in "${INPUT_STEPS[@]}"; do
		n=${step%%|*} step=${step#*|}
		pat=${step%%|*} text=${step#*|}
		for ((i = 0; i < TIMEOUT * 5; i++)); do
			[ "$(grep -c -- "$pat" "$1" 2>/dev/null)" -ge "$n" ] && break
			sleep 0.2
		done
		printf "$text"
		sleep 0.5
	done
}

run_variant() { # scenario variant suffix
	local scen=$1 variant=$2 sfx=$3 boot gic cpu log input rc
	boot=kernel gic=3 cpu=cortex-a57
	case $variant in
	kernel) ;; uboot) boot=uboot ;; gic3) ;; gic4) gic=4 ;; max) cpu=max,pauth-impdef=on ;;
	uboot-gic3) boot=uboot ;; uboot-gic4) boot=uboot gic=4 ;;
	fit-gic3) boot=fit ;; fit-gic4) boot=fit gic=4 ;;
	esac
	log="$LOGS/$(basename "$scen" .test)$sfx.log"
	local devs=() d
	for d in ${DEVICES:-}; do devs+=(--device "$d"); done
	local qemu=qemu-system-aarch64
	case ${SMMU:-} in
	'') ;;
	stage2)
		if ! qemu=$(scripts/qemu10.sh 2> "$LOGS/qemu10.log"); then
			fail "run/$(basename "$scen" .test)$sfx" "no QEMU whose SMMU has stage 2: $(cat "$LOGS/qemu10.log")"
			return
		fi
		devs+=(--smmu) ;;
	*) devs+=(--smmu) ;;
	esac
	[ -z "${NIC:-}" ] || devs+=(--nic)
	input=build/test-logs/input.txt
	printf "${INPUT:-}" > "$input"
	rm -f "$log"
	# A FIT boot builds the FIT first (and a damaged one with FIT_CORRUPT).
	if [ "$boot" = fit ] && ! make -s CONFIG="$CONFIG" fit > "$LOGS/fit-$CONFIG.log" 2>&1; then
		fail "run/$(basename "$scen" .test)$sfx" "make fit failed (see $LOGS/fit-$CONFIG.log)"
		return
	fi
	export FIT_CORRUPT
	if [ "${#INPUT_STEPS[@]}" -gt 0 ]; then
		QEMU=$qemu scripts/qemu.sh --config "$CONFIG" --boot "$boot" --gic "$gic" --cpu "$cpu" --smp "${SMP:-4}" \
			"${devs[@]}" --timeout "$TIMEOUT" --input <(feed_steps "$log") \
			> "$log" 2>&1
	elif [ -n "${INPUT_AFTER:-}" ]; then
		# The input goes in once the output shows INPUT_AFTER (or at the timeout).
		QEMU=$qemu scripts/qemu.sh --config "$CONFIG" --boot "$boot" --gic "$gic" --cpu "$cpu" --smp "${SMP:-4}" \
			"${devs[@]}" --timeout "$TIMEOUT" --input <(feed_after "$log" "$input") \
			> "$log" 2>&1
	else
		QEMU=$qemu scripts/qemu.sh --config "$CONFIG" --boot "$boot" --gic "$gic" --cpu "$cpu" --smp "${SMP:-4}" \
			"${devs[@]}" --timeout "$TIMEOUT" --input "$input" \
			--input-delay "${INPUT_DELAY:-0}" > "$log" 2>&1
	fi
	rc=$?
	# Strip carriage returns and the "[partition] " prefix to find the reports.
	tr -d '\r' < "$log" > "$log.clean"
	local run="run/$(basename "$scen" .test)$sfx"
	if grep -q "PANIC" "$log.clean"; then
		fail "$run" "hypervisor panic (see $log)"
	elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		fail "$run" "timeout after ${TIMEOUT}s (see $log)"
	elif ! grep -qF -- "$END" "$log.clean"; then
		fail "$run" "no end marker '$END' (see $log)"
	else
		pass "$run"
	fi
	local reports
	reports=$(sed -nE 's/^(\[[^]]*\] )?((PASS|FAIL) .*)$/\2/p' "$log.clean")
	for c in $CASES; do
		local line
		line=$(grep -E "^(PASS|FAIL) $c(:|$)" <<< "$reports" | head -1)
		case $line in
		"PASS $c") pass "$c$sfx" ;;
		"FAIL $c"*) fail "$c$sfx" "${line#FAIL $c: }" ;;
		*) fail "$c$sfx" "not reported (see $log)" ;;
		esac
	done
	# Failures the scenario did not list (e.g. an unexpected exception) count too;
	# CASES spans lines, so compare against its words.
	local listed
	listed=" $(tr -s '[:space:]' ' ' <<< "$CASES") "
	while IFS= read -r line; do
		local n=${line#FAIL }; n=${n%%:*}
		[[ $listed == *" $n "* ]] || fail "$n$sfx" "${line#*: }"
	done < <(grep '^FAIL ' <<< "$reports")
	local oc
	for oc in "${OUTPUT_CASES[@]}"; do
		local name=${oc%%|*} re=${oc#*|}
		if [[ $name == *:* ]]; then
			[ "${name%%:*}" = "$variant" ] || continue
			name=${name#*:}
		fi
		if grep -qE -- "$re" "$log.clean"; then pass "$name$sfx"
		else fail "$name$sfx" "output does not match /$re/ (see $log)"; fi
	done
	# "name|N|regex": the output matches at least N times.
	for oc in "${COUNT_CASES[@]}"; do
		local name=${oc%%|*} rest=${oc#*|} want got
		want=${rest%%|*} re=${rest#*|}
		got=$(grep -cE -- "$re" "$log.clean")
		if [ "$got" -ge "$want" ]; then pass "$name$sfx"
		else fail "$name$sfx" "/$re/ $got time(s), at least $want wanted (see $log)"; fi
	done
	# "name|N|regex with one group of digits": at least N matches, the numbers 1, 2, 3...
	for oc in "${SEQUENCE_CASES[@]}"; do
		local name=${oc%%|*} rest=${oc#*|} want bad
		want=${rest%%|*} re=${rest#*|}
		bad=$(sed -nE "s/.*$re.*/\1/p" "$log.clean" |
			awk -v want="$want" '$1 != NR { print "number " $1 " where " NR " was due"; exit }
				END { if (NR < want) print NR " line(s), at least " want " wanted" }')
		if [ -z "$bad" ]; then pass "$name$sfx"
		else fail "$name$sfx" "/$re/: $bad (see $log)"; fi
	done
	for oc in "${ABSENT_CASES[@]}"; do
		local name=${oc%%|*} re=${oc#*|}
		if grep -qE -- "$re" "$log.clean"; then
			fail "$name$sfx" "output matches /$re/: $(grep -m1 -E -- "$re" "$log.clean")"
		else pass "$name$sfx"; fi
	done
	for oc in "${ORDER_CASES[@]}"; do
		local name=${oc%%|*} rest=${oc#*|}
		local a=${rest%%|*} b=${rest#*|} la lb
		la=$(grep -nE -- "$a" "$log.clean" | head -1 | cut -d: -f1)
		lb=$(grep -nE -- "$b" "$log.clean" | head -1 | cut -d: -f1)
		if [ -n "$la" ] && [ -n "$lb" ] && [ "$la" -lt "$lb" ]; then pass "$name$sfx"
		else fail "$name$sfx" "/$a/ (line ${la:-none}) must come before /$b/ (line ${lb:-none})"; fi
	done
}

system_tests() {
	local scen
	local scens=(tests/system/*.test) o
	if [ -n "${ONLY:-}" ]; then
		scens=()
		for o in $ONLY; do scens+=("tests/system/$o.test"); done
	fi
	for scen in "${scens[@]}"; do
		if [ ! -f "$scen" ]; then
			fail "run/$(basename "$scen" .test)" "no scenario $scen"
			continue
		fi
		unset CONFIG VARIANTS SMP INPUT INPUT_DELAY INPUT_AFTER END CASES DEVICES SMMU TAG NIC \
			FIT_CORRUPT
		OUTPUT_CASES=() ORDER_CASES=() ABSENT_CASES=() COUNT_CASES=() SEQUENCE_CASES=()
		INPUT_STEPS=()
		# shellcheck disable=SC1090
		. "$scen"
		if ! make -s CONFIG="$CONFIG" > "$LOGS/build-$CONFIG.log" 2>&1; then
			fail "build/$CONFIG" "see $LOGS/build-$CONFIG.log"
			continue
		fi
		local n v
		n=$(wc -w <<< "$VARIANTS")
		for v in $VARIANTS; do
			if [ "$n" -gt 1 ]; then run_variant "$scen" "$v" "@$v${TAG:+-$TAG}"
			else run_variant "$scen" "$v" "${TAG:+@$TAG}"; fi
		done
	done
}

# --- the benchmark guest, natively, a few samples: it works (no timing asserted)
bench_smoke() {
	if scripts/bench.sh --smoke > "$LOGS/bench-smoke.log" 2>&1; then
		pass "bench/native-smoke"
	else
		fail "bench/native-smoke" "see $LOGS/bench-smoke.log"
	fi
}

# --- the spin model of the vITS command queue (tests/model) --------------------
# --- layering (docs/architecture.md, section 2) -------------------------------
# scripts/check-layers.sh on the tree, then on copies with an upward include
# and a cycle put in, which it must refuse.
layer_tests() {
	local out tmp
	if out=$(scripts/check-layers.sh 2>&1); then pass "layers/tree"
	else fail "layers/tree" "$(tr '\n' ' ' <<< "$out")"; fi
	tmp=$(mktemp -d)
	cp -r arch core drivers vdev "$tmp/"
	sed -i '0,/^#include/s//#include <vdev\/vits.h>\n#include/' "$tmp/drivers/gic/its.c"
	out=$(scripts/check-layers.sh "$tmp" 2>&1)
	if [ $? -eq 1 ] && grep -q 'drivers/gic/its.c (drivers) includes vdev/vits.h (vdev/its)' <<< "$out"; then
		pass "layers/driver-includes-vdev-refused"
	else
		fail "layers/driver-includes-vdev-refused" "$(tr '\n' ' ' <<< "$out")"
	fi
	cp -r arch core drivers vdev "$tmp/" # undo
	sed -i '0,/^#include/s//#include <vdev\/vits.h>\n#include/' "$tmp/vdev/gic/vgic.c"
	out=$(scripts/check-layers.sh "$tmp" 2>&1)
	if [ $? -eq 1 ] && grep -q 'cycle between folders' <<< "$out" &&
		grep -q 'vdev/gic/vgic.c (vdev/gic) includes vdev/vits.h (vdev/its)' <<< "$out"; then
		pass "layers/vgic-vits-cycle-refused"
	else
		fail "layers/vgic-vits-cycle-refused" "$(tr '\n' ' ' <<< "$out")"
	fi
	cp -r arch core drivers vdev "$tmp/" # undo
	printf 'static inline unsigned long sneaky(void) { return read_sysreg(hcr_el2); }\n' \
		>> "$tmp/core/vcache.c"
	out=$(scripts/check-layers.sh "$tmp" 2>&1)
	if [ $? -eq 1 ] && grep -q 'system registers outside arch/' <<< "$out"; then
		pass "layers/sysreg-outside-arch-refused"
	else
		fail "layers/sysreg-outside-arch-refused" "$(tr '\n' ' ' <<< "$out")"
	fi
	rm -rf "$tmp"
}

model_tests() {
	local line
	while IFS= read -r line; do
		case $line in
		"PASS "*) pass "${line#PASS }" ;;
		"FAIL "*) line=${line#FAIL }; fail "${line%%: *}" "${line#*: }" ;;
		esac
	done < <(tests/model/run.sh 2>&1 | tee "$LOGS/model.log")
	grep -qE "^(PASS|FAIL) model/in-order-once" "$LOGS/model.log" || fail "model/run" "no result from tests/model/run.sh, see $LOGS/model.log"
}

start=$(date +%s)
if [ -n "${ONLY:-}" ]; then
	system_tests
else
	runner_self_test
	layer_tests
	unit_tests
	config_tests
	model_tests
	system_tests
	bench_smoke
fi
echo "(make test took $(( $(date +%s) - start )) s; logs in $LOGS)"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
