#!/bin/bash
# make bench: run the benchmark guest (guests/bench/bench.c) natively on QEMU
# and as a partition under partita (config/bench.c), under
# -icount shift=0,sleep=off so that the guest's cycle counter counts
# instructions and the figures repeat (the timer's within a few cycles), and print one table.
# Writes build/bench.txt.
#   scripts/bench.sh           the full table
#   scripts/bench.sh --smoke   one quick native run; exits non-zero unless every figure came out
#
# QEMU 7.2 refuses gic-version=4 without virtualization=on, so the native
# reference runs on gic-version=3 for both rows; natively the two GIC versions
# take the same path for timers and SGIs.
set -euo pipefail
cd "$(dirname "$0")/.."
FIGURES="vtimer sgi-self sgi-cross msi mapti-sync"
OUT=build/bench.txt
COMMON=(-cpu cortex-a57 -m 1G -nic none -display none -monitor none -serial stdio
	-icount shift=0,sleep=off -device edu,addr=2)

native() { # extra kernel args
	timeout -k 5 120 qemu-system-aarch64 -M virt,gic-version=3,its=on -smp 2 "${COMMON[@]}" \
		-kernel build/guests/bench.bin -append "$1" 2>&1 | tr -d '\r'
}

partita() { # gic version, configuration [machine options, e.g. ,iommu=smmuv3]
	timeout -k 5 120 qemu-system-aarch64 -M "virt,virtualization=on,gic-version=$1,its=on${3:-}" \
		-smp 4 "${COMMON[@]}" -kernel "build/$2/partita.bin" 2>&1 | tr -d '\r'
}

# Run "$@" with its output in $2 until it prints $1 (or ends, or 120 s pass).
run_until() { # marker log command...
	local marker=$1 log=$2 i
	shift 2
	"$@" > "$log" 2>&1 &
	local pid=$!
	for ((i = 0; i < 1200; i++)); do
		grep -q "$marker" "$log" && break
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	kill "$pid" 2> /dev/null || true
	wait "$pid" 2> /dev/null || true
}

# partita with config $2 (the benchmark beside another partition that keeps
# busy for ever) on gic version $1; stopped once the benchmark is done.
partita_beside() { # gic config
	run_until "BENCH done" "build/$2-v$1.log" qemu-system-aarch64 \
		-M "virt,virtualization=on,gic-version=$1,its=on" -smp 4 "${COMMON[@]}" \
		-kernel "build/$2/partita.bin"
	tr -d '\r' < "build/$2-v$1.log"
}

# Debian's Linux to its /init, which prints the virtual counter first: the
# ticks since the machine started (62.5 MHz: 16 instructions each).
linux_native() {
	cpp -nostdinc -undef -x assembler-with-cpp -P -Idts dts/bench-linux.dts |
		dtc -q -I dts -O dtb -o build/bench-linux-native.dtb -
	run_until "init at counter" build/bench-linux-native.log qemu-system-aarch64 \
		-M virt,gic-version=3,its=on -smp 2 -cpu cortex-a57 -m 256M -nic none -display none \
		-monitor none -serial stdio -icount shift=0,sleep=off -kernel build/linux/Image \
		-initrd build/linux/initramfs.cpio.gz -dtb build/bench-linux-native.dtb
	sed -n 's/.*init at counter \([0-9]*\).*/\1/p' build/bench-linux-native.log | head -1
}

linux_partita() { # gic version [configuration machine-options]
	local cfg=${2:-bench-linux} log="build/${2:-bench-linux}-v$1.log"
	run_until "init at counter" "$log" qemu-system-aarch64 \
		-M "virt,virtualization=on,gic-version=$1,its=on${3:-}" -smp 4 "${COMMON[@]}" \
		-kernel "build/$cfg/partita.bin"
	# With the SMMU, only a run that brought it up counts.
	[ -z "${3:-}" ] || grep -q "^\[partita\] SMMU: " "$log" || return 0
	echo "$(sed -n 's/.*init at counter \([0-9]*\).*/\1/p' "$log" | head -1)" \
		"$(sed -n 's/.*partitions start at counter \([0-9]*\).*/\1/p' "$log" | head -1)"
}

