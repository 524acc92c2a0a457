/*
 * df_sim.h: the symbolic simulation of one code object's value stack, shared by
 * df_ops.c (opcode classes), df_values.c (sets and stacks), df_simulate.c (instructions)
 * and df_unit.c (blocks, parameters, results). Private to src/dataflow.
 */
#ifndef CODECPG_DF_SIM_H
#define CODECPG_DF_SIM_H

#include "dataflow/dataflow.h"

typedef enum DfOp
{
	OP_UNKNOWN = 0,
	OP_NOP,
	OP_POP,
	OP_POP2,
	OP_PUSH_NULL,
	OP_PUSH_EMPTY,
	OP_UNARY,					/* the value passes through */
	OP_REPLACE_EMPTY,			/* a boolean replaces the value */
	OP_BINARY_SUBSCR,
	OP_BINARY,
	OP_COMPARE,
	OP_MATCH_KEYS,
	OP_MATCH_CLASS,
	OP_PUSH_EXC_INFO,
	OP_CHECK_EG_MATCH,
	OP_GET_ANEXT,
	OP_BEFORE_WITH,
	OP_PREP_RERAISE_STAR,
	OP_STORE_SUBSCR,
	OP_LOAD_BUILD_CLASS,
	OP_RETURN_VALUE,
	OP_YIELD_VALUE,
	OP_STORE,
	OP_DELETE,
	OP_LOAD,
	OP_UNPACK_SEQUENCE,
	OP_UNPACK_EX,
	OP_FOR_ITER,
	OP_STORE_ATTR,
	OP_DELETE_ATTR,
	OP_SWAP,
	OP_COPY,
	OP_LOAD_CONST,
	OP_BUILD,
	OP_BUILD_MAP,
	OP_BUILD_CONST_KEY_MAP,
	OP_ADD_INTO,
	OP_MAP_ADD,
	OP_LOAD_ATTR,
	OP_LOAD_METHOD,
	OP_IMPORT_NAME,
	OP_IMPORT_FROM,
	OP_POP_JUMP,
	OP_JUMP_OR_POP,
	OP_RAISE,
	OP_SEND,
	OP_MAKE_FUNCTION,
	OP_CALL_FUNCTION_EX,
	OP_CALL,
	OP_KW_NAMES,
	OP_FORMAT_VALUE
} DfOp;

typedef enum DfNs
{
	NS_NONE,
	NS_LOCAL,
	NS_CELL,
	NS_NAME,
	NS_GLOBAL
} DfNs;

typedef enum DfTest
{
	TEST_UNKNOWN,
	TEST_IF_TRUE,
	TEST_IF_FALSE,
	TEST_IF_NONE,
	TEST_IF_NOT_NONE
} DfTest;

typedef enum DfShape
{
	SH_NONE,
	SH_NULL,
	SH_REF,						/* a: key of the variable or attribute just loaded */
	SH_CONST,					/* a: const index */
	SH_CODE,					/* a: code_id of a code object constant */
	SH_FUNC,					/* a: code_id of the function made from it */
	SH_IMPORT,					/* a: module name (string id), b: relative level */
	SH_METHOD,					/* a: method name (string id), from LOAD_METHOD */
	SH_BUILD_CLASS,
	SH_WITH_EXIT				/* the __exit__ BEFORE_WITH pushes: its call is no call of the code */
} DfShape;

typedef struct DfVal
{
	const int32 *set;			/* sorted unit-local event ids */
	int32		nset;
	uint8		shape;
	int32		a;
	int32		b;
	int32		dotted;			/* the value as a dotted name ("os.path.join"), or -1 */
	int32		bstart;			/* span of the instruction that made it */
	int32		bend;
} DfVal;

extern const DfVal df_empty_val;

typedef struct DfKey
{
	uint8		ns;				/* DfNs of a variable, NS_NONE for an attribute path */
	int32		name;			/* variable name, or the path "base.attr" */
	int32		attr;			/* attribute name of a path, else -1 */
	int32		base;			/* key of a path's base variable, else -1 */
} DfKey;

typedef struct DfStack
{
	DfVal	   *v;
	int32		depth;
	int32		capacity;
	int32		low;			/* lowest slot an instruction changed (see bound_values) */
} DfStack;

/* The state of one code object's analysis. */
typedef struct DfSim
{
	DfFile	   *f;
	const DfCode *code;
	const BcDecoded *d;
	DfEvent    *events;			/* unit-local numbering */
	int32		nevents;
	int32		events_capacity;
	int32	   *instr_event[3];	/* per instruction, up to two events and a value event, or -1 */
	int32	   *steps;			/* unit-local (src, dst, slot) triples */
	int64		nsteps;
	int64		steps_capacity;
	DfKey	   *keys;
	int32		nkeys;
	int32		keys_capacity;
	int32	   *key_slots;		/* open addressing over keys: index + 1, 0 when empty */
	int32		nkey_slots;
	DfStack    *entry;			/* per block; depth -1 until reached */
	int32	   *block_of_instr;
	int32	  **succ;			/* per block: edge indexes out of it */
	int32	   *nsucc;
	uint8	   *test;			/* per block: DfTest of its closing conditional jump */
	int32	   *test_bstart;
	int32	   *test_bend;
	const DfConst *pending_kw;	/* KW_NAMES before the next CALL */
	int32		nparams;
} DfSim;

/* df_ops.c */
extern uint8 df_op_class[256];
extern uint8 df_op_detail[256];
extern void df_init_op_tables(void);
extern bool df_is_mutator(const char *method);

/* df_values.c */
extern const int32 *df_set_union(const int32 *a, int32 na, const int32 *b, int32 nb, int32 *n);
extern bool df_set_contains_all(const int32 *a, int32 na, const int32 *b, int32 nb);
extern DfVal df_val_event(int32 ev, int32 bstart, int32 bend);
extern DfVal df_val_derive(const DfVal *vals, int32 n, int32 bstart, int32 bend);
extern void df_push(DfStack *s, DfVal v);
extern DfVal df_pop(DfStack *s);
extern DfVal *df_peek(DfStack *s, int32 i);
extern void df_stack_copy(DfStack *dst, const DfStack *src);
extern bool df_stack_merge(DfStack *entry, const DfStack *in);

/* df_simulate.c */
extern int32 df_key_for(DfSim *sim, uint8 ns, int32 name, int32 base, int32 attr);
extern int32 df_var_key(DfSim *sim, uint8 ns, int32 name);
extern int32 df_new_event(DfSim *sim, DfKind kind, int32 name, int32 key, int32 instr, int32 bstart,
						  int32 bend, int32 line0, int32 detail);
extern void df_instr_span(const DfSim *sim, int32 i, int32 *bstart, int32 *bend, int32 *line0);
extern void df_simulate_instr(DfSim *sim, DfStack *s, int32 i);

/*
 * A value made of more events than this becomes a value event of its own, which the
 * events step into: a long expression (a + b + ... + z) costs linear work, not quadratic.
 */
#define DF_MAX_SET 32

/* df_source.c */
extern void df_narrow_to_name(const DfFile *f, DfEvent *ev);
extern void df_param_spans(const DfFile *f, const DfCode *code, DfEvent *params);

#endif
