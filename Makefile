# partita: the one entry point.
#   make            build build/$(CONFIG)/partita.bin (default CONFIG: the demo)
#   make run        build and boot the demo through U-Boot in QEMU
#   make test       host unit tests, configuration checker tests, system tests
#   make bench      interrupt latencies natively and under partita (build/bench.txt)
#   make CONFIG=x   use config/x.c;  make V=1 shows the commands
# Missing Debian packages are installed by scripts/deps.sh (as root).

CONFIG ?= qemu-virt-demo
BUILD := build/$(CONFIG)
GEN := $(BUILD)/gen
CROSS_COMPILE ?= aarch64-linux-gnu-
CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
NM := $(CROSS_COMPILE)nm
HOSTCC ?= gcc
DTC ?= dtc

V ?= 0
ifeq ($(V),0)
Q := @
msg = @printf '  %-8s %s\n' '$(1)' '$(2)';
else
Q :=
msg :=
endif

ifeq ($(wildcard config/$(CONFIG).c),)
$(error CONFIG=$(CONFIG): there is no config/$(CONFIG).c)
endif

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

WARN := -Wall -Wextra -Werror
INCLUDES := -Iarch/arm64/include -Icore/include -Idrivers/include -Ivdev/include
# partita never touches FP/SIMD registers (the guests own them), stays aligned
# while the MMU is off, and keeps frame pointers for the panic backtrace.
CFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -fno-builtin -nostdlib -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -fno-stack-protector \
	-fno-pic -fno-pie -fno-omit-frame-pointer -fno-common $(INCLUDES) -I$(GEN) \
	-DPARTITA_VERSION='"$(VERSION)"' -MMD -MP
ASFLAGS := -D__ASSEMBLY__ $(INCLUDES) -I$(GEN) -MMD -MP
LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--gc-sections -Wl,-z,noexecstack \
	-Wl,--no-warn-rwx-segments

HYP_SRCS := arch/arm64/head.S arch/arm64/vectors.S arch/arm64/cache.c arch/arm64/decode.c \
	arch/arm64/el2.c arch/arm64/gic_cpuif.c arch/arm64/guest.c arch/arm64/mmu.c \
	arch/arm64/pgtable.c arch/arm64/trapregs.c \
	vdev/gic/vgic.c vdev/gic/vgic_mmio.c vdev/its/vits.c vdev/its/vlpi_lr.c vdev/its/vlpi_vpe.c \
	core/console.c core/fdt.c core/main.c core/mmio.c core/panic.c core/partition.c \
	core/printf.c core/string.c core/trap.c core/vcache.c core/vpsci.c core/vcpu.c \
	core/irq.c core/pci.c core/monitor.c \
	drivers/gic/gicv3.c drivers/gic/its.c drivers/iommu/smmuv3.c drivers/pci/pci.c vdev/pci/vpci.c vdev/pci/vchan.c \
	drivers/uart/pl011.c \
	vdev/uart/vpl011.c \
	config/$(CONFIG).c
HYP_OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(basename $(HYP_SRCS))) $(BUILD)/obj/blobs.o

.PHONY: all run debug test unit bench fuzz clean format format-check deps guests images fit
all: $(BUILD)/partita.bin

