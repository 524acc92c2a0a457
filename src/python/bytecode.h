/*
 * bytecode.h: CPython 3.11 bytecode decoded in C, the way dis shows it.
 *
 * The opcode tables are read once per backend from the embedded interpreter's own
 * opcode module, so names, argument classes and inline cache layouts cannot drift
 * from the runtime that compiled the code. Decoding itself (instructions, EXTENDED_ARG,
 * inline caches, the location table, the exception table, basic blocks and CFG edges)
 * is plain C over the code object's byte strings and needs no Python calls.
 */
#ifndef CODECPG_BYTECODE_H
#define CODECPG_BYTECODE_H

#include "postgres.h"

#include "common/span.h"

/* Argument classes and control flow of an opcode (opcode.py lists, dis semantics). */
#define BC_HASCONST		0x0001
#define BC_HASNAME		0x0002
#define BC_JREL			0x0004
#define BC_JABS			0x0008
#define BC_HASLOCAL		0x0010
#define BC_HASFREE		0x0020
#define BC_HASCOMPARE	0x0040
#define BC_BACKWARD		0x0080	/* relative jump that goes backwards */
#define BC_UNCOND		0x0100	/* jump without fall-through */
#define BC_STOP			0x0200	/* leaves the frame: return or raise */

typedef struct BcOpInfo
{
	char		name[48];
	Datum		name_text;		/* text Datum in TopMemoryContext */
	uint8		deop;			/* base opcode (specialisations undone) */
	uint8		caches;			/* inline cache code units after the instruction */
	uint16		flags;
} BcOpInfo;

typedef struct BcOpTables
{
	BcOpInfo	ops[256];
	int			have_argument;
	int			op_extended_arg;
	int			op_load_const;
	int			op_load_global;
	int			op_binary_op;
	int			op_format_value;
	int			op_make_function;
	int			ncmp_ops;
	char		cmp_ops[8][4];
	int			nnb_ops;
	char		nb_ops[32][4];
} BcOpTables;

extern const BcOpTables *bc_op_tables(void);
extern int32 bc_jump_target(const BcOpInfo *op, int32 offset, int32 arg);
extern Datum bc_argrepr(const BcOpTables *t, const Datum *v, const bool *n,
						const Datum *const_reprs, const bool *const_nulls, int32 nconsts,
						bool *isnull);

/* CPython's positions: -1 stands for None. */
typedef struct BcPosition
{
	int32		lineno;
	int32		end_lineno;
	int32		col;
	int32		end_col;
} BcPosition;

typedef struct BcInstr
{
	int32		offset;
	int32		end_offset;		/* past the inline caches */
	uint8		op;
	uint8		deop;
	bool		has_arg;
	int32		arg;
	int32		jump_target;	/* -1 when not a jump */
	BcPosition	pos;
} BcInstr;

typedef struct BcExcEntry
{
	int32		start;
	int32		end;
	int32		target;
	int32		depth;
	bool		lasti;
} BcExcEntry;

typedef struct BcLineStart
{
	int32		offset;
	int32		line;
} BcLineStart;

typedef enum BcBlockKind
{
	BC_BLOCK_ENTRY,
	BC_BLOCK_HANDLER,
	BC_BLOCK_NORMAL
} BcBlockKind;

typedef struct BcBlock
{
	int32		start;
	int32		end;
	BcBlockKind kind;
	int32		first_instr;
	int32		last_instr;
} BcBlock;

typedef enum BcEdgeKind
{
	BC_EDGE_NEXT,
	BC_EDGE_JUMP,
	BC_EDGE_BRANCH,
	BC_EDGE_EXC
} BcEdgeKind;

typedef struct BcEdge
{
	int32		src;			/* block indexes */
	int32		dst;
	BcEdgeKind	kind;
	int32		cond_instr;		/* instruction index of the conditional jump, or -1 */
	int32		exc_index;		/* exception table entry, or -1 */
} BcEdge;

typedef struct BcDecoded
{
	const uint8 *code;
	int32		code_len;
	BcInstr    *instrs;
	int32		ninstrs;
	BcPosition *unit_pos;		/* positions of every code unit (co_positions()) */
	BcExcEntry *exc;
	int32		nexc;
	BcLineStart *lines;
	int32		nlines;
	BcBlock    *blocks;
	int32		nblocks;
	BcEdge	   *edges;
	int32		nedges;
} BcDecoded;

extern void bc_decode(BcDecoded *out, const uint8 *code, int32 code_len,
					  const uint8 *linetable, int32 linetable_len, int32 firstlineno,
					  const uint8 *exctable, int32 exctable_len);
extern const char *bc_block_kind_name(BcBlockKind kind);
extern const char *bc_edge_kind_name(BcEdgeKind kind);
extern void bc_position_span(const CpgLineIndex *lines, int32 bom, const BcPosition *p, CpgSpan *s);

#endif