# The same from a FIT: partita built without the images (make fit), which QEMU's
# generic loader puts where U-Boot's bootm would (gen/partita.its's load
# addresses), and the FIT itself where boot.scr loads it, named in /chosen
# partita,fit as boot.scr does: partita finds each piece's crc32 in the FIT
# as the one it was built with and copies nothing. U-Boot's own check of
# those hashes, which a native Linux booted from a FIT with hashes pays too,
# is in neither figure.
linux_partita_fit() { # gic version
	local log="build/bench-linux-fit-v$1.log" its=build/bench-linux/gen/partita.its loaders=()
	local machine="virt,virtualization=on,gic-version=$1,its=on" dtb="build/bench-linux-fit-v$1.dtb"
	while read -r file hi lo; do
		loaders+=(-device "loader,file=$file,addr=$(printf '0x%x' $(((hi << 32) | lo))),force-raw=on")
	done < <(awk '/^		p[0-9]+-/ { on = 1 } on && /data = / { f = $0; sub(/.*\("/, "", f); sub(/"\).*/, "", f) }
		on && /load = / { gsub(/[<>;]/, ""); print f, $3, $4; on = 0 }' "$its")
	# shellcheck source=/dev/null
	. build/bench-linux/gen/fit.env
	loaders+=(-device "loader,file=build/bench-linux/partita.itb,addr=$FIT_ADDR,force-raw=on")
	qemu-system-aarch64 -M "$machine,dumpdtb=$dtb" -smp 4 "${COMMON[@]}" > /dev/null 2>&1
	fdtput -t x "$dtb" /chosen partita,fit 0 "${FIT_ADDR#0x}"
	run_until "init at counter" "$log" qemu-system-aarch64 -M "$machine" -smp 4 "${COMMON[@]}" \
		-kernel build/bench-linux/fit/partita.bin -dtb "$dtb" "${loaders[@]}"
	echo "$(sed -n 's/.*init at counter \([0-9]*\).*/\1/p' "$log" | head -1)" \
		"$(sed -n 's/.*partitions start at counter \([0-9]*\).*/\1/p' "$log" | head -1)"
}

# The other partition was busy all through figure $3: its start marker $2
# came before the figure and its end marker $4, if any, after.
covered() { # output start figure end
	local s m d
	s=$(grep -n "$2" <<< "$1" | head -1 | cut -d: -f1)
	m=$(grep -n "BENCH $3 " <<< "$1" | head -1 | cut -d: -f1)
	d=$(grep -n "$4" <<< "$1" | head -1 | cut -d: -f1)
	[ -n "$s" ] && [ -n "$m" ] && [ "$s" -lt "$m" ] && { [ -z "$d" ] || [ "$d" -gt "$m" ]; }
}

# One row per GIC version: figure $1 beside the busy partition of config $2
# ($3 says what it does), against the unloaded run; the lines matching $6,
# if given, are counted. $4 and $5: its start and end markers.
beside_rows() { # figure config what start end [count-regex]
	local g um bm bmin bmax be bs out
	for g in v3 v4; do
		out=${beside[$2-$g]}
		read -r um _ _ _ _ <<< "$(field "${par[$g]}" "$1")"
		read -r bm bmin bmax be bs <<< "$(field "$out" "$1")"
		if [ -z "${bm:-}" ] || [ -z "${um:-}" ]; then
			printf "  %-6s no result (see build/%s-%s.log)\n" "$g" "$2" "$g"
		elif ! covered "$out" "$4" "$1" "$5"; then
			printf "  %-6s the other partition was not busy all through the figure (see build/%s-%s.log)\n" "$g" "$2" "$g"
		else
			printf "  %-6s %s (%s..%s) %s, %s unloaded: %s; exits/irq %s%s\n" "$g" "$bm" \
				"$bmin" "$bmax" "$3" "$um" \
				"$(awk -v f="$bm" -v u="$um" 'BEGIN { printf "%+.1f%%", (f - u) * 100 / u }')" \
				"$(awk -v e="$be" -v n="$bs" 'BEGIN { printf "%.2f", e / n }')" \
				"${6:+; $(grep -c "$6" <<< "$out") line(s) printed in the run}"
		fi
	done
}

# "median min max exits samples" of figure $2 in output $1
field() {
	sed -n "s/.*BENCH $2 median=\([-0-9]*\) min=\([-0-9]*\) max=\([-0-9]*\) exits=\([-0-9]*\) samples=\([0-9]*\).*/\1 \2 \3 \4 \5/p" <<< "$1"
}

if [ "${1:-}" = --smoke ]; then
	make -s guests > /dev/null
	out=$(native quick)
	for f in $FIGURES; do
		if [ -z "$(field "$out" "$f")" ]; then
			echo "bench: no figure '$f' from the native run:" >&2
			echo "$out" >&2
			exit 1
		fi
	done
	grep -q "BENCH done" <<< "$out"
	exit 0
fi

make -s guests > /dev/null
make -s CONFIG=bench > /dev/null
make -s CONFIG=bench-lr > /dev/null
make -s CONFIG=bench-flood > /dev/null
make -s CONFIG=bench-print > /dev/null
make -s CONFIG=bench-linux > /dev/null
make -s CONFIG=bench-linux fit > /dev/null
make -s CONFIG=bench-smmu > /dev/null
make -s CONFIG=bench-ipc > /dev/null
make -s CONFIG=bench-ring > /dev/null
make -s CONFIG=bench-linux-smmu > /dev/null
nat=$(native "")
# Rows: v3 and v4 with config/bench.c (on v4 the MSIs take GICv4 direct
# injection), and for the ITS figures v4-lr, config/bench-lr.c (the GICv3
# path forced on gic-version=4).
declare -A par
par[v3]=$(partita 3 bench)
par[v4]=$(partita 4 bench)
par[v4-lr]=$(partita 4 bench-lr)
# The MSI figure with an SMMUv3 in front of PCIe: the MSI is a DMA write that
# the SMMU translates through the partition's DMA view (the doorbell page).
declare -A smmu
smmu[v3]=$(partita 3 bench-smmu ,iommu=smmuv3)
smmu[v4]=$(partita 4 bench-smmu ,iommu=smmuv3)
declare -A beside boot ipc
for g in 3 4; do
	# Doorbells between two partitions: until the receiver has said what it took.
	run_until "BENCH doorbell-receiver" "build/bench-ipc-v$g.log" qemu-system-aarch64 \
		-M "virt,virtualization=on,gic-version=$g,its=on" -smp 4 "${COMMON[@]}" \
		-kernel build/bench-ipc/partita.bin
	ipc[v$g]=$(tr -d '\r' < "build/bench-ipc-v$g.log")
	beside[bench-flood-v$g]=$(partita_beside $g bench-flood)
	beside[bench-print-v$g]=$(partita_beside $g bench-print)
	beside[bench-ring-v$g]=$(partita_beside $g bench-ring)
	boot[v$g]=$(linux_partita $g)
	boot[v$g+smmu]=$(linux_partita $g bench-linux-smmu ,iommu=smmuv3)
	boot[v$g+fit]=$(linux_partita_fit $g)
done
boot[native]=$(linux_native)
{
	echo "Guest cycles (= instructions under -icount shift=0), $(field "$nat" vtimer | cut -d' ' -f5) samples each; median (min..max)."
	echo "partita $(git describe --always --dirty), $(qemu-system-aarch64 --version | head -1)"
	echo
	printf "%-10s %-6s %-22s %-22s %8s %10s\n" figure gic native partita added exits/irq
	for f in $FIGURES; do
		read -r nm nmin nmax _ _ <<< "$(field "$nat" "$f")"
		rows="v3 v4"
		[ "$f" = msi ] || [ "$f" = mapti-sync ] && rows="v3 v4 v4-lr"
		for g in $rows; do
			read -r pm pmin pmax pe ps <<< "$(field "${par[$g]}" "$f")"
			if [ -z "${pm:-}" ]; then
				printf "%-10s %-6s %s\n" "$f" "$g" "no result (see the partita run)"
				continue
			fi
			# sgi-cross: each sample is a round trip, two SGIs
			per=$ps
			[ "$f" = sgi-cross ] && per=$((ps * 2))
			printf "%-10s %-6s %-22s %-22s %8d %10s\n" "$f" "$g" "$nm ($nmin..$nmax)" \
				"$pm ($pmin..$pmax)" $((pm - nm)) "$(awk -v e="$pe" -v n="$per" 'BEGIN { printf "%.2f", e / n }')"
		done
	done
	echo
	echo "msi while another partition floods its ITS (config/bench-flood.c: 32,767 MAPTI/DISCARD per CWRITER write, for ever):"
	beside_rows msi bench-flood "under the flood" "FLOOD start" "FLOOD done"
	echo
	echo "msi with an SMMUv3 in front of PCIe (iommu=smmuv3: the MSI is a DMA write the SMMU translates):"
	for g in v3 v4; do
		read -r um _ _ _ _ <<< "$(field "${par[$g]}" msi)"
		read -r sm smin smax se ss <<< "$(field "${smmu[$g]}" msi)"
		if [ -z "${sm:-}" ] || [ -z "${um:-}" ] || ! grep -q "DMA of its 1 PCI function(s) isolated" <<< "${smmu[$g]}"; then
			printf "  %-6s no result, or the SMMU not in use (see the partita run)\n" "$g"
			continue
		fi
		printf "  %-6s %s (%s..%s) with the SMMU, %s without: %s; exits/irq %s\n" "$g" "$sm" "$smin" "$smax" \
			"$um" "$(awk -v f="$sm" -v u="$um" 'BEGIN { printf "%+.1f%%", (f - u) * 100 / u }')" \
			"$(awk -v e="$se" -v n="$ss" 'BEGIN { printf "%.2f", e / n }')"
	done
	echo
	echo "doorbell between two partitions on pCPUs 0 and 1 (config/bench-ipc.c, guests/bench/doorbell.c): half a round trip,"
	echo "the Doorbell write to the receiver's answer at the sender's IRQ vector, both in WFI; sgi-cross above is the same"
	echo "shape between two vCPUs of one partition on the same pCPUs. Exits: the sender's per round trip, the receiver's"
	echo "per doorbell besides its own doorbell writes:"
	for g in v3 v4; do
		read -r dm dmin dmax de ds <<< "$(field "${ipc[$g]}" doorbell)"
		read -r rm _ _ _ _ <<< "$(field "${ipc[$g]}" doorbell-rt)"
		rx=$(sed -n 's/.*BENCH doorbell-receiver doorbells=\([0-9]*\) exits=\([-0-9]*\).*/\1 \2/p' <<< "${ipc[$g]}")
		read -r sm _ _ _ _ <<< "$(field "${par[$g]}" sgi-cross)"
		if [ -z "${dm:-}" ] || [ -z "${rm:-}" ] || [ -z "$rx" ]; then
			printf "  %-6s no result (see build/bench-ipc-%s.log)\n" "$g" "$g"
			continue
		fi
		read -r rn re <<< "$rx"
		printf "  %-6s %s (%s..%s), round trip %s; sender %s exits per round trip, receiver %s per doorbell; sgi-cross %s\n" \
			"$g" "$dm" "$dmin" "$dmax" "$rm" "$(awk -v e="$de" -v n="$ds" 'BEGIN { printf "%.2f", e / n }')" \
			"$(awk -v e="$re" -v n="$rn" 'BEGIN { printf "%.2f", e / n }')" "${sm:-?}"
	done
	echo
	echo "the benchmark partition as a channel's peer 1 (its doorbells never enabled) while peer 0 rings it without pause"
	echo "(config/bench-ring.c, guests/bench/ringer.c); the figures without WFI waits (under -icount the ringer runs whole"
	echo "time slices while a waiting vCPU sleeps):"
	for f in vtimer sgi-self msi; do
		echo " $f:"
		beside_rows "$f" bench-ring "beside the doorbells" "RINGER start" "RINGER done"
	done
	echo
	echo "vtimer while another partition prints 150-character lines without pause (config/bench-print.c):"
	beside_rows vtimer bench-print "beside the printing" "CHATTER start" "CHATTER done" '^\[chatter\] abc'
	echo
	echo "Debian Linux $(cat build/linux/kernel-version 2>/dev/null) to its /init, from the machine's start (dts/bench-linux.dts both ways;"
	echo "partita: config/bench-linux.c, the kernel alone in a two-vCPU partition; +smmu: config/bench-linux-smmu.c,"
	echo "the same on the machine with an SMMUv3, which partita brings up before the partition starts; +fit: partita built"
	echo "for a FIT, the kernel and initramfs put in place by the loader, checked there, not copied):"
	n=${boot[native]:-}
	for g in native v3 v4 v3+smmu v4+smmu v3+fit v4+fit; do
		read -r t p <<< "${boot[$g]:-}"
		if [ -z "${t:-}" ] || { [ "$g" != native ] && { [ -z "${p:-}" ] || [ -z "$n" ]; }; }; then
			printf "  %-6s no result (see build/bench-linux-*.log)\n" "$g"
			continue
		fi
		if [ "$g" = native ]; then
			printf "  %-6s %s ticks = %s ms\n" "$g" "$t" "$(awk -v t="$t" 'BEGIN { printf "%.1f", t / 62500 }')"
			continue
		fi
		# partita's own boot (to its partitions' start) and Linux's, each against native
		awk -v t="$t" -v p="$p" -v n="$n" -v g="$g" 'BEGIN {
			printf "  %-6s %d ticks = %.1f ms, %+.1f%% on native: partita to the partition %.1f ms, then Linux %.1f ms (%+.2f%%)\n",
				g, t, t / 62500, (t - n) * 100 / n, p / 62500, (t - p) / 62500, (t - p - n) * 100 / n }'
	done
	echo
	echo "vtimer: deadline to the first instruction of the guest's IRQ vector."
	echo "sgi-self: the ICC_SGI1R_EL1 write to the IRQ vector. sgi-cross: half an SGI round trip between two vCPUs waiting in WFI."
	echo "msi: the write that makes QEMU's edu send its MSI to the IRQ vector (the LPI). partita: v3 through list registers;"
	echo "  v4 by GICv4.0 direct injection; v4-lr the GICv3 path forced on gic-version=4 (config/bench-lr.c)."
	echo "mapti-sync: a MAPTI and a SYNC, the CWRITER write until CREADR has caught up; exits/irq is exits per round trip."
	echo "native: the same guest image on QEMU without partita (gic-version=3; QEMU 7.2 has no GICv4 without EL2)."
} | tee "$OUT"
