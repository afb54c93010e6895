#!/bin/bash
# Boot a built configuration in QEMU's virt machine.
#   scripts/qemu.sh --config NAME [--boot kernel|uboot] [--gic 3|4] [--smp N] [--cpu MODEL]
#                   [--timeout SECONDS] [--input FILE [--input-delay SECONDS]]
#                   [--device QEMU-DEVICE]... [--smmu] [--nic] [--debug] [--interactive]
# --boot kernel: QEMU loads partita.bin itself (-kernel); --boot uboot: U-Boot
# (-bios) finds boot.scr on a virtio disk and boots partita with booti.
# --input-delay: the input reaches the UART only after that many seconds, so
# that a guest can already be waiting for it. --device adds a QEMU device
# (e.g. edu,addr=2 on the PCIe host bridge). --cpu: the CPU model, cortex-a57
# by default (max,pauth-impdef=on has pointer authentication and a newer PMU).
# --smmu: the machine gets an SMMUv3 in front of its PCIe (iommu=smmuv3).
# --nic: a virtio-net-pci NIC at 00:02.0 on QEMU's user network (DHCP,
# gateway 10.0.2.2, which answers pings itself); with NIC_PORT set, guest
# port 22 is also reachable at host 127.0.0.1:$NIC_PORT. iommu_platform=on:
# QEMU's virtio devices bypass its SMMU without it (a model quirk; on
# hardware all DMA goes through the SMMU).
# QEMU (environment): the qemu-system-aarch64 to run, the system's by default
# (scripts/qemu10.sh finds or fetches one whose SMMU has stage 2).
set -e
QEMU=${QEMU:-qemu-system-aarch64}
CONFIG=qemu-virt-demo BOOT=uboot GIC=3 SMP=4 CPU=cortex-a57 TIMEOUT=0 INPUT=/dev/null DELAY=0 INTERACTIVE=0
DEVICES=() DEBUG=()
while [ $# -gt 0 ]; do
	case $1 in
	--config) CONFIG=$2; shift 2 ;;
	--boot) BOOT=$2; shift 2 ;;
	--gic) GIC=$2; shift 2 ;;
	--smp) SMP=$2; shift 2 ;;
	--cpu) CPU=$2; shift 2 ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--input) INPUT=$2; shift 2 ;;
	--input-delay) DELAY=$2; shift 2 ;;
	--device) DEVICES+=(-device "$2"); shift 2 ;;
	--smmu) MACHINE_EXTRA=",iommu=smmuv3"; shift ;;
	--nic)
		DEVICES+=(-netdev "user,id=n0${NIC_PORT:+,hostfwd=tcp:127.0.0.1:$NIC_PORT-:22}"
			-device virtio-net-pci,netdev=n0,addr=2,iommu_platform=on,disable-legacy=on,romfile=)
		shift ;;
	--interactive) INTERACTIVE=1; shift ;;
	--debug) DEBUG=(-s -S); shift ;; # gdbstub on :1234, paused at the first instruction
	*) echo "qemu.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
B=build/$CONFIG
args=(-M "virt,virtualization=on,gic-version=$GIC,its=on${MACHINE_EXTRA:-}" -cpu "$CPU" -smp "$SMP" -m 1G
	-nic none "${DEVICES[@]}" "${DEBUG[@]}")
case $BOOT in
kernel) args+=(-kernel "$B/partita.bin") ;;
uboot | fit)
	# fit: U-Boot boots partita.itb (make fit) instead of partita.bin.
	if [ "$BOOT" = fit ]; then scripts/mkboot.sh "$CONFIG" --fit; else scripts/mkboot.sh "$CONFIG"; fi
	args+=(-bios /usr/lib/u-boot/qemu_arm64/u-boot.bin
		-drive "if=pflash,unit=1,format=raw,file=build/uboot-env.bin"
		-drive "if=none,format=raw,file=$B/disk.img,id=disk0"
		-device virtio-blk-device,drive=disk0) ;;
*) echo "qemu.sh: --boot kernel, uboot or fit" >&2; exit 2 ;;
esac
if [ "$INTERACTIVE" = 1 ]; then
	echo "partita: QEMU starting; Ctrl-T <n> gives the keyboard to partition n, Ctrl-A x quits QEMU"
	exec "$QEMU" "${args[@]}" -nographic
fi
args+=(-display none -monitor none -serial stdio)
input() { [ "$DELAY" = 0 ] || sleep "$DELAY"; cat "$INPUT"; }
if [ "$TIMEOUT" != 0 ]; then
	exec timeout --foreground -k 5 "$TIMEOUT" "$QEMU" "${args[@]}" < <(input)
fi
exec "$QEMU" "${args[@]}" < <(input)
