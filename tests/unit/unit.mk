# Host unit tests: the emulation and boot logic built for the build machine,
# under AddressSanitizer and UBSan, with cmocka. Each test_<name>.c is one
# program, build/host/test_<name>; scripts/run-tests.sh runs them with TAP output.

HOST_BUILD := build/host
HOST_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -DPARTITA_HOST -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
	-Iarch/arm64/include -Icore/include -Idrivers/include -Ivdev/include -Itests/unit
HOST_LIBS := -lcmocka
COMMON := core/string.c core/printf.c

TESTS := $(patsubst tests/unit/test_%.c,$(HOST_BUILD)/test_%,$(wildcard tests/unit/test_*.c))

all: $(TESTS) $(HOST_BUILD)/guest.dtb $(HOST_BUILD)/fuzz_replay

$(HOST_BUILD)/test_decode: arch/arm64/decode.c
$(HOST_BUILD)/test_pgtable: arch/arm64/pgtable.c
$(HOST_BUILD)/test_mmio: core/mmio.c vdev/uart/vpl011.c tests/unit/fake_console.c
$(HOST_BUILD)/test_fdt: core/fdt.c
$(HOST_BUILD)/test_vgic: vdev/gic/vgic.c vdev/gic/vgic_mmio.c core/mmio.c tests/unit/fake_cpuif.c \
	tests/unit/fake_hyp.c
$(HOST_BUILD)/test_vits: vdev/its/vits.c vdev/gic/vgic.c vdev/gic/vgic_mmio.c core/mmio.c \
	tests/unit/fake_console.c tests/unit/fake_cpuif.c tests/unit/fake_hyp.c tests/unit/vits_fixture.c
$(HOST_BUILD)/test_its: drivers/gic/its.c tests/unit/fake_its.c tests/unit/fake_console.c \
	tests/unit/fake_cpuif.c drivers/gic/gic_io.h drivers/include/drivers/*.h
$(HOST_BUILD)/test_printf:
$(HOST_BUILD)/test_console: core/console.c

$(HOST_BUILD)/test_%: tests/unit/test_%.c tests/unit/*.h core/include/core/*.h
	@mkdir -p $(@D)
	gcc $(HOST_CFLAGS) -o $@ $(filter %.c,$^) $(COMMON) $(HOST_LIBS)

$(HOST_BUILD)/guest.dtb: dts/bare-2cpu.dts dts/bare.dtsi
	@mkdir -p $(@D)
	cpp -nostdinc -undef -x assembler-with-cpp -P -Idts $< | dtc -q -I dts -O dtb -o $@ -

# The vITS fuzz target (tests/fuzz): replayed over its corpus with gcc's
# sanitizers by make test, fuzzed with libFuzzer (clang) by make fuzz.
FUZZ_SRCS := tests/fuzz/fuzz_vits.c vdev/its/vits.c vdev/gic/vgic.c vdev/gic/vgic_mmio.c \
	core/mmio.c tests/unit/fake_console.c tests/unit/fake_cpuif.c tests/unit/fake_hyp.c \
	tests/unit/vits_fixture.c
FUZZ_HDRS := tests/unit/*.h core/include/core/*.h vdev/include/vdev/*.h drivers/include/drivers/*.h

$(HOST_BUILD)/fuzz_replay: tests/fuzz/replay.c $(FUZZ_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	gcc $(HOST_CFLAGS) -o $@ tests/fuzz/replay.c $(FUZZ_SRCS) $(COMMON)

$(HOST_BUILD)/fuzz_vits: $(FUZZ_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	clang $(filter-out -fsanitize=%,$(HOST_CFLAGS)) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -o $@ $(FUZZ_SRCS) $(COMMON)
