/* SPDX-License-Identifier: MIT */
/** @file The partition of the vITS's host tests and fuzzer (see vits_fixture.h). */
#include <string.h>
#include <vdev/vgic.h>
#include <vdev/vits.h>
#include "fake_cpuif.h"
#include "fake_hyp.h"
#include "vits_fixture.h"

const struct system_config system_config = {
	.platform = { .gicd = 0x08000000, .gicr = 0x080a0000, CFG_MPIDRS(0, 1, 2, 3) },
};

u8 fixture_ram[RAM_SIZE] __attribute__((aligned(65536)));
static const u32 cpus[] = { 2, 3 };
struct partition_config fixture_cfg = {
	.name = "t",
	.cpus = cpus,
	.cpu_count = 2,
	.ram_ipa = RAM_IPA,
	.ram_size = RAM_SIZE,
	.its_ipa = 0x08080000,
	CFG_ITS_DEVICES({ 0x10, 0x210 }, { 0x18, 0x218 }),
	.its_device_bits = 8,
	.its_event_bits = 6,
};
struct partition part;

void fixture_setup(u32 slot_base)
{
	memset(&part, 0, sizeof(part));
	memset(fixture_ram, 0, sizeof(fixture_ram));
	/* The fake RAM stands where the partition's RAM would be. */
	fixture_cfg.ram_pa = (u64)(uintptr_t)fixture_ram;
	part.cfg = &fixture_cfg;
	for (u32 i = 0; i < 2; i++)
		part.vcpus[i] = (struct vcpu){ .part = &part, .index = i, .pcpu = cpus[i] };
	fake_cpuif_clear();
	fake_its_state_reset();
	for (u32 i = 0; i < 2; i++)
		percpus[cpus[i]] = (struct percpu){ .index = cpus[i], .vcpu = &part.vcpus[i] };
	fake_vgic_init(&part);
	vits_init(&part.its, &(struct vits_setup){ .cfg = &fixture_cfg,
						   .vgic = &part.vgic,
						   .mmio = &part.mmio,
						   .log = &part.log_limit,
						   .slot_base = slot_base });
	/* The list-register path, with the MSI fast path set up (tests set direct themselves). */
	vits_set_direct(&part.its, false);
}
