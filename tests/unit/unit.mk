# Host unit tests: the emulation and boot logic built for the build machine,
# under AddressSanitizer and UBSan, with cmocka. Each test_<name>.c is one
# program, build/host/test_<name>; scripts/run-tests.sh runs them with TAP output.

HOST_BUILD := build/host
HOST_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -DPARTITA_HOST -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
	-Iarch/arm64/include -Icore/include -Idrivers/include -Ivdev/include -Itests/unit
HOST_LIBS := -lcmocka
CROSS_COMPILE ?= aarch64-linux-gnu-
COMMON := core/string.c core/printf.c

TESTS := $(patsubst tests/unit/test_%.c,$(HOST_BUILD)/test_%,$(wildcard tests/unit/test_*.c))

all: $(TESTS) $(HOST_BUILD)/guest.dtb $(HOST_BUILD)/fit.dtb $(HOST_BUILD)/fuzz_replay

$(HOST_BUILD)/test_decode: arch/arm64/decode.c
$(HOST_BUILD)/test_pgtable: arch/arm64/pgtable.c
$(HOST_BUILD)/test_mmio: core/mmio.c vdev/uart/vpl011.c tests/unit/fake_console.c
$(HOST_BUILD)/test_fdt: core/fdt.c
$(HOST_BUILD)/test_vgic: vdev/gic/vgic.c vdev/gic/vgic_mmio.c core/mmio.c tests/unit/fake_cpuif.c \
	tests/unit/fake_hyp.c
$(HOST_BUILD)/test_vits: vdev/its/vits.c vdev/its/vlpi_lr.c vdev/its/vlpi_vpe.c vdev/gic/vgic.c \
	vdev/gic/vgic_mmio.c core/mmio.c \
	tests/unit/fake_console.c tests/unit/fake_cpuif.c tests/unit/fake_hyp.c tests/unit/vits_fixture.c
$(HOST_BUILD)/test_vlpi: vdev/its/vits.c vdev/its/vlpi_lr.c vdev/its/vlpi_vpe.c vdev/gic/vgic.c \
	vdev/gic/vgic_mmio.c core/mmio.c \
	tests/unit/fake_console.c tests/unit/fake_cpuif.c tests/unit/fake_hyp.c tests/unit/vits_fixture.c
$(HOST_BUILD)/test_smmu: drivers/iommu/smmuv3.c tests/unit/fake_console.c
$(HOST_BUILD)/test_pci: drivers/pci/pci.c
$(HOST_BUILD)/test_vpci: vdev/pci/vpci.c vdev/pci/vchan.c core/mmio.c
$(HOST_BUILD)/test_vchan: vdev/pci/vpci.c vdev/pci/vchan.c core/mmio.c
$(HOST_BUILD)/test_its: drivers/gic/its.c tests/unit/fake_its.c tests/unit/fake_console.c \
	tests/unit/fake_cpuif.c drivers/include/drivers/*.h
$(HOST_BUILD)/test_printf:
$(HOST_BUILD)/test_console: core/console.c
$(HOST_BUILD)/test_vpsci: core/vpsci.c tests/unit/fake_arch.c tests/unit/fake_console.c
$(HOST_BUILD)/test_lifecycle: core/vcpu.c core/vpsci.c tests/unit/fake_arch.c tests/unit/fake_console.c
$(HOST_BUILD)/test_trap: core/trap.c core/vcache.c core/mmio.c arch/arm64/decode.c arch/arm64/trapregs.c \
	tests/unit/fake_arch.c tests/unit/fake_console.c
$(HOST_BUILD)/test_fastpath: tests/unit/a64.c tests/unit/fake_hyp.c tests/unit/fake_cpuif.c vdev/gic/vgic.c \
	vdev/gic/vgic_mmio.c core/mmio.c \
	$(HOST_BUILD)/vectors_code.h

# The real vectors.S, assembled for AArch64, as words for tests/unit/a64.c to run
# (test_fastpath), with the offsets of the MSI fast path.
$(HOST_BUILD)/vectors_code.h: arch/arm64/vectors.S arch/arm64/include/arch/*.h tests/unit/config_gen.h
	@mkdir -p $(@D)/vectors
	$(CROSS_COMPILE)gcc -c -D__ASSEMBLY__ -Iarch/arm64/include -Icore/include -Itests/unit \
		-o $(@D)/vectors/vectors.o $<
	$(CROSS_COMPILE)objcopy -O binary -j .text $(@D)/vectors/vectors.o $(@D)/vectors/text.bin
	{ echo "/* Generated from arch/arm64/vectors.S by tests/unit/unit.mk: do not edit. */"; \
	  echo "static const u32 a64_text[] = {"; \
	  od -An -v -tx4 $(@D)/vectors/text.bin | awk '{ for (i = 1; i <= NF; i++) printf "0x%s,", $$i; print "" }'; \
	  echo "};"; \
	  $(CROSS_COMPILE)nm $(@D)/vectors/vectors.o | awk '$$3 == "guest_lpi64" { print "#define A64_GUEST_LPI64 0x" $$1 } \
		$$3 == "arch_guest_enter" { print "#define A64_FAST_END 0x" $$1 }'; } > $@.tmp
	@grep -q A64_GUEST_LPI64 $@.tmp && grep -q A64_FAST_END $@.tmp
	@mv $@.tmp $@

$(HOST_BUILD)/test_%: tests/unit/test_%.c tests/unit/*.h core/include/core/*.h vdev/include/vdev/*.h \
	vdev/*/*.h drivers/include/drivers/*.h arch/arm64/include/arch/*.h
	@mkdir -p $(@D)
	gcc $(HOST_CFLAGS) -I$(HOST_BUILD) -o $@ $(filter %.c,$^) $(COMMON) $(HOST_LIBS)

$(HOST_BUILD)/guest.dtb: dts/bare-2cpu.dts dts/bare.dtsi
	@mkdir -p $(@D)
	cpp -nostdinc -undef -x assembler-with-cpp -P -Idts $< | dtc -q -I dts -O dtb -o $@ -

$(HOST_BUILD)/fit.dtb: tests/unit/fit.dts
	@mkdir -p $(@D)
	dtc -q -I dts -O dtb -o $@ $<

# The vITS fuzz target (tests/fuzz): replayed over its corpus with gcc's
# sanitizers by make test, fuzzed with libFuzzer (clang) by make fuzz.
FUZZ_SRCS := tests/fuzz/fuzz_vits.c vdev/its/vits.c vdev/its/vlpi_lr.c vdev/its/vlpi_vpe.c \
	vdev/gic/vgic.c vdev/gic/vgic_mmio.c \
	core/mmio.c tests/unit/fake_console.c tests/unit/fake_cpuif.c tests/unit/fake_hyp.c \
	tests/unit/vits_fixture.c
FUZZ_HDRS := tests/unit/*.h core/include/core/*.h vdev/include/vdev/*.h vdev/*/*.h \
	drivers/include/drivers/*.h

$(HOST_BUILD)/fuzz_replay: tests/fuzz/replay.c $(FUZZ_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	gcc $(HOST_CFLAGS) -o $@ tests/fuzz/replay.c $(FUZZ_SRCS) $(COMMON)

$(HOST_BUILD)/fuzz_vits: $(FUZZ_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	clang $(filter-out -fsanitize=%,$(HOST_CFLAGS)) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -o $@ $(FUZZ_SRCS) $(COMMON)
