/*
 * bytecode_args.h: argument values and constant reprs of decoded instructions.
 */
#ifndef CODECPG_BYTECODE_ARGS_H
#define CODECPG_BYTECODE_ARGS_H

#include "python/bytecode.h"
#include "python/pyembed.h"

/* A constant of co_consts as the rows show it. */
typedef struct BcConstInfo
{
	Datum		repr;
	Datum		kind;
	bool		has_int;
	int64		ival;
	Datum		str;			/* 0 when the value is not representable text */
} BcConstInfo;

/* Text values shared by every instruction of a call. */
typedef struct BcArgTexts
{
	Datum		kind_int;
	Datum		kind_str;
	Datum		kind_tuple;
	Datum		kind_unknown;
} BcArgTexts;

/* A code object's names and constants, converted once for all its instructions. */
typedef struct BcNames
{
	Datum	   *names;			/* co_names */
	int32		nnames;
	Datum	   *localsplus;		/* co_localsplusnames */
	int32		nlocalsplus;
	BcConstInfo *consts;
	int32		nconsts;
} BcNames;

/*
 * A code object of a compiled file in preorder of nesting (dis order): index 0 is the
 * module; children follow their parent in co_consts order. The module is the caller's
 * reference; nested code objects are borrowed from their parents' co_consts.
 */
typedef struct BcNode
{
	PyCodeObject *code;
	int32		parent;
	int32		first_child;
	int32		next_sibling;
} BcNode;

extern BcNode *bc_code_tree(PyCodeObject *module, int32 *count);
extern uint8 *bc_code_bytes(PyCodeObject *co, int32 *len);
extern void bc_arg_texts_init(BcArgTexts *texts);
extern Datum bc_borrowed_text(PyObject *str);
extern bool bc_const_info(PyObject *value, int32 code_id, BcConstInfo *info);
extern void bc_set_argval(const BcOpTables *t, const BcArgTexts *texts, const BcNames *n,
						  const BcInstr *ins, Datum *values, bool *nulls);

#endif
