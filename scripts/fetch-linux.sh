#!/bin/bash
# Fetch Debian's arm64 Linux kernel and a static busybox through this
# machine's own apt sources (an apt state of its own under build/linux/apt,
# nothing installed), and build the initramfs of the test partitions (/init is
# scripts/linux-init.sh) and of the demo (guests/linux/demo). Cached: a
# second run only rebuilds an initramfs whose inputs changed.
#   build/linux/Image            the kernel (Debian's vmlinuz is an arm64 Image)
#   build/linux/initramfs.cpio.gz
#   build/linux/demo-initramfs.cpio.gz
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

# build_initramfs OUT INIT ETC MODULE...: an initramfs at OUT whose /init is
# INIT, with the files of directory ETC (if any) in /etc, busybox, /bin/cntvct
# and the drivers MODULE... (paths under the kernel's lib/modules/*/kernel,
# without .ko), in load order. Each is built in or a module, depending on the
# kernel (Debian 12's 6.1: all modules, under lib/; Debian 13's 6.12:
# virtio_pci built in, modules xz-compressed under usr/lib/). Modules go to
# /modules as <order>-<name>.ko, uncompressed; init loads them in name order.
# A driver that is neither is an error. Rebuilt only when an input changed.
build_initramfs() {
	local out=$1 init=$2 etc=$3 R="$W/root-$(basename "$1" .cpio.gz)" fresh=1 f
	shift 3
	for f in "$init" scripts/fetch-linux.sh guests/linux/cntvct.c ${etc:+$(find "$etc" -type f)}; do
		[ "$f" -nt "$out" ] && fresh=0
	done
	[ -s "$out" ] && [ $fresh = 1 ] && return 0
	rm -rf "$R"
	mkdir -p "$R"/{bin,dev,proc,sys,tmp,modules,etc}
	cp "$W/root/bin/busybox" "$R/bin/busybox"
	builtin=$(find "$W/kernel" -path '*/lib/modules/*/modules.builtin' | head -1)
	[ -n "$builtin" ] || { echo "fetch-linux: no lib/modules/*/modules.builtin in $W/kernel" >&2; exit 1; }
	mods=$(dirname "$builtin")/kernel
	i=0
	for m in "$@"; do
		i=$((i + 1))
		f=$(printf '%s/modules/%02d-%s.ko' "$R" "$i" "$(basename "$m")")
		if [ -f "$mods/$m.ko" ]; then
			cp "$mods/$m.ko" "$f"
		elif [ -f "$mods/$m.ko.xz" ]; then
			xz -dc "$mods/$m.ko.xz" > "$f"
		elif ! grep -qx "kernel/$m.ko" "$builtin"; then
			echo "fetch-linux: $m is neither a module nor built into the kernel" >&2
			exit 1
		fi
	done
	# /bin/cntvct prints the virtual counter (make bench's boot figure).
	${CROSS_COMPILE:-aarch64-linux-gnu-}gcc -std=c11 -O2 -Wall -Wextra -Werror -static -nostdlib \
		-ffreestanding -fno-stack-protector -Wl,--build-id=none -o "$R/bin/cntvct" \
		guests/linux/cntvct.c
	cp "$init" "$R/init"
	chmod 755 "$R/init"
	[ -z "$etc" ] || cp -r "$etc"/. "$R/etc/"
	(cd "$R" && find . | sort | cpio -o -H newc --owner=0:0 --quiet | gzip -9n) > "$out.tmp"
	mv "$out.tmp" "$out"
}

VIRTIO="drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci"
# The test partition's: a virtio-rng.
build_initramfs "$W/initramfs.cpio.gz" scripts/linux-init.sh "" $VIRTIO drivers/char/hw_random/virtio-rng
# The demo's (make run): a virtio-net NIC, DHCP, a shell under busybox init.
build_initramfs "$W/demo-initramfs.cpio.gz" guests/linux/demo/init guests/linux/demo/etc $VIRTIO \
	net/core/failover drivers/net/net_failover drivers/net/virtio_net
