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
	bool is_memory, is_cpu, is_gic, is_smmu, in_cpus, is_chosen;
	bool is_images, is_wanted; /**< a FIT's /images, the image looked for in it */
	bool is_wanted_hash;	   /**< a hash node of the image looked for */
	bool crc32_algo;	   /**< this hash node's algo is "crc32" */
	const u8 *hash_value;	   /**< and its 4-byte value */
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
	if (n->is_smmu && n->reg_len >= 4 * ac && !out->smmu)
		out->smmu = cells_value(n->reg, ac);
}

/** The walk over the structure block: where it is, and the nodes open above it. */
struct walk {
	const u8 *b;
	u32 pos, end;
	u32 off_strings, size_strings;
	struct node stack[MAX_DEPTH + 1];
	int depth;
	u64 fit;	     /**< /chosen partita,fit */
	const char *want;    /**< the FIT image looked for, or NULL */
	const u8 *want_data; /**< its data property, once found */
	u32 want_len;
	struct fdt_fit_piece piece; /**< its load address and crc32, once found */
};

/** A node begins at w->pos (its name): open it. */
static int begin_node(struct walk *w)
{
	const char *name = (const char *)w->b + w->pos;
	struct node *n;
	u32 len = 0;

	while (w->pos + len < w->end && name[len])
		len++;
	if (w->pos + len >= w->end || w->depth >= MAX_DEPTH)
		return FDT_ERR_STRUCT;
	n = &w->stack[++w->depth];
	memset(n, 0, sizeof(*n));
	n->addr_cells = 2;
	n->size_cells = 1;
	/* depth 1 is the root; its children are at depth 2 */
	if (w->depth == 2 && (!strcmp(name, "memory") || !strncmp(name, "memory@", 7)))
		n->is_memory = true;
	if (w->depth == 2 && !strcmp(name, "cpus"))
		n->in_cpus = true;
	if (w->depth == 2 && !strcmp(name, "chosen"))
		n->is_chosen = true;
	if (w->depth == 2 && !strcmp(name, "images"))
		n->is_images = true;
	if (w->depth == 3 && w->want && w->stack[2].is_images && !strcmp(name, w->want))
		n->is_wanted = true;
	/* hash-1, hash@1...: U-Boot's names for an image's hash nodes */
	if (w->depth == 4 && w->stack[3].is_wanted && !strncmp(name, "hash", 4))
		n->is_wanted_hash = true;
	w->pos = ALIGN_UP(w->pos + len + 1, 4);
	return FDT_OK;
}

/** A property of the open node at w->pos (its length and name offset): note what matters. */
static int property(struct walk *w)
{
	struct node *n = &w->stack[w->depth];
	u32 len, nameoff;
	const u8 *val;
	const char *pname;

	if (w->pos + 8 > w->end || w->depth < 1)
		return FDT_ERR_STRUCT;
	len = be32(w->b + w->pos);
	nameoff = be32(w->b + w->pos + 4);
	w->pos += 8;
	if (len > w->end - w->pos || nameoff >= w->size_strings)
		return FDT_ERR_STRUCT;
	val = w->b + w->pos;
	pname = (const char *)w->b + w->off_strings + nameoff;
	/* The name must end inside the strings block. */
	if (!has_nul(pname, w->size_strings - nameoff))
		return FDT_ERR_STRUCT;
	if (!strcmp(pname, "#address-cells") && len == 4) {
		n->addr_cells = be32(val);
	} else if (!strcmp(pname, "#size-cells") && len == 4) {
		n->size_cells = be32(val);
	} else if (!strcmp(pname, "reg")) {
		n->reg = val;
		n->reg_len = len;
	} else if (!strcmp(pname, "device_type")) {
		if (strlist_has((const char *)val, len, "memory") && w->depth == 2)
			n->is_memory = true;
		if (strlist_has((const char *)val, len, "cpu") && w->depth == 3 &&
		    w->stack[2].in_cpus)
			n->is_cpu = true;
	} else if (!strcmp(pname, "partita,fit") && n->is_chosen && len == 8) {
		w->fit = cells_value(val, 2);
	} else if (!strcmp(pname, "data") && n->is_wanted) {
		w->want_data = val;
		w->want_len = len;
	} else if (!strcmp(pname, "load") && n->is_wanted && (len == 4 || len == 8)) {
		/* the FIT's root #address-cells; U-Boot reads the length the same way */
		w->piece.load = cells_value(val, len / 4);
		w->piece.has_load = true;
	} else if (!strcmp(pname, "algo") && n->is_wanted_hash) {
		n->crc32_algo = len == 6 && !memcmp(val, "crc32", 6);
	} else if (!strcmp(pname, "value") && n->is_wanted_hash && len == 4) {
		n->hash_value = val;
	} else if (!strcmp(pname, "compatible")) {
		if (strlist_has((const char *)val, len, "arm,gic-v3"))
			n->is_gic = true;
		if (strlist_has((const char *)val, len, "arm,smmu-v3"))
			n->is_smmu = true;
	}
	w->pos = ALIGN_UP(w->pos + len, 4);
	return FDT_OK;
}

