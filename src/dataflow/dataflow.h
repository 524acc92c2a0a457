/*
 * dataflow.h: intra-procedural data flow of Python code objects, computed from their
 * CPython 3.11 bytecode, and the per-file facts that codecpg.cpg_flows solves over.
 *
 *   df_strings.c   the string table of one file's facts
 *   df_ops.c, df_values.c, df_simulate.c, df_source.c, df_unit.c (private header
 *                  df_sim.h): a symbolic simulation of the value stack over the CFG of
 *                  one code object: its events (definitions, uses, calls, imports,
 *                  returns), the steps between them, the sense of its conditional branches
 *   df_reach.c     reaching definitions over the CFG (exception edges included)
 *   df_file.c      one file's facts: adding events and steps, links between code objects
 *   df_extract.c   codecpg.dataflow_extract: compiling, walking the code objects, rows
 *   df_srf.c       the set-returning functions over dataflow_files_v1 rows
 *   df_load.c      reading a repository's facts and call graph for a solve
 *   df_solve.c     the inter-procedural taint solve behind codecpg.cpg_flows
 *   df_flows.c     codecpg.cpg_flows and codecpg.cpg_flows_from
 *
 * Events are numbered per file, in code-object preorder and, within a code object,
 * parameters first, then in instruction order. A step is (src, dst, slot): the value of
 * event src flows into event dst, as the argument of a call when dst is a call (slot).
 */
#ifndef CODECPG_DATAFLOW_H
#define CODECPG_DATAFLOW_H

#include "postgres.h"

#include "python/bytecode.h"

typedef enum DfKind
{
	/* definitions (DF_DEF nodes) */
	DF_PARAM,
	DF_STORE_LOCAL,
	DF_STORE_CELL,
	DF_STORE_NAME,
	DF_STORE_GLOBAL,
	DF_STORE_ATTR,
	DF_STORE_ITEM,				/* d[k] = v: a weak definition of d */
	DF_UPDATE,					/* d.append(v) and other container mutators: weak */
	DF_DELETE_LOCAL,
	DF_DELETE_CELL,
	DF_DELETE_NAME,
	DF_DELETE_GLOBAL,
	DF_DELETE_ATTR,
	/* uses (DF_USE nodes) */
	DF_LOAD_LOCAL,
	DF_LOAD_CELL,
	DF_LOAD_NAME,
	DF_LOAD_GLOBAL,
	DF_LOAD_ATTR,
	DF_CALL,					/* the result of a call */
	DF_IMPORT,					/* the module or name an import statement yields */
	DF_RETURN,					/* a value leaving the code object */
	DF_YIELD,
	DF_VALUE,					/* an intermediate value made of many (a long expression) */
	DF_NKINDS
} DfKind;

#define DF_KIND_IS_DEF(k) ((k) <= DF_DELETE_ATTR)
#define DF_KIND_IS_WEAK(k) ((k) == DF_STORE_ITEM || (k) == DF_UPDATE)
#define DF_KIND_IS_DELETE(k) ((k) >= DF_DELETE_LOCAL && (k) <= DF_DELETE_ATTR)
#define DF_KIND_IS_LOAD(k) ((k) >= DF_LOAD_LOCAL && (k) <= DF_LOAD_ATTR)

extern const char *const df_kind_names[DF_NKINDS];
extern int	df_kind_from_name(const char *name, int len);

/*
 * Slots of a step. Into a call: the receiver of a method call, a positional argument
 * (0-based, not counting the receiver), *args, **kwargs, or a keyword argument
 * (DF_SLOT_KEYWORD - k names the file's keyword k). Anywhere else: DF_SLOT_VALUE.
 */
#define DF_SLOT_VALUE (-1)
#define DF_SLOT_RECEIVER (-2)
#define DF_SLOT_STAR (-3)
#define DF_SLOT_DSTAR (-4)
#define DF_SLOT_KEYWORD (-1000)
#define DF_SLOT_IS_KEYWORD(s) ((s) <= DF_SLOT_KEYWORD)

/* No detail: the event's detail column is NULL. */
#define DF_NO_DETAIL PG_INT32_MIN

/* ---- df_strings.c: interned strings of one file ---- */

typedef struct DfStrings
{
	char	  **strs;
	int32	   *lens;
	int32		count;
	int32		capacity;
	int32	   *slots;			/* open addressing: index + 1, 0 when empty */
	int32		nslots;
	MemoryContext cxt;			/* the file's: strings outlive each code object's work */
} DfStrings;

