#!/bin/bash
# Model-check the vITS command-queue protocol (tests/model/vits_queue.pml)
# with spin. One line per case: "PASS model/<case>" or "FAIL model/<case>: why",
# with the state-space size and time of the run behind it.
#   One exhaustive safety run (3 vCPUs of A, B beside it) checks five
#   properties at once: in-order-once, creadr-bound, batch-bound and
#   all-processed (assertions), deadlock-free (invalid end states). Each is
#   a case; all pass only if the run finds no error at all, since spin stops
#   at the first one. The same again with a batch of 2.
#   progress, b-served: 2 vCPUs of A flooding for ever, LTL, weak fairness.
#   broken-*: the deliberately broken variants, which must fail.
set -u
cd "$(dirname "$0")/../.."
W=build/model
mkdir -p "$W"
cp tests/model/vits_queue.pml "$W/"
cd "$W"

# check NAME[,NAME...] EXPECT(ok|fail) SPIN-DEFINES CC-DEFINES PAN-ARGS
# Reports every NAME as one case, with the result of one run.
check() {
	local names=$1 expect=$2 out errors name=${1%%,*}
	rm -rf "run-$name" && mkdir "run-$name" && cd "run-$name"
	if ! spin -a $3 ../vits_queue.pml > spin.log 2>&1 || ! gcc -O2 $4 -o pan pan.c > cc.log 2>&1; then
		report FAIL "spin or cc failed (see $W/run-$name)"
		cd ..
		return
	fi
	out=$(timeout 600 ./pan -m10000000 $5 2>&1)
	echo "$out" > pan.log
	errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' <<< "$out")
	stats="$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1 states/p' <<< "$out"), $(sed -n 's/^pan: elapsed time \(.*\)/\1/p' <<< "$out")"
	if grep -q "max search depth too small" <<< "$out"; then
		report FAIL "search depth too small, not exhaustive ($stats)"
	elif [ "$expect" = ok ] && [ "$errors" = 0 ]; then
		report PASS " ($stats)"
	elif [ "$expect" = fail ] && [ -n "$errors" ] && [ "$errors" != 0 ]; then
		report PASS ": fails as it must: $(grep -m1 -E 'violated|invalid end state|acceptance cycle' <<< "$out" | sed 's/^pan:1: //') ($stats)"
	else
		report FAIL "expected $expect, spin says: $(grep -m1 -E 'violated|invalid end state|acceptance cycle' <<< "$out" | sed 's/^pan:1: //') errors: ${errors:-?} (see $W/run-$name/pan.log)"
	fi
	cd ..
}

# report PASS|FAIL TEXT: one line per name of the current check
report() {
	local n
	for n in ${names//,/ }; do
		case $1 in
		PASS) echo "PASS model/$n$2" ;;
		FAIL) echo "FAIL model/$n: $2" ;;
		esac
	done
}

check in-order-once,creadr-bound,batch-bound,all-processed,deadlock-free ok "" "-DSAFETY" ""
check batch2-safety ok "-DBATCH=2" "-DSAFETY" ""
check progress ok "-DFLOOD -DWATCH -DNVCPU=2" "-DCOLLAPSE" "-a -f -N progress"
check b-served ok "-DFLOOD -DNVCPU=2" "-DCOLLAPSE" "-a -f -N b_served"
check broken-nolock fail "-DNOLOCK" "-DSAFETY" ""
check broken-handover fail "-DHANDOVER" "-DSAFETY" ""
check broken-unbounded fail "-DUNBOUNDED" "-DSAFETY" ""
check broken-invert fail "-DINVERT" "-DSAFETY" ""
check broken-hold-pits fail "-DFLOOD -DNVCPU=2 -DHOLD_PITS -DQSIZE=2 -DIDS=2" "-DCOLLAPSE" "-a -f -N b_served"

# The model and the C it models, read side by side since either last changed.
../../tests/model/fingerprint.sh
