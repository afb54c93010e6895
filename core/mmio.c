/* SPDX-License-Identifier: MIT */
/** @file MMIO region registry and register-table dispatcher (see core/mmio.h). */
#include <core/mmio.h>

int mmio_register(struct mmio_registry *reg, u64 base, u64 size, mmio_handler_t handler, void *arg)
{
	size_t i;

	if (reg->count >= MMIO_MAX_REGIONS || !size || base + size < base)
		return -1;
	for (i = 0; i < reg->count; i++) {
		if (ranges_overlap(base, size, reg->regions[i].base, reg->regions[i].size))
			return -1;
	}
	reg->regions[reg->count++] = (struct mmio_region){ base, size, handler, arg };
	return 0;
}

const struct mmio_region *mmio_find(const struct mmio_registry *reg, u64 ipa)
{
	size_t i;

	for (i = 0; i < reg->count; i++) {
		const struct mmio_region *r = &reg->regions[i];

		if (ipa >= r->base && ipa - r->base < r->size)
			return r;
	}
	return NULL;
}

/** Binary search for the register covering @offset. */
static const struct mmio_reg *table_find(const struct mmio_reg *table, size_t count, u64 offset)
{
	size_t lo = 0, hi = count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct mmio_reg *r = &table[mid];

		if (offset < r->offset)
			hi = mid;
		else if (offset >= (u64)r->offset + mmio_reg_span(r))
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

enum mmio_result mmio_table_access(const struct mmio_reg *table, size_t count, void *dev,
				   struct mmio_access *acc, u64 *unknown)
{
	const struct mmio_reg *r = table_find(table, count, acc->offset);
	struct mmio_access rel = *acc;

	if (acc->size != 1 && acc->size != 2 && acc->size != 4 && acc->size != 8)
		return MMIO_ABORT;
	if (!IS_ALIGNED(acc->offset, acc->size))
		return MMIO_ABORT;
	if (!r) {
		/* Reserved or unimplemented: RAZ/WI, as the GIC and PL011 specify. */
		if (unknown)
			(*unknown)++;
		if (!acc->write)
			acc->value = 0;
		return MMIO_HANDLED;
	}
	/* Within one register of the array, at a width it allows. */
	if (!(r->widths & acc->size) || (acc->offset - r->offset) % r->len + acc->size > r->len)
		return MMIO_ABORT;
	rel.offset = acc->offset - r->offset;
	if (acc->write) {
		if (r->write)
			r->write(dev, &rel);
	} else {
		acc->value = r->read ? r->read(dev, &rel) : 0;
		if (acc->size < 8)
			acc->value &= (1ULL << (8 * acc->size)) - 1;
	}
	return MMIO_HANDLED;
}

bool mmio_table_valid(const struct mmio_reg *table, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const struct mmio_reg *r = &table[i];

		if (r->len != 1 && r->len != 2 && r->len != 4 && r->len != 8)
			return false;
		if (!IS_ALIGNED(r->offset, r->len) || !r->widths || (r->widths & ~0xfu))
			return false;
		/* No allowed width may exceed the register. */
		if ((u64)r->widths >= ((u64)r->len << 1))
			return false;
		if (i && table[i - 1].offset + mmio_reg_span(&table[i - 1]) > r->offset)
			return false;
	}
	return true;
}
