/*
 * summary.h: the per-file summary the call-graph resolver reads.
 *
 * The CST extractor walks each file once; from its scopes and name bindings it also
 * builds this summary, a small program in which only what moves values around is left:
 * definitions, where names are bound and read, attribute and item stores, calls with
 * their arguments, returns and yields, imports, class bases and decorators, and the
 * statements that run protocol methods implicitly (with, for, operators). It is stored
 * with the file (libcst_files_v1.summary) and changes only when the file does; the
 * repository solve (solve.h) reads summaries only.
 *
 * Names are resolved to the scope that binds them as Python does it statically (the
 * symbol table's rules), so the solve never looks at syntax. Module names are not in
 * the summary: they depend on the repository's layout (naming.h), which may change
 * without the file changing.
 *
 * Every record is a fixed number of int32s; the stored form (summary_codec.c) is a
 * header, a string table and the record arrays.
 */
#ifndef CODECPG_SUMMARY_H
#define CODECPG_SUMMARY_H

#include "postgres.h"

#include "common/bulk.h"

/* Bumped whenever the meaning or layout of a record changes: older summaries are rebuilt. */
#define SUM_FORMAT_VERSION 12

typedef enum SumScopeKind
{
	SS_MODULE,
	SS_CLASS,
	SS_FUNCTION,
	SS_LAMBDA,
	SS_COMPREHENSION,
} SumScopeKind;

#define SSF_ASYNC		0x01	/* async def */
#define SSF_GENERATOR	0x02	/* the body yields */
#define SSF_STAR_IMPORT 0x04	/* the scope holds a star import */

typedef struct SumScope
{
	int32		kind;			/* SumScopeKind */
	int32		flags;			/* SSF_* */
	int32		parent;			/* enclosing scope; -1 for the module */
	int32		def_ord;		/* the CST definition (libcst defs[].def_id) + 1; 0 for the module, -1 for a comprehension */
	int32		name;			/* string; -1 for the module and comprehensions */
	int32		qualname;		/* string: __qualname__; -1 for the module */
	int32		def_bstart;		/* the definition, decorators included */
	int32		def_bend;
	int32		name_bstart;	/* the defined name; -1 for modules, lambdas, comprehensions */
	int32		name_bend;
	int32		line0;			/* line of the def or lambda keyword */
	int32		first_param;	/* params[first_param .. first_param + nparams) */
	int32		nparams;
	int32		first_deco;		/* elems[...]: decorator expressions, top first */
	int32		ndecos;
	int32		first_base;		/* elems[...]: base class expressions in order */
	int32		nbases;
	int32		returns_annot;	/* the classes a def's return annotation names (as SumParam.annot), or -1 */
	int32		metaclass;		/* a class statement's metaclass= expression, or -1 */
} SumScope;

typedef enum SumParamKind
{
	SP_POSONLY,
	SP_POS,
	SP_VARARGS,
	SP_KWONLY,
	SP_VARKW,
} SumParamKind;

typedef struct SumParam
{
	int32		name;			/* string */
	int32		kind;			/* SumParamKind */
	int32		dflt;			/* expression of the default value, or -1 */
	int32		annot;			/* the classes its annotation names (names, SO_UNION of them), or -1 */
} SumParam;

/*
 * Expressions. Every expression is evaluated by the scope `scope` (a comprehension's
 * expressions by the comprehension); a, b, c by op; bstart/bend the span that names
 * the evidence of an edge (the call, the attribute, the operator), -1 when unused.
 */
typedef enum SumOp
{
	SO_UNKNOWN,					/* a value the summary does not follow */
	SO_NAME,					/* a = binding scope, or -1: a global bound nowhere in the file; b = name */
	SO_CONST,					/* a = SumConst; b = string for str constants, else -1; c = an f-string's literal prefix + 1, else 0 */
	SO_ATTR,					/* a = object; b = name */
	SO_CALL,					/* a = callee; b = first arg (args[]); c = number of args */
	SO_SUBSCR,					/* a = object; b = index; c = SO_SUBSCR_SLICE for a slice (lst[1:]) */
	SO_CONTAINER,				/* a = SumContainer; b = first elem (elems[]); c = count (dict: key, value pairs) */
	SO_COMP,					/* a = SumContainer; b = element (dict: key); c = value (dict) or -1 */
	SO_FUNC,					/* a = scope of the def or lambda: the function object, undecorated */
	SO_CLASS,					/* a = scope of the class, undecorated */
	SO_DECORATE,				/* a = decorator; b = what it decorates */
	SO_BINOP,					/* a = left; b = right; c = SumOperator */
	SO_UNARY,					/* a = operand; c = SumOperator */
	SO_COMPARE,					/* a = left; b = right; c = SumOperator */
	SO_UNION,					/* a, b: either value (and/or, a conditional expression) */
	SO_AWAIT,					/* a = awaited */
	SO_ITER,					/* a = iterable: one element of it; c = SO_ITER_* flags */
	SO_ELEM,					/* a = value; b = index of an unpacked element, -1 unknown */
	SO_STARREST,				/* a = value: a list of its remaining elements */
	SO_ENTER,					/* a = context manager: what `as` binds; c = 1 for async */
	SO_FORMAT,					/* a = value formatted by an f-string; c = conversion 's', 'r', 'a' or 0 */
	SO_EXCEPT,					/* a = the classes an except clause names: an instance of them */
	SO_IMPORT,					/* a = import record: the value it binds */
	SO_YIELD_FROM,				/* a = delegated iterable: the value of `yield from` */
} SumOp;

