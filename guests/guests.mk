# Bare-metal guests: the test guests (guests/tests), the demo guests
# (guests/demo), the benchmark guest (guests/bench) and their runtime
# (guests/rt). Each links to a
# position-independent arm64 Image, build/guests/<name>.bin, that runs at any
# 2 MiB-aligned address (it applies its own relocations), as Linux does.

GUEST_BUILD := build/guests
GUEST_CFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -fno-builtin -nostdlib -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -fno-stack-protector \
	-fpie -fvisibility=hidden -Iguests/rt -Icore/include -Iarch/arm64/include -MMD -MP
GUEST_RT := guests/rt/start.S guests/rt/rt.c guests/rt/gic.c guests/rt/edu.c guests/rt/its.c guests/rt/chan.c \
	core/printf.c \
	core/string.c
GUEST_RT_OBJS := $(patsubst %,$(GUEST_BUILD)/obj/%.o,$(basename $(GUEST_RT)))
GUEST_NAMES := $(basename $(notdir $(wildcard guests/tests/*.c guests/demo/*.c guests/bench/*.c)))

guests: $(patsubst %,$(GUEST_BUILD)/%.bin,$(GUEST_NAMES))

$(GUEST_BUILD)/obj/%.o: %.c
	$(call msg,CC,$< (guest))
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_BUILD)/obj/%.o: %.S
	$(call msg,AS,$< (guest))
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(GUEST_CFLAGS) -c -o $@ $<

define link_guest
	$(call msg,LD,$@)
	$(Q)$(CC) -nostdlib -static-pie -Wl,--no-dynamic-linker -Wl,-z,notext -Wl,-z,noexecstack \
		-Wl,--no-warn-rwx-segments -Wl,--build-id=none -T guests/rt/guest.ld -o $@ $(filter %.o,$^) -lgcc
endef

$(GUEST_BUILD)/%.elf: $(GUEST_BUILD)/obj/guests/tests/%.o $(GUEST_RT_OBJS) guests/rt/guest.ld
	$(link_guest)

$(GUEST_BUILD)/%.elf: $(GUEST_BUILD)/obj/guests/demo/%.o $(GUEST_RT_OBJS) guests/rt/guest.ld
	$(link_guest)

$(GUEST_BUILD)/%.elf: $(GUEST_BUILD)/obj/guests/bench/%.o $(GUEST_RT_OBJS) guests/rt/guest.ld
	$(link_guest)

$(GUEST_BUILD)/%.bin: $(GUEST_BUILD)/%.elf
	$(Q)$(OBJCOPY) -O binary $< $@

.SECONDARY:
-include $(wildcard $(GUEST_BUILD)/obj/*/*/*.d $(GUEST_BUILD)/obj/*/*.d)

# Debian's arm64 kernel and the busybox initramfs of the tests and of the demo,
# for configurations that name them.
build/linux/Image build/linux/initramfs.cpio.gz build/linux/demo-initramfs.cpio.gz &: \
		scripts/fetch-linux.sh scripts/linux-init.sh guests/linux/cntvct.c \
		$(wildcard guests/linux/demo/init guests/linux/demo/etc/*)
	$(call msg,FETCH,Debian arm64 kernel and busybox)
	$(Q)scripts/fetch-linux.sh
