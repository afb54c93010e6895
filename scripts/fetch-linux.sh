#!/bin/bash
# Fetch Debian's arm64 Linux kernel and a static busybox through this
# machine's own apt sources (an apt state of its own under build/linux/apt,
# nothing installed), and build an initramfs whose /init is
# scripts/linux-init.sh. Cached: a second run only rebuilds the initramfs when
# the init script changed.
#   build/linux/Image            the kernel (Debian's vmlinuz is an arm64 Image)
#   build/linux/initramfs.cpio.gz
set -euo pipefail
cd "$(dirname "$0")/.."
W=build/linux
APT="$W/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$W/debs"
o=(-oAPT::Architecture=arm64 -oAPT::Architectures=arm64 -oAPT::Sandbox::User=root
	-oDir::State::Lists="$PWD/$APT/lists"
	-oDir::Cache="$PWD/$APT/cache" -oDebug::NoLocking=1)

if [ ! -s "$W/Image" ] || [ ! -x "$W/root/bin/busybox" ]; then
	apt-get "${o[@]}" -qq update
	# The package name changes with every kernel update: ask for the current one.
	pkg=$(apt-cache "${o[@]}" depends linux-image-arm64 | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | head -1)
	[ -n "$pkg" ] || { echo "fetch-linux: no linux-image-*-arm64 package found" >&2; exit 1; }
	(cd "$W/debs" && rm -f ./*.deb && apt-get "${o[@]}" -qq download "$pkg" busybox-static)
	rm -rf "$W/kernel" "$W/busybox" "$W/root"
	dpkg-deb -x "$W/debs/$pkg"_*.deb "$W/kernel"
	dpkg-deb -x "$W"/debs/busybox-static_*.deb "$W/busybox"
	cp "$W"/kernel/boot/vmlinuz-* "$W/Image"
	mkdir -p "$W/root/bin"
	# bin/busybox in Debian 12, usr/bin/busybox in Debian 13 (merged /usr).
	bb=$(find "$W/busybox" -type f -name busybox -path '*/bin/busybox' | head -1)
	[ -n "$bb" ] || { echo "fetch-linux: no busybox binary in busybox-static" >&2; exit 1; }
	cp "$bb" "$W/root/bin/busybox"
	echo "$pkg" > "$W/kernel-version"
fi

if [ ! -s "$W/initramfs.cpio.gz" ] || [ scripts/linux-init.sh -nt "$W/initramfs.cpio.gz" ] ||
	[ scripts/fetch-linux.sh -nt "$W/initramfs.cpio.gz" ] ||
	[ guests/linux/cntvct.c -nt "$W/initramfs.cpio.gz" ]; then
	rm -rf "$W/root/modules"
	mkdir -p "$W/root"/{dev,proc,sys,tmp,modules}
	# The drivers init needs, in load order. Each is built in or a module,
	# depending on the kernel (Debian 12's 6.1: all modules, under lib/; Debian
	# 13's 6.12: virtio_pci built in, modules xz-compressed under usr/lib/).
	# Modules go to /modules as <order>-<name>.ko, uncompressed; init loads
	# them in name order. A driver that is neither is an error.
	builtin=$(find "$W/kernel" -path '*/lib/modules/*/modules.builtin' | head -1)
	[ -n "$builtin" ] || { echo "fetch-linux: no lib/modules/*/modules.builtin in $W/kernel" >&2; exit 1; }
	mods=$(dirname "$builtin")/kernel
	i=0
	for m in virtio/virtio_pci_legacy_dev virtio/virtio_pci_modern_dev virtio/virtio_pci \
		char/hw_random/virtio-rng; do
		i=$((i + 1))
		out=$(printf '%s/root/modules/%02d-%s.ko' "$W" "$i" "$(basename "$m")")
		if [ -f "$mods/drivers/$m.ko" ]; then
			cp "$mods/drivers/$m.ko" "$out"
		elif [ -f "$mods/drivers/$m.ko.xz" ]; then
			xz -dc "$mods/drivers/$m.ko.xz" > "$out"
		elif ! grep -qx "kernel/drivers/$m.ko" "$builtin"; then
			echo "fetch-linux: $m is neither a module nor built into the kernel" >&2
			exit 1
		fi
	done
	# /bin/cntvct prints the virtual counter (make bench's boot figure).
	${CROSS_COMPILE:-aarch64-linux-gnu-}gcc -std=c11 -O2 -Wall -Wextra -Werror -static -nostdlib \
		-ffreestanding -fno-stack-protector -Wl,--build-id=none -o "$W/root/bin/cntvct" \
		guests/linux/cntvct.c
	cp scripts/linux-init.sh "$W/root/init"
	chmod 755 "$W/root/init"
	(cd "$W/root" && find . | sort | cpio -o -H newc --owner=0:0 --quiet | gzip -9n) \
		> "$W/initramfs.cpio.gz.tmp"
	mv "$W/initramfs.cpio.gz.tmp" "$W/initramfs.cpio.gz"
fi
