#!/bin/sh
# Build what U-Boot needs to boot partita with no key press:
#   build/uboot-env.bin   a 64 MiB second flash bank holding U-Boot's own
#                         default environment with bootdelay=-2 (a stored
#                         environment replaces all defaults, so it must carry
#                         the full set; it is read out of u-boot.bin itself)
#   build/<config>/disk.img  an MBR disk with one FAT partition at 1 MiB that
#                         holds partita.bin and boot.scr, which U-Boot's default
#                         boot command finds on virtio0 (distro boot in U-Boot
#                         2023.01, standard boot's script bootmeth in 2025.01:
#                         both set devtype, devnum and distro_bootpart for it)
# With --fit, the disk holds partita.itb (make fit: partita and each
# partition's pieces as loadables at their final addresses) instead of
# partita.bin, and boot.scr loads it at FIT_ADDR (build/<config>/gen/fit.env,
# above partita and every partition), tells partita where it is (/chosen
# partita,fit in a copy of the machine's DTB: partitions restart from it) and
# boots it with bootm.
# Usage: scripts/mkboot.sh <config> [--fit]
set -e
CONFIG=$1
FIT=${2:-}
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
B=build/$CONFIG
ENV=build/uboot-env.bin

if [ ! -f "$ENV" ] || [ "$ENV" -ot "$UBOOT" ] || [ "$ENV" -ot "$0" ]; then
	# U-Boot's default environment is a block of NUL-terminated name=value
	# strings ending with an empty one. Its first entries differ between
	# versions (bootcmd=run distro_bootcmd in 2023.01, bootcmd=bootflow scan
	# -lb in 2025.01), but every version has a bootdelay=<n> entry: find that
	# one, take the name=value strings right before it and everything after it
	# up to the empty string. One line per string (a newline inside a string
	# becomes \001, refused below: an environment text file cannot carry it).
	LC_ALL=C tr '\n\0' '\001\n' < "$UBOOT" | LC_ALL=C awk '
		!found && /^bootdelay=-?[0-9]+$/ { found = 1; printf "%s", before }
		found { if ($0 == "") exit; print; next }
		/^[A-Za-z_.][A-Za-z0-9_.]*=/ { before = before $0 "\n"; next }
		{ before = "" }' |
		sed 's/^bootdelay=.*/bootdelay=-2/' > build/uboot-env.txt
	if ! grep -q '^bootdelay=-2$' build/uboot-env.txt || ! grep -q '^bootcmd=' build/uboot-env.txt ||
		LC_ALL=C grep -q "$(printf '\001')" build/uboot-env.txt; then
		echo "mkboot: no default environment found in $UBOOT" >&2
		exit 1
	fi
	mkenvimage -s 0x40000 -o "$ENV.tmp" build/uboot-env.txt
	truncate -s 64M "$ENV.tmp"
	mv "$ENV.tmp" "$ENV"
fi

if [ "$FIT" = --fit ]; then
	. "$B/gen/fit.env"
	PAYLOAD=$B/partita.itb NAME=partita.itb
	if [ -n "${FIT_CORRUPT:-}" ]; then
		# For the tests: the FIT with one byte of image FIT_CORRUPT (p1-image...) changed.
		src=$(sed -n "/^\t\t$FIT_CORRUPT {/,/};/s/.*data = \/incbin\/(\"\(.*\)\");/\1/p" \
			"$B/gen/partita.its")
		[ -n "$src" ] || { echo "mkboot: no image $FIT_CORRUPT in the FIT" >&2; exit 1; }
		cp "$src" "$B/corrupt.bin"
		printf '\377' | dd of="$B/corrupt.bin" bs=1 seek=$(($(stat -c %s "$src") / 2)) \
			conv=notrunc status=none
		sed "s|/incbin/(\"$src\")|/incbin/(\"$PWD/$B/corrupt.bin\")|" "$B/gen/partita.its" \
			> "$B/corrupt.its"
		mkimage -f "$B/corrupt.its" "$B/corrupt.itb" > /dev/null
		PAYLOAD=$B/corrupt.itb
	fi
	end=$((FIT_ADDR + $(stat -c %s "$PAYLOAD")))
	# U-Boot keeps its own code, stack and heap in the top 64 MiB of RAM.
	if [ $end -gt $((RAM_END - 0x4000000)) ]; then
		echo "mkboot: the FIT ends at $(printf 0x%x $end), too close to U-Boot at the top of RAM" >&2
		exit 1
	fi
	cat > "$B/boot.cmd" <<CMD
echo partita: loading partita.itb from \${devtype} \${devnum}:\${distro_bootpart}
load \${devtype} \${devnum}:\${distro_bootpart} $FIT_ADDR partita.itb
fdt addr \${fdtcontroladdr}
fdt move \${fdtcontroladdr} $FDT_ADDR 0x100000
fdt set /chosen partita,fit <0x0 $FIT_ADDR>
setenv verify y
bootm $FIT_ADDR#conf - $FDT_ADDR
CMD
else
	PAYLOAD=$B/partita.bin NAME=partita.bin
	cat > "$B/boot.cmd" <<'CMD'
echo partita: loading from ${devtype} ${devnum}:${distro_bootpart}
load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} partita.bin
booti ${kernel_addr_r} - ${fdtcontroladdr}
CMD
fi
mkimage -A arm64 -O linux -T script -C none -d "$B/boot.cmd" "$B/boot.scr" >/dev/null
size_kib=$(( ($(stat -c %s "$PAYLOAD") / 1024) + 4096 ))
rm -f "$B/fat.img"
mkfs.vfat -C "$B/fat.img" "$size_kib" >/dev/null
mcopy -i "$B/fat.img" "$PAYLOAD" "::/$NAME"
mcopy -i "$B/fat.img" "$B/boot.scr" ::/
truncate -s 1M "$B/disk.img.tmp"
cat "$B/fat.img" >> "$B/disk.img.tmp"
echo 'start=2048, type=c, bootable' | sfdisk -q "$B/disk.img.tmp"
mv "$B/disk.img.tmp" "$B/disk.img"
rm -f "$B/fat.img"
