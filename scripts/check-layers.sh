#!/bin/bash
# The layering rule of docs/architecture.md (section 2), checked on the
# #include lines of partita's sources: core/ drives the virtual devices in
# vdev/, which use drivers/, which use arch/. Allowed arrows between folders:
#
#   core      -> vdev/gic vdev/its vdev/uart vdev/pci drivers arch
#   vdev/its  -> vdev/gic drivers arch        (the vITS uses the vGIC's vLPI interface)
#   vdev/gic  -> drivers arch
#   vdev/uart -> arch
#   vdev/pci  -> drivers arch                 (the host functions behind the filter)
#   drivers   -> arch
#   arch      -> (nothing)
#
# Every folder may use the base: the core headers that are a library rather
# than the lifecycle (types, lib, spinlock, panic, console, mmio, config,
# layout, fdt), vdev/frames.h (the frames' sizes) and the generated
# config_gen.h. The base itself may not include anything above it.
# A call from one folder into another needs the callee's declaration, so
# the includes are the calls, as long as no .c file declares another file's
# function itself: that is refused too.
#
# And core/ and vdev/ reach the CPU only through the arch contract (the
# functions arch/arm64's headers declare): no read_sysreg() or
# write_sysreg() of their own.
#
# Prints every arrow that breaks the rule and every cycle between folders;
# exits 1 if there is one. Usage: check-layers.sh [source tree] (default .).
set -u
ROOT=${1:-.}
cd "$ROOT" || exit 2

BASE_HEADERS="core/types.h core/lib.h core/spinlock.h core/panic.h core/console.h core/mmio.h
core/config.h core/layout.h core/fdt.h vdev/frames.h"
BASE_SOURCES="core/string.c core/printf.c core/panic.c core/console.c core/mmio.c core/fdt.c"

allowed() { # from to
	case "$1 $2" in
	"core vdev/gic" | "core vdev/its" | "core vdev/uart" | "core vdev/pci" | "core drivers" | "core arch") return 0 ;;
	"vdev/its vdev/gic" | "vdev/its drivers" | "vdev/its arch") return 0 ;;
	"vdev/gic drivers" | "vdev/gic arch") return 0 ;;
	"vdev/uart arch") return 0 ;;
	"vdev/pci drivers" | "vdev/pci arch") return 0 ;;
	"drivers arch") return 0 ;;
	esac
	return 1
}

# The folder a source file belongs to, or "base".
file_node() {
	local f=$1 h
	case " $BASE_SOURCES " in *" $f "*) echo base; return ;; esac
	case $f in
	*/include/*) h=${f#*/include/}
		case $'\n'"$BASE_HEADERS"$'\n' in *[$'\n ']"$h"[$'\n ']*) echo base; return ;; esac ;;
	esac
	case $f in
	arch/*) echo arch ;;
	drivers/*) echo drivers ;;
	core/*) echo core ;;
	vdev/gic/* | vdev/include/vdev/vgic.h) echo vdev/gic ;;
	vdev/its/* | vdev/include/vdev/vits.h) echo vdev/its ;;
	vdev/uart/* | vdev/include/vdev/vpl011.h) echo vdev/uart ;;
	vdev/pci/* | vdev/include/vdev/vpci.h | vdev/include/vdev/vchan.h) echo vdev/pci ;;
	*) echo unknown ;;
	esac
}

# The file an #include names, from the including file's folder.
resolve() { # including-file included-name quoted(0/1)
	local dir hit
	dir=$(dirname "$1")
	if [ "$3" = 1 ] && [ -e "$dir/$2" ]; then echo "$dir/$2"; return; fi
	for hit in arch/arm64/include/"$2" core/include/"$2" drivers/include/"$2" vdev/include/"$2"; do
		[ -e "$hit" ] && { echo "$hit"; return; }
	done
	echo ""
}

bad=0
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
files=$(find arch core drivers vdev -name '*.[chS]' | grep -v '^core/config_check\.c$' | sort)
for f in $files; do
	from=$(file_node "$f")
	while IFS= read -r line; do
		name=$(sed -nE 's/^#include[[:space:]]*[<"]([^>"]+)[>"].*/\1/p' <<< "$line")
		[ -n "$name" ] || continue
		case $line in *'"'*) q=1 ;; *) q=0 ;; esac
		case $name in config_gen.h | std*.h | errno.h | sys/*) continue ;; esac
		target=$(resolve "$f" "$name" "$q")
		if [ -z "$target" ]; then
			echo "$f: #include $name: no such header in the tree"
			bad=1
			continue
		fi
		to=$(file_node "$target")
		[ "$to" = base ] || [ "$to" = "$from" ] && continue
		if [ "$from" = base ]; then
			# The base is below everything but the hardware it prints through.
			case $to in arch | drivers) continue ;; esac
		fi
		echo "$from $to" >> "$edges"
		if [ "$from" != base ] && allowed "$from" "$to"; then continue; fi
		echo "$f ($from) includes $name ($to): not an allowed arrow"
		bad=1
	done < <(grep -E '^#include' "$f")
	# A declaration of a function written in another file, made in a .c file.
	case $f in
	*.c) if grep -nE '^(extern[[:space:]]+)?[A-Za-z_][A-Za-z0-9_ ]*[ *]+[a-z_][a-z0-9_]*\([^;{]*\);' "$f" |
		grep -vE '^[0-9]+:(static|typedef|_Static_assert)' | grep -q .; then
		echo "$f: declares a function outside any header:"
		grep -nE '^(extern[[:space:]]+)?[A-Za-z_][A-Za-z0-9_ ]*[ *]+[a-z_][a-z0-9_]*\([^;{]*\);' "$f" |
			grep -vE '^[0-9]+:(static|typedef|_Static_assert)' | sed 's/^/    /'
		bad=1
	fi ;;
	esac
done

# System registers: arch/ only.
if grep -nE '\b(read|write)_sysreg\(' $(find core vdev -name '*.[ch]' | grep -v '^core/config_check\.c$') \
	> "$edges.sysreg"; then
	echo "system registers outside arch/ (use the arch contract):"
	sed 's/^/    /' "$edges.sysreg"
	bad=1
fi
rm -f "$edges.sysreg"

# Cycles between folders (tsort names the folders of each loop).
loops=$(sort -u "$edges" | tsort 2>&1 >/dev/null)
if [ -n "$loops" ]; then
	echo "cycle between folders:"
	sed 's/^tsort: /    /' <<< "$loops"
	bad=1
fi
[ $bad = 0 ] && echo "layers: $(sort -u "$edges" | wc -l) arrow(s) between folders, all allowed, no cycle"
exit $bad