/* SumExpr.c of an SO_SUBSCR whose index is a slice: its value is a new sequence */
#define SO_SUBSCR_SLICE	0x01

/* SumExpr.c of an SO_ITER */
#define SO_ITER_ASYNC	0x01	/* async for */
#define SO_ITER_SIZED	0x02	/* * in a list or tuple display: the length hint is asked first */

typedef enum SumConst
{
	SC_STR,
	SC_BYTES,
	SC_NUMBER,
	SC_BOOL,
	SC_NONE,
	SC_OTHER,
} SumConst;

typedef enum SumContainer
{
	SK_LIST,
	SK_TUPLE,
	SK_SET,
	SK_DICT,
	SK_GENERATOR,				/* generator expressions only */
	SK_SLICE,					/* a slice's start, stop and step (-1: left out); not a value */
} SumContainer;

/* Operators of SO_BINOP, SO_UNARY and SO_COMPARE; `inplace` binops add SUM_INPLACE. */
typedef enum SumOperator
{
	OP_ADD, OP_SUB, OP_MUL, OP_MATMUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_POW,
	OP_LSHIFT, OP_RSHIFT, OP_AND, OP_OR, OP_XOR,
	OP_NEG, OP_POS, OP_INVERT,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_NOT_IN, OP_IS, OP_IS_NOT,
	OP__COUNT
} SumOperator;

#define SUM_INPLACE 0x100

typedef struct SumExpr
{
	int32		op;				/* SumOp */
	int32		scope;
	int32		a;
	int32		b;
	int32		c;
	int32		bstart;
	int32		bend;
} SumExpr;

typedef enum SumArgKind
{
	SA_POS,
	SA_STAR,
	SA_KEYWORD,
	SA_DSTAR,
} SumArgKind;

typedef struct SumArg
{
	int32		kind;			/* SumArgKind */
	int32		name;			/* string for a keyword, else -1 */
	int32		expr;
} SumArg;

/*
 * Effects: what statements do with values. Flow-insensitive: their order carries no
 * meaning. `scope` is the scope whose code has the effect.
 */
typedef enum SumEffectKind
{
	SE_STORE_NAME,				/* a = binding scope; b = name; c = value */
	SE_STORE_ATTR,				/* a = object; b = name; c = value; span: the target */
	SE_STORE_SUBSCR,			/* a = object; b = index; c = value; span: the target */
	SE_DEL_ATTR,				/* a = object; b = name; span: the target */
	SE_DEL_SUBSCR,				/* a = object; b = index; span: the target */
	SE_RETURN,					/* a = function scope; c = value; b = NAME of an enclosing
								 * `if NAME is None:` (or elif) in that function, or -1 */
	SE_YIELD,					/* a = function scope; c = value */
	SE_YIELD_FROM,				/* a = function scope; c = delegated iterable */
	SE_CLASS_BODY,				/* a = class scope: the scope runs the class body; span: the class */
	SE_TRUTH,					/* c = value tested for truth (if, while, and, or, not); span: it */
	SE_IMPORT,					/* a = import record: the statement runs the modules it names */
	SE_ANNOTATE,				/* a = binding scope; b = name; c = the classes `name: T [= value]` names (as
								 * SumParam.annot), or -1; in a class body, one per field, in order */
} SumEffectKind;

typedef struct SumEffect
{
	int32		kind;			/* SumEffectKind */
	int32		scope;
	int32		a;
	int32		b;
	int32		c;
	int32		bstart;
	int32		bend;
} SumEffect;

/*
 * One imported name. `import a.b.c` binds a (bind = "a", module = "a.b.c", name = -1);
 * `import a.b as x` binds x to a.b (name = module); `from ..m import n as k` has level 2, module "m",
 * name "n", bind "k"; a star import has name -1 and star set.
 */
typedef struct SumImport
{
	int32		scope;			/* the scope the statement binds in */
	int32		is_from;
	int32		module;			/* string, dotted, without leading dots ("" for `from . import x`) */
	int32		level;
	int32		name;			/* string, or -1 */
	int32		bind;			/* string: the name bound, or -1 for a star import */
	int32		star;
	int32		bstart;			/* the alias (libcst imports[].alias_bstart/bend) */
	int32		bend;
	int32		stmt_bstart;
	int32		stmt_bend;
} SumImport;

/* A file's summary, decoded (or being built): arrays and a string table. */
typedef struct Summary
{
	SumScope   *scopes;
	int32		nscopes;
	SumParam   *params;
	int32		nparams;
	SumExpr    *exprs;
	int32		nexprs;
	SumArg	   *args;
	int32		nargs;
	int32	   *elems;
	int32		nelems;
	SumEffect  *effects;
	int32		neffects;
	SumImport  *imports;
	int32		nimports;
	int32	   *all_names;		/* strings of the module's literal __all__, in order */
	int32		nall;
	int32		all_state;		/* SUM_ALL_* */
	char	  **strings;
	int32		nstrings;
} Summary;

#define SUM_ALL_ABSENT		0	/* no __all__: a star import takes every public name */
#define SUM_ALL_LITERAL		1	/* all_names is __all__ */
#define SUM_ALL_DYNAMIC		2	/* __all__ is computed: its names are not known */

/* summary_codec.c */
extern bytea *cpg_summary_encode(const Summary *s);
extern bool cpg_summary_decode(const bytea *blob, Summary *s, BulkArena *arena);

#endif