extern void df_strings_init(DfStrings *s, MemoryContext cxt);
extern int32 df_intern(DfStrings *s, const char *str, int32 len);
extern int32 df_intern_cstr(DfStrings *s, const char *str);
extern int32 df_intern_concat(DfStrings *s, int32 left, char sep, int32 right);

/* ---- the analysis of one code object (df_simulate.c, df_reach.c) ---- */

typedef enum DfConstKind
{
	DF_CONST_OTHER,
	DF_CONST_NONE,
	DF_CONST_INT,
	DF_CONST_CODE,
	DF_CONST_STRS				/* a tuple of str: KW_NAMES, an import's fromlist */
} DfConstKind;

typedef struct DfConst
{
	DfConstKind kind;
	int64		ival;			/* DF_CONST_INT */
	int32		code_id;		/* DF_CONST_CODE */
	int32	   *strs;			/* DF_CONST_STRS: string ids */
	int32		nstrs;
} DfConst;

typedef enum DfUnitKind
{
	DF_UNIT_MODULE,
	DF_UNIT_CLASS,
	DF_UNIT_FUNCTION,
	DF_UNIT_LAMBDA,
	DF_UNIT_COMPREHENSION,
	DF_NUNIT_KINDS
} DfUnitKind;

extern const char *const df_unit_kind_names[DF_NUNIT_KINDS];

/* How a method binds its first parameter: self, the class (classmethod) or nothing. */
typedef enum DfMethodKind
{
	DF_METHOD_NONE,				/* not a method */
	DF_METHOD_INSTANCE,
	DF_METHOD_CLASS,
	DF_METHOD_STATIC,
	DF_NMETHOD_KINDS
} DfMethodKind;

extern const char *const df_method_kind_names[DF_NMETHOD_KINDS];

/* What the analysis reads of a code object. */
typedef struct DfCode
{
	int32		code_id;
	int32		parent_code_id;	/* -1 for the module */
	int32		qualname;		/* string ids */
	int32		name;
	DfUnitKind	kind;
	int32		firstlineno1;
	int32		argcount;		/* positional parameters, positional-only included */
	int32		posonlyargcount;
	int32		kwonlyargcount;
	bool		has_varargs;
	bool		has_varkeywords;
	bool		is_function;	/* CO_OPTIMIZED: a function, lambda or comprehension */
	bool		is_async;		/* a coroutine or async generator: its awaits yield */
	bool		is_class_body;
	int32		class_code_id;	/* for a method, the class body it is defined in; else -1 */
	int32	   *names;			/* co_names */
	int32		nnames;
	int32	   *locals;			/* co_localsplusnames */
	uint8	   *local_kinds;	/* co_localspluskinds */
	int32	   *cell_owner;		/* per local: code_id that owns a cell or free variable */
	int32		nlocals;
	DfConst    *consts;
	int32		nconsts;
	BcDecoded	d;
	int32		bstart;			/* span of the instructions, -1 when none */
	int32		bend;
} DfCode;

#define DF_LOCAL_CELL 0x40		/* co_localspluskinds bits (pycore_code.h, 3.11) */
#define DF_LOCAL_FREE 0x80

typedef struct DfEvent
{
	uint8		kind;			/* DfKind */
	int32		name;			/* string id, or -1 */
	int32		bstart;			/* -1 when unknown */
	int32		bend;
	int32		line0;
	int32		detail;			/* DF_NO_DETAIL when none */
	int32		instr;			/* instruction index in its code object; -1 for parameters */
	int32		key;			/* variable of a definition or use within its code object, or -1 */
} DfEvent;

/* A conditional branch whose sense is known: the edge taken when the test is true/false. */
typedef struct DfBranch
{
	int32		src_block;
	int32		dst_block;
	bool		sense;
	int32		bstart;			/* span of the test */
	int32		bend;
} DfBranch;

/* A step into another code object of the file, resolved once every object is analysed. */
typedef enum DfLinkKind
{
	DF_LINK_DEFAULT,			/* a default value into the parameters that have one */
	DF_LINK_KWDEFAULT,			/* keyword-only defaults */
	DF_LINK_ARG,				/* a positional argument of a direct call of a code object */
	DF_LINK_STAR,				/* *args of such a call: every parameter */
	DF_LINK_RESULT				/* the returns of the called code object into the call */
} DfLinkKind;

typedef struct DfLink
{
	DfLinkKind	kind;
	int32		event;			/* file event: the value (or, for DF_LINK_RESULT, the call) */
	int32		code_id;		/* the code object called or made */
	int32		position;		/* DF_LINK_ARG: argument position */
} DfLink;

