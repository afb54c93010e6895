#!/bin/sh
# Install the Debian packages partita needs to build, test and run, if any is
# missing. Uses the machine's own apt sources. Needs root (or sudo) only when
# something is missing. Extra packages a target needs (make fuzz: clang) come
# as arguments.
set -e
PKGS="make gcc libc6-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm
u-boot-qemu u-boot-tools device-tree-compiler mtools dosfstools fdisk cpio xz-utils libcmocka-dev spin
git $*"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
