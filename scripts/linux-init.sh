#!/bin/busybox sh
# /init of the Linux test partition's initramfs (scripts/fetch-linux.sh puts
# it there). It checks what the kernel saw of its partition and reports one
# "PASS linux/<case>" or "FAIL linux/<case>: <why>" line per case, as the
# bare-metal test guests do, then powers the partition off.
# First of all, the time since the machine started (make bench's Linux boot figure).
echo "linux: init at counter $(/bin/cntvct)"
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev

pass() { echo "PASS linux/$1"; }
fail() { echo "FAIL linux/$1: $2"; }
check() { # name condition-exit-status why
	if [ "$2" = 0 ]; then pass "$1"; else fail "$1" "$3"; fi
}
# Sum of the per-CPU counts of the /proc/interrupts line matching $1
irqs() {
	awk -v pat="$1" -v n="$(nproc)" '$0 ~ pat { s = 0; for (i = 2; i <= n + 1; i++) s += $i; print s; exit }' /proc/interrupts
}

echo "linux: $(uname -r) up, $(nproc) CPU(s)"
pass boot
[ "$(nproc)" = 2 ]; check smp $? "$(nproc) CPUs online"
dmesg | grep -q "GICv3: .* SPIs implemented"; check gicv3-probed $? "no GICv3 probe message"
! dmesg | grep -iE "gic.*(error|fail|broken)" >/dev/null; check gicv3-no-errors $? \
	"$(dmesg | grep -iE 'gic.*(error|fail|broken)' | head -1)"
# The virtual ITS, and a virtio-rng on its virtual host bridge using MSI-X.
dmesg | grep -q "ITS@0x0*8080000"; check its-probed $? "no ITS probe message"
# Exactly its one function, at the guest BDF its configuration gives (host 00:03.0).
devs=$(ls /sys/bus/pci/devices 2>&1 | tr '\n' ' ')
[ "$devs" = "0000:00:01.0 " ]; check pci-functions $? "PCI functions: $devs"
# The virtio drivers the kernel has as modules (scripts/fetch-linux.sh), in order.
for m in /modules/*.ko; do
	[ -e "$m" ] || continue
	insmod "$m" || echo "linux: insmod $m failed"
done
# Interrupts of ITS MSI domains: "ITS-MSI" in Linux 6.1's /proc/interrupts,
# one "ITS-PCI-MSIX-<device>" domain per device in 6.12's.
msis() { awk '/ITS-(PCI-)?MSI/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts; }
m0=$(msis)
n=$(timeout 10 dd if=/dev/hwrng bs=16 count=8 2>/dev/null | wc -c)
m1=$(msis)
[ "$n" = 128 ]; check virtio-rng-read $? "read $n of 128 bytes from /dev/hwrng (current rng: $(cat /sys/class/misc/hw_random/rng_current 2>&1))"
[ "$m1" -gt "$m0" ]; check its-msi-count-up $? "ITS-MSI interrupts $m0 -> $m1"
# Its I/O BAR, where it has one (virtio-rng's legacy registers; decoding on
# now that its driver has it): placed by partita in the partition's I/O
# space (pci_io) and readable (host features, not 0 or ~0).
d=/sys/bus/pci/devices/0000:00:01.0
set -- $(head -1 $d/resource 2>/dev/null)
if [ -n "${3:-}" ] && [ $(($3 & 0x100)) != 0 ]; then
	v=$(dd if=$d/resource0 bs=4 count=1 2>/dev/null | od -An -tx4 | tr -d ' ')
	[ -n "$v" ] && [ "$v" != 00000000 ] && [ "$v" != ffffffff ]
	check pci-io-bar $? "BAR0 $1-$2: read '$v'"
fi
# Its 64-bit BAR (virtio's modern registers, BAR4, which the driver uses):
# placed by partita in the partition's 64-bit window (pci_mmio64).
b4=$(sed -n 5p $d/resource 2>/dev/null)
set -- $b4
[ -n "${1:-}" ] && [ $(($1)) -ge $((0x8000000000)) ] && [ $(($2)) -lt $((0x8001000000)) ]
check pci-bar-64bit $? "BAR4 ${1:-?}-${2:-?}"
# INTx: the driver again, with MSI refused to it (msi_bus applies to later
# drivers), so virtio-pci falls back to its pin: INTA of 00:01.0, SPI 4
# (INTID 36) by the DT's interrupt-map; partita masks and unmasks it at the
# function (vdev/pci).
intx() { awk '$0 ~ /GICv3 +36 Level/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts; }
echo 0000:00:01.0 > /sys/bus/pci/drivers/virtio-pci/unbind
echo 0 > $d/msi_bus
echo 0000:00:01.0 > /sys/bus/pci/drivers/virtio-pci/bind
i0=$(intx)
n=$(timeout 10 dd if=/dev/hwrng bs=16 count=8 2>/dev/null | wc -c)
i1=$(intx)
[ "$n" = 128 ] && [ "$i1" -gt "$i0" ]; check virtio-rng-intx $? \
	"read $n of 128 bytes over INTx; GICv3 36 count $i0 -> $i1: $(grep virtio /proc/interrupts | tr -s ' ' | tr '\n' ';')"
! dmesg | grep -iE "ITS.*(timeout|error|fail)|queue timeout" >/dev/null; check its-no-errors $? \
	"$(dmesg | grep -iE 'ITS.*(timeout|error|fail)|queue timeout' | head -1)"
t0=$(irqs arch_timer)
sleep 1
t1=$(irqs arch_timer)
[ "${t1:-0}" -gt "${t0:-0}" ]; check timer-interrupts $? "arch_timer count $t0 -> $t1"
r0=$(awk '/IPI0|Rescheduling/ { s = 0; for (i = 2; i <= 3; i++) s += $i; print s; exit }' /proc/interrupts)
[ "${r0:-0}" -gt 0 ]; check ipis $? "no rescheduling IPI counted"
# amba-pl011 writes while the (emulated) FIFO has room: no transmit interrupts.
u0=$(irqs uart-pl011)
# Console input arrives a few seconds after boot (INPUT_DELAY in the test).
# No echo: an echoed character could land in the middle of a report line.
stty -echo 2>/dev/null
echo "linux: waiting for a line of input"
if read -t 30 line; then
	[ "$line" = "hello partita" ]; check uart-rx $? "read '$line'"
else
	fail uart-rx "no input within 30 s"
fi
u1=$(irqs uart-pl011)
[ "${u1:-0}" -gt "${u0:-0}" ]; check uart-rx-interrupts $? "uart-pl011 count $u0 -> $u1"
grep -E "CPU0|arch_timer|uart-pl011|GICv3|ITS-(PCI-)?MSI|IPI[0-6]" /proc/interrupts
echo "linux: powering off"
poweroff -f
