#!/bin/sh
# Build what U-Boot needs to boot partita with no key press:
#   build/uboot-env.bin   a 64 MiB second flash bank holding U-Boot's own
#                         default environment with bootdelay=-2 (a stored
#                         environment replaces all defaults, so it must carry
#                         the full set; it is read out of u-boot.bin itself)
#   build/<config>/disk.img  an MBR disk with one FAT partition at 1 MiB that
#                         holds partita.bin and boot.scr, which U-Boot's default
#                         distro boot finds on virtio0
# Usage: scripts/mkboot.sh <config>
set -e
CONFIG=$1
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
B=build/$CONFIG
ENV=build/uboot-env.bin

if [ ! -f "$ENV" ] || [ "$ENV" -ot "$UBOOT" ]; then
	off=$(grep -boa 'bootcmd=run distro_bootcmd' "$UBOOT" | head -1 | cut -d: -f1)
	[ -n "$off" ] || { echo "mkboot: no default environment found in $UBOOT" >&2; exit 1; }
	# The default environment is NUL-separated name=value strings ending with
	# an empty one.
	tail -c +"$((off + 1))" "$UBOOT" | head -c 65536 | tr '\0' '\n' | sed '/^$/q' |
		sed '/^$/d; s/^bootdelay=.*/bootdelay=-2/' > build/uboot-env.txt
	grep -q '^bootdelay=-2$' build/uboot-env.txt
	mkenvimage -s 0x40000 -o "$ENV.tmp" build/uboot-env.txt
	truncate -s 64M "$ENV.tmp"
	mv "$ENV.tmp" "$ENV"
fi

cat > "$B/boot.cmd" <<'CMD'
echo partita: loading from ${devtype} ${devnum}:${distro_bootpart}
load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} partita.bin
booti ${kernel_addr_r} - ${fdtcontroladdr}
CMD
mkimage -A arm64 -O linux -T script -C none -d "$B/boot.cmd" "$B/boot.scr" >/dev/null
size_kib=$(( ($(stat -c %s "$B/partita.bin") / 1024) + 4096 ))
rm -f "$B/fat.img"
mkfs.vfat -C "$B/fat.img" "$size_kib" >/dev/null
mcopy -i "$B/fat.img" "$B/partita.bin" "$B/boot.scr" ::/
truncate -s 1M "$B/disk.img.tmp"
cat "$B/fat.img" >> "$B/disk.img.tmp"
echo 'start=2048, type=c, bootable' | sfdisk -q "$B/disk.img.tmp"
mv "$B/disk.img.tmp" "$B/disk.img"
rm -f "$B/fat.img"