/* What links into a code object need of it. */
typedef struct DfUnitInfo
{
	int32		first_event;
	int32		nevents;
	int32		nparams;
	int32		argcount;
	int32		kwonlyargcount;
	bool		has_varargs;
} DfUnitInfo;

/* Everything one file yields; events, steps and links use file-wide event numbers. */
typedef struct DfFile
{
	DfStrings	strings;
	const char *source;
	int32		source_len;
	const CpgLineIndex *lines;
	int32		bom;
	DfEvent    *events;
	int32		nevents;
	int32		events_capacity;
	int32	   *reaches;		/* (def, use) pairs */
	int64		nreaches;
	int64		reaches_capacity;
	int32	   *steps;			/* (src, dst, slot) triples */
	int64		nsteps;
	int64		steps_capacity;
	int32	   *keywords;		/* string ids of keyword argument names, DF_SLOT_KEYWORD order */
	int32		nkeywords;
	int32		keywords_capacity;
	DfLink	   *links;
	int32		nlinks;
	int32		links_capacity;
	DfUnitInfo *units;			/* per code_id, filled as each is analysed */
	uint8	   *decorated;		/* per code_id: DF_METHOD_CLASS or _STATIC when a class body
								 * decorates it with classmethod or staticmethod */
	int32		nunits;
	int32		approximated;	/* code objects whose reaching definitions were approximated */
} DfFile;

/* Per code object results beside the file-wide lists. */
typedef struct DfUnitResult
{
	int32		event_start;
	int32		event_count;
	DfBranch   *branches;
	int32		nbranches;
} DfUnitResult;

extern void df_file_init(DfFile *f, int32 ncodes);
extern void df_file_add_event(DfFile *f, const DfEvent *ev);
extern void df_file_add_step(DfFile *f, int32 src, int32 dst, int32 slot);
extern void df_file_add_reach(DfFile *f, int32 def, int32 use);
extern int32 df_file_keyword(DfFile *f, int32 name);

extern void df_analyse_code(DfFile *f, const DfCode *code, DfUnitResult *result);
extern void df_resolve_links(DfFile *f);

/*
 * df_reach.c: reaching definitions of one code object's events (file numbers first ..
 * first + n - 1, in block order), its variables and attribute paths numbered 0 .. nkeys - 1
 * (key_base: the variable an attribute path starts from, else -1).
 */
extern void df_reaching_definitions(DfFile *f, const DfCode *code, int32 first, int32 n,
									const int32 *event_block, const int32 *key_base, int32 nkeys);

/* ---- df_facts.c: a stored dataflow_files_v1 row read back ---- */

/* Text inside the row's detoasted arrays; len -1 for NULL. */
typedef struct DfText
{
	const char *ptr;
	int32		len;
} DfText;

typedef struct DfFactUnit
{
	int32		code_id;
	int32		parent_code_id;	/* -1 for none */
	DfText		qualname;
	DfText		name;
	int8		kind;			/* DfUnitKind, -1 when NULL or unknown */
	int32		firstlineno1;
	int32		argcount;
	int32		posonlyargcount;
	int32		kwonlyargcount;
	bool		has_varargs;
	bool		has_varkeywords;
	int32		class_code_id;	/* -1 for none */
	int8		method_kind;	/* DfMethodKind */
	int32		event_start;	/* 0 events when the stored range is not valid */
	int32		event_count;
	const int32 *branches;		/* 7 integers per branch */
	int32		nbranches;
} DfFactUnit;

typedef struct DfFactEvent
{
	int8		kind;			/* DfKind, -1 when NULL or unknown */
	DfText		name;
	int32		bstart;			/* -1 for NULL */
	int32		bend;
	int32		line0;
	int32		detail;			/* DF_NO_DETAIL for NULL */
	int32		unit;			/* index into units, -1 when no unit holds it */
} DfFactEvent;

typedef struct DfFacts
{
	DfFactUnit *units;
	int32		nunits;
	DfFactEvent *events;
	int32		nevents;
	const int32 *reaches;		/* pairs; PG_INT32_MIN for a NULL element */
	int32		nreaches;
	const int32 *steps;			/* triples */
	int32		nsteps;
	DfText	   *keywords;
	int32		nkeywords;
} DfFacts;

extern void df_facts_read(const Datum *values, const bool *nulls, DfFacts *out);
extern bool df_text_eq(DfText t, const char *s);

#endif
