// SPDX-License-Identifier: MIT
/**
 * @file
 * The monitor on partita's console (core/console.h): Ctrl-T then a key. `s`
 * prints one line per partition: its state, its vCPUs and their pCPUs'
 * exits, its vITS's commands and errors (by command and reason, as the
 * stop report gives them), the MSIs partita delivered per device, its SMMU
 * fault records and its console lines dropped; `r` then a digit restarts
 * that partition; `h` lists the keys. Run outside any lock, on the pCPU
 * that took the UART's interrupt (partitions_console_input()).
 */
#include <core/console.h>
#include <core/lib.h>
#include <core/partition.h>

static const char *state_of(const struct partition *p)
{
	if (p->held)
		return "held";
	if (__atomic_load_n(&p->stopped, __ATOMIC_ACQUIRE))
		return "stopped";
	if (__atomic_load_n(&p->stopping, __ATOMIC_ACQUIRE))
		return __atomic_load_n(&p->reset, __ATOMIC_ACQUIRE) ? "restarting" : "stopping";
	return "running";
}

/** Append to @buf (@size, @at so far) what @fmt says; never past its end. */
static size_t add(char *buf, size_t size, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static size_t add(char *buf, size_t size, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at >= size)
		return at;
	va_start(ap, fmt);
	n = vsnprintf(buf + at, size - at, fmt, ap);
	va_end(ap);
	return n < 0 ? at : MIN(at + (size_t)n, size);
}

static void status(void)
{
	pr_info("monitor: partition state; vCPUs: exits of their pCPUs; vITS; MSIs through partita "
		"by device; SMMU faults; console lines dropped");
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		const struct partition *p = &partitions[i];
		char line[CONSOLE_LINE_MAX];
		size_t at = 0;
		u64 faults = 0;

		at = add(line, sizeof(line), at, "%u %s: %s;", i, p->cfg->name, state_of(p));
		for (size_t v = 0; v < p->cfg->cpu_count; v++)
			at =
			    add(line, sizeof(line), at, " vCPU%zu %s %lu", v,
				p->vcpus[v].state == VCPU_ON ? "on" : "off",
				__atomic_load_n(&percpus[p->cfg->cpus[v]].exits, __ATOMIC_RELAXED));
		if (p->its.present) {
			const struct vits_stats *s = &p->its.stats;

			at = add(line, sizeof(line), at, "; vITS %lu cmd, %lu err", s->commands,
				 vits_error_count(&p->its));
			for (unsigned c = 0; c < 16; c++)
				for (unsigned r = 0; r < 16; r++)
					if (s->errors[c][r])
						at = add(line, sizeof(line), at, " %02x.%x:%u", c,
							 r, s->errors[c][r]);
			if (p->its.direct) {
				at = add(line, sizeof(line), at, "; MSIs direct (GICv4)");
			} else {
				at = add(line, sizeof(line), at, "; MSIs");
				for (u32 d = 0; d < p->its.ndev; d++) {
					u64 fast, all = vits_device_lpis(&p->its, d, &fast);

					at = add(line, sizeof(line), at, " 0x%x:%lu",
						 cfg_device(p->cfg, d).guest_id, all);
				}
			}
		}
		/* Each channel end: doorbells rung and received (either way, MSI-X or INTx). */
		for (u32 e = 0; e < p->pci.nends; e++)
			at = add(line, sizeof(line), at, "; channel %s: rang %lu, took %lu",
				 p->pci.ends[e].ch->name, p->pci.ends[e].stats.rung,
				 p->pci.ends[e].stats.delivered);
		for (unsigned t = 0; t < 64; t++)
			faults += p->stats.dma_faults[t];
		at = add(line, sizeof(line), at, "; SMMU faults %lu; dropped %lu", faults,
			 console_dropped(i));
		pr_info("monitor: %s", line);
	}
}

static void help(void)
{
	pr_info("monitor: Ctrl-T then: 0..%u give the keyboard to that partition, s status, r "
		"and a digit restart that partition, h this, Ctrl-T a Ctrl-T to the partition",
		CONFIG_PARTITION_COUNT - 1);
}

void monitor_run(u32 news)
{
	if (news & MONITOR_HELP)
		help();
	if (news & MONITOR_STATUS)
		status();
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT && i < 24; i++) {
		if (!(news & MONITOR_RESTART(i)))
			continue;
		if (partition_restart(&partitions[i]))
			pr_info("monitor: partition %u \"%s\" restarts", i,
				partitions[i].cfg->name);
		else
			pr_info("monitor: partition %u \"%s\" not started (held, or its images "
				"cannot be loaded)",
				i, partitions[i].cfg->name);
	}
}