/** Walk the whole of @fdt (at most @max_size bytes), noting what @w and @out look for. */
static int walk_all(struct walk *w_, const void *fdt, u64 max_size, struct fdt_platform *out)
{
	struct walk w = *w_;
	const u8 *b = fdt;
	u32 total, off_struct, size_struct;
	int r = FDT_OK;

	if (max_size < 40 || be32(b) != FDT_MAGIC)
		return FDT_ERR_MAGIC;
	total = be32(b + 4);
	off_struct = be32(b + 8);
	size_struct = be32(b + 36);
	w.b = b;
	w.off_strings = be32(b + 12);
	w.size_strings = be32(b + 32);
	if (total > max_size || total < 40 || off_struct > total ||
	    size_struct > total - off_struct || w.off_strings > total ||
	    w.size_strings > total - w.off_strings)
		return FDT_ERR_SIZE;
	w.stack[0].addr_cells = 2; /* defaults the spec gives for a node without the properties */
	w.stack[0].size_cells = 1;
	w.pos = off_struct;
	w.end = off_struct + size_struct;
	while (r == FDT_OK && w.pos + 4 <= w.end) {
		u32 tok = be32(b + w.pos);

		w.pos += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			r = begin_node(&w);
			break;
		case FDT_END_NODE:
			if (w.depth < 1)
				return FDT_ERR_STRUCT;
			/* The first crc32 hash node of the image looked for counts. */
			if (w.stack[w.depth].crc32_algo && w.stack[w.depth].hash_value &&
			    !w.piece.has_crc32) {
				w.piece.crc32 = be32(w.stack[w.depth].hash_value);
				w.piece.has_crc32 = true;
			}
			if (w.depth >= 2 && out)
				node_done(&w.stack[w.depth], &w.stack[w.depth - 1], out);
			w.depth--;
			break;
		case FDT_PROP:
			r = property(&w);
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			*w_ = w;
			return w.depth == 0 ? FDT_OK : FDT_ERR_STRUCT;
		default:
			return FDT_ERR_STRUCT;
		}
	}
	return r == FDT_OK ? FDT_ERR_STRUCT : r;
}

int fdt_read_platform(const void *fdt, size_t max_size, struct fdt_platform *out)
{
	struct walk w = { 0 };
	int r;

	memset(out, 0, sizeof(*out));
	r = walk_all(&w, fdt, max_size, out);
	if (r == FDT_OK)
		out->fit = w.fit;
	return r;
}

bool fdt_fit_image(const void *fit, u64 max_size, const char *name, struct fdt_fit_piece *out)
{
	struct walk w = { .want = name };

	if (walk_all(&w, fit, max_size, NULL) != FDT_OK || !w.want_data)
		return false;
	*out = w.piece;
	out->data = w.want_data;
	out->len = w.want_len;
	return true;
}