# --- configuration checker (host) -------------------------------------------
CFGCHECK_SRCS := core/config_check.c arch/arm64/pgtable.c core/fdt.c core/mmio.c core/string.c
$(BUILD)/cfgcheck: config/$(CONFIG).c config/*.h $(CFGCHECK_SRCS) core/include/core/*.h \
		vdev/include/vdev/frames.h
	$(call msg,HOSTCC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) -std=c11 -D_DEFAULT_SOURCE -DPARTITA_HOST -O1 -g $(WARN) $(INCLUDES) \
		-o $@ config/$(CONFIG).c $(CFGCHECK_SRCS)

$(BUILD)/config.mk: $(BUILD)/cfgcheck
	$(Q)$< mk > $@.tmp && mv $@.tmp $@

ifneq ($(filter clean format format-check deps test unit fuzz,$(MAKECMDGOALS)),)
else
include $(BUILD)/config.mk
endif

DTBS := $(patsubst dts/%.dts,$(BUILD)/dtb/%.dtb,$(PARTITION_DTS))

$(BUILD)/dtb/%.dtb: dts/%.dts dts/*.dtsi
	$(call msg,DTC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)cpp -nostdinc -undef -x assembler-with-cpp -P -Idts $< | $(DTC) -q -I dts -O dtb -o $@ -

$(GEN)/config_gen.h $(GEN)/blobs.S &: $(BUILD)/cfgcheck $(PARTITION_IMAGES) $(DTBS)
	$(call msg,CHECK,config/$(CONFIG).c)
	$(Q)mkdir -p $(GEN)
	$(Q)$(BUILD)/cfgcheck gen $(CONFIG) $(GEN) $(BUILD)/dtb

# The guest images and initrds the configuration names (the checker's inputs).
images: $(PARTITION_IMAGES)

# --- partita ----------------------------------------------------------------
$(BUILD)/obj/%.o: %.c | $(GEN)/config_gen.h
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.S | $(GEN)/config_gen.h
	$(call msg,AS,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ASFLAGS) -c -o $@ $<

$(BUILD)/obj/blobs.o: $(GEN)/blobs.S
	$(call msg,AS,$<)
	$(Q)$(CC) -c -o $@ $<

$(BUILD)/linker.ld: arch/arm64/linker.ld.S $(GEN)/config_gen.h
	$(Q)$(CC) -E -P -x c -I$(GEN) -o $@ $<

# The image must fit the configuration's hyp region: a measuring link (the
# linker script's ASSERT disarmed) tells the checker every part's size, and it
# refuses with those sizes; then the real link, whose ASSERT checks again.
$(BUILD)/partita.elf: $(HYP_OBJS) $(BUILD)/linker.ld $(BUILD)/cfgcheck
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -T $(BUILD)/linker.ld -Wl,--defsym=__hyp_fit_unchecked=1 \
		-o $@.unchecked $(HYP_OBJS) -lgcc
	$(Q)$(NM) -S $@.unchecked | $(BUILD)/cfgcheck fit > $(BUILD)/hyp-size.txt
	$(Q)rm -f $@.unchecked
	$(Q)sed 's/^/  SIZE     /' $(BUILD)/hyp-size.txt
	$(Q)$(CC) $(LDFLAGS) -T $(BUILD)/linker.ld -o $@ $(HYP_OBJS) -lgcc
	$(Q)scripts/check-no-fpsimd.sh $(CROSS_COMPILE) $@

$(BUILD)/partita.bin: $(BUILD)/partita.elf
	$(call msg,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

# For a FIT (make fit): partita without the guest images (blobs-fit.S: their
# sizes and hashes only), and the FIT with it and each partition's pieces as
# loadables at their final addresses (gen/partita.its, by the checker).
FIT_OBJS := $(filter-out $(BUILD)/obj/blobs.o,$(HYP_OBJS)) $(BUILD)/obj/blobs-fit.o
$(BUILD)/obj/blobs-fit.o: $(GEN)/blobs.S
	$(call msg,AS,$(GEN)/blobs-fit.S)
	$(Q)$(CC) -c -o $@ $(GEN)/blobs-fit.S

$(BUILD)/fit/partita.elf: $(FIT_OBJS) $(BUILD)/linker.ld
	$(call msg,LD,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -T $(BUILD)/linker.ld -o $@ $(FIT_OBJS) -lgcc
	$(Q)scripts/check-no-fpsimd.sh $(CROSS_COMPILE) $@

$(BUILD)/fit/partita.bin: $(BUILD)/fit/partita.elf
	$(Q)$(OBJCOPY) -O binary $< $@

$(BUILD)/partita.itb: $(BUILD)/fit/partita.bin $(GEN)/blobs.S
	$(call msg,MKIMAGE,$@)
	$(Q)mkimage -f $(GEN)/partita.its $@ > $(BUILD)/mkimage.log

fit: $(BUILD)/partita.itb

-include $(HYP_OBJS:.o=.d)

# --- guests -------------------------------------------------------------------
include guests/guests.mk

# --- the two user commands, and friends ----------------------------------------
deps:
	$(Q)scripts/deps.sh

# The demo (config/qemu-virt-demo.c): Linux on a NIC beside a real-time partition.
# GIC=4: GICv4.0 direct injection of the NIC's MSIs.
GIC ?= 3
run: deps
	$(Q)$(MAKE) --no-print-directory CONFIG=qemu-virt-demo fit
	$(Q)scripts/qemu.sh --config qemu-virt-demo --boot fit --gic $(GIC) --smmu --nic --interactive

# The same system under QEMU's gdbstub, paused before partita's first
# instruction (QEMU loads partita.bin itself, so the symbols are partita.elf's).
debug: deps
	$(Q)scripts/deps.sh gdb-multiarch
	$(Q)$(MAKE) --no-print-directory CONFIG=qemu-virt-demo
	$(Q)echo "partita: attach with: gdb-multiarch $(BUILD)/partita.elf -ex 'target remote localhost:1234'"
	$(Q)scripts/qemu.sh --config qemu-virt-demo --boot kernel --gic $(GIC) --smmu --nic --debug \
		--interactive

test: deps
	$(Q)scripts/run-tests.sh

# Interrupt latency natively and under partita, in guest cycles (not a test).
bench: deps
	$(Q)scripts/bench.sh

unit:
	$(Q)$(MAKE) --no-print-directory -f tests/unit/unit.mk

# libFuzzer on the virtual ITS for FUZZ_SECONDS (600), growing tests/fuzz/corpus.
FUZZ_SECONDS ?= 600
fuzz:
	$(Q)scripts/deps.sh clang libclang-rt-14-dev
	$(Q)$(MAKE) --no-print-directory -f tests/unit/unit.mk build/host/fuzz_vits
	$(Q)mkdir -p tests/fuzz/corpus build/fuzz
	$(Q)build/host/fuzz_vits -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
		-artifact_prefix=build/fuzz/ tests/fuzz/corpus

# Configurations (config/, tests/config/) are tables laid out by hand: not formatted.
FORMAT_FILES = $$(git ls-files -co --exclude-standard '*.c' '*.h' ':!config/*' ':!tests/config/*')

format:
	$(Q)clang-format -i $(FORMAT_FILES)

format-check:
	$(Q)clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf build/*/ build/guests
