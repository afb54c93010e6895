#!/bin/bash
# Print the path of a qemu-system-aarch64 whose SMMUv3 has stage 2 (QEMU 9.0
# or later; 10.0's reports stage 1 and 2): the machine's own
# where it is that recent (Debian 13 ships 10.0), else QEMU 10.0 from Debian
# 12's bookworm-backports suite, fetched once through the mirror the
# machine's own apt sources name and unpacked under build/qemu10 with dpkg -x
# (the system's QEMU stays as it is). The backports build links against
# Debian 12's libraries, those of the system's QEMU 7.2. It has no data
# files (option ROMs: run it with -nic none, as scripts/qemu.sh does), and it
# warns that the system QEMU's modules (UI, audio) are not its own: harmless.
# Exits non-zero, saying why, where neither can be had.
set -euo pipefail
cd "$(dirname "$0")/.."
D=$PWD/build/qemu10
BIN=$D/root/usr/bin/qemu-system-aarch64

major() { "$1" --version 2> /dev/null | sed -n 's/^QEMU emulator version \([0-9]*\)\..*/\1/p'; }
usable() { [ -x "$1" ] && [ "$(major "$1")" -ge "$2" ] 2> /dev/null; }

sys=$(command -v qemu-system-aarch64 || true)
if [ -n "$sys" ] && usable "$sys" 9; then
	echo "$sys"
	exit 0
fi
if usable "$BIN" 10 && ! ldd "$BIN" | grep -q "not found"; then
	echo "$BIN"
	exit 0
fi

. /etc/os-release
if [ "${VERSION_CODENAME:-}" != bookworm ]; then
	echo "qemu10.sh: the system's QEMU has no SMMU stage 2 and this is not Debian 12" \
		"(${PRETTY_NAME:-unknown}), whose backports suite has QEMU 10" >&2
	exit 1
fi
# The mirror of Debian's main archive that the machine's sources use for its
# own release (deb822 .sources files or the one-line sources.list format).
mirror=$(
	{
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -e "$f" ] || continue
			awk -v rel=bookworm '
				/^$/ { if (uri != "" && suites ~ "(^| )" rel "( |$)") print uri; uri = ""; suites = "" }
				/^URIs:/ { uri = $2 }
				/^Suites:/ { suites = $0 }
				END { if (uri != "" && suites ~ "(^| )" rel "( |$)") print uri }' "$f"
		done
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2> /dev/null |
			sed -n 's/^deb \(\[[^]]*\] \)\?\([^ ]*\) bookworm .*/\2/p'
	} | grep -v security | head -1 || true
)
if [ -z "$mirror" ]; then
	echo "qemu10.sh: no Debian 12 (bookworm) mirror in the machine's apt sources" >&2
	exit 1
fi
rm -rf "$D"
mkdir -p "$D/apt/lists/partial" "$D/apt/cache/archives/partial" "$D/apt/parts" "$D/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm-backports main" \
	> "$D/apt/sources.list"
APT=(-o "Dir::Etc::SourceList=$D/apt/sources.list" -o "Dir::Etc::SourceParts=$D/apt/parts"
	-o "Dir::State::Lists=$D/apt/lists" -o "Dir::Cache=$D/apt/cache"
	-o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)")
echo "qemu10.sh: fetching QEMU 10 from bookworm-backports at $mirror" >&2
apt-get "${APT[@]}" -qq update >&2
(cd "$D/debs" && apt-get "${APT[@]}" -qq download \
	qemu-system-arm/bookworm-backports qemu-system-common/bookworm-backports >&2)
for deb in "$D"/debs/*.deb; do dpkg -x "$deb" "$D/root"; done
if ldd "$BIN" | grep -q "not found"; then
	echo "qemu10.sh: QEMU 10 needs libraries this machine lacks:" >&2
	ldd "$BIN" | grep "not found" >&2
	exit 1
fi
usable "$BIN" 10 || { echo "qemu10.sh: $BIN does not run" >&2; exit 1; }
echo "$BIN"
