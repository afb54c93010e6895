/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Read-only flattened device tree walker (see core/fdt.h). Every offset and
 * length read from the blob is checked against the blob's size before use.
 */
#include <core/fdt.h>
#include <core/lib.h>

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define MAX_DEPTH 16

static u32 be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

/** A big-endian value of @cells 32-bit cells (1 or 2). */
static u64 cells_value(const u8 *p, u32 cells)
{
	return cells == 2 ? ((u64)be32(p) << 32) | be32(p + 4) : be32(p);
}

/** Per-depth state while walking. */
struct node {
	u32 addr_cells, size_cells; /**< as this node declares them for its children */
	bool is_memory, is_cpu, is_gic, in_cpus;
	const u8 *reg;
	u32 reg_len;
};

/** True when a NUL ends @s within @n bytes. */
static bool has_nul(const char *s, u32 n)
{
	for (u32 i = 0; i < n; i++) {
		if (!s[i])
			return true;
	}
	return false;
}

/** True when the string list @v (length @len) holds @s. */
static bool strlist_has(const char *v, u32 len, const char *s)
{
	size_t n = strlen(s);
	u32 i = 0;

	while (i < len) {
		size_t l = 0;

		while (i + l < len && v[i + l])
			l++;
		if (l == n && !memcmp(v + i, s, n))
			return true;
		i += (u32)l + 1;
	}
	return false;
}

/** Record what a finished node described; @parent gives the cell sizes of its reg. */
static void node_done(const struct node *n, const struct node *parent, struct fdt_platform *out)
{
	u32 ac = parent->addr_cells, sc = parent->size_cells;
	u32 entry = 4 * (ac + sc);

	if (!n->reg || ac < 1 || ac > 2 || sc > 2)
		return;
	if (n->is_memory && sc >= 1) {
		for (u32 off = 0; off + entry <= n->reg_len && out->mem_count < FDT_MAX_MEM;
		     off += entry) {
			out->mem[out->mem_count].base = cells_value(n->reg + off, ac);
			out->mem[out->mem_count].size = cells_value(n->reg + off + 4 * ac, sc);
			out->mem_count++;
		}
	}
	if (n->is_cpu && n->reg_len >= 4 * ac && out->cpu_count < FDT_MAX_CPUS)
		out->cpu_mpidr[out->cpu_count++] = cells_value(n->reg, ac);
	if (n->is_gic && n->reg_len >= 4 * ac && !out->gicd)
		out->gicd = cells_value(n->reg, ac);
}

int fdt_read_platform(const void *fdt, size_t max_size, struct fdt_platform *out)
{
	const u8 *b = fdt;
	u32 total, off_struct, off_strings, size_strings, size_struct, pos, end;
	struct node stack[MAX_DEPTH + 1];
	int depth = 0;

	memset(out, 0, sizeof(*out));
	if (max_size < 40 || be32(b) != FDT_MAGIC)
		return FDT_ERR_MAGIC;
	total = be32(b + 4);
	off_struct = be32(b + 8);
	off_strings = be32(b + 12);
	size_strings = be32(b + 32);
	size_struct = be32(b + 36);
	if (total > max_size || total < 40 || off_struct > total ||
	    size_struct > total - off_struct || off_strings > total ||
	    size_strings > total - off_strings)
		return FDT_ERR_SIZE;

	memset(stack, 0, sizeof(stack));
	stack[0].addr_cells = 2; /* defaults the spec gives for a node without the properties */
	stack[0].size_cells = 1;
	pos = off_struct;
	end = off_struct + size_struct;
	while (pos + 4 <= end) {
		u32 tok = be32(b + pos);

		pos += 4;
		switch (tok) {
		case FDT_BEGIN_NODE: {
			const char *name = (const char *)b + pos;
			u32 len = 0;

			while (pos + len < end && name[len])
				len++;
			if (pos + len >= end || depth >= MAX_DEPTH)
				return FDT_ERR_STRUCT;
			depth++;
			memset(&stack[depth], 0, sizeof(stack[depth]));
			stack[depth].addr_cells = 2;
			stack[depth].size_cells = 1;
			/* depth 1 is the root; its children are at depth 2 */
			if (depth == 2 && (!strcmp(name, "memory") || !strncmp(name, "memory@", 7)))
				stack[depth].is_memory = true;
			if (depth == 2 && !strcmp(name, "cpus"))
				stack[depth].in_cpus = true;
			pos = ALIGN_UP(pos + len + 1, 4);
			break;
		}
		case FDT_END_NODE:
			if (depth < 1)
				return FDT_ERR_STRUCT;
			if (depth >= 2)
				node_done(&stack[depth], &stack[depth - 1], out);
			depth--;
			break;
		case FDT_PROP: {
			u32 len, nameoff;
			const u8 *val;
			const char *pname;
			struct node *n = &stack[depth];

			if (pos + 8 > end || depth < 1)
				return FDT_ERR_STRUCT;
			len = be32(b + pos);
			nameoff = be32(b + pos + 4);
			pos += 8;
			if (len > end - pos || nameoff >= size_strings)
				return FDT_ERR_STRUCT;
			val = b + pos;
			pname = (const char *)b + off_strings + nameoff;
			/* The name must end inside the strings block. */
			if (!has_nul(pname, size_strings - nameoff))
				return FDT_ERR_STRUCT;
			if (!strcmp(pname, "#address-cells") && len == 4)
				n->addr_cells = be32(val);
			else if (!strcmp(pname, "#size-cells") && len == 4)
				n->size_cells = be32(val);
			else if (!strcmp(pname, "reg")) {
				n->reg = val;
				n->reg_len = len;
			} else if (!strcmp(pname, "device_type")) {
				if (strlist_has((const char *)val, len, "memory") && depth == 2)
					n->is_memory = true;
				if (strlist_has((const char *)val, len, "cpu") && depth == 3 &&
				    stack[2].in_cpus)
					n->is_cpu = true;
			} else if (!strcmp(pname, "compatible")) {
				if (strlist_has((const char *)val, len, "arm,gic-v3"))
					n->is_gic = true;
			}
			pos = ALIGN_UP(pos + len, 4);
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
			return depth == 0 ? FDT_OK : FDT_ERR_STRUCT;
		default:
			return FDT_ERR_STRUCT;
		}
	}
	return FDT_ERR_STRUCT;
}
