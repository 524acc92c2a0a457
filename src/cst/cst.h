/*
 * cst.h: the CST extractor's shared state: scopes, name bindings and their
 * resolution to qualified names, over the flattened tree-sitter tree.
 */
#ifndef CODECPG_CST_H
#define CODECPG_CST_H

#include "lib/stringinfo.h"
#include "treesitter/ts_parse.h"

typedef enum CstScopeKind
{
	CST_SCOPE_MODULE,
	CST_SCOPE_CLASS,
	CST_SCOPE_FUNCTION,
	CST_SCOPE_LAMBDA,
	CST_SCOPE_COMPREHENSION,
} CstScopeKind;

typedef struct CstScope
{
	CstScopeKind kind;
	int32		parent;			/* enclosing scope, -1 for the module */
	int32		def_id;			/* the definition owning it, -1 for module/comprehension */
	const char *qualname;		/* Python __qualname__ of the scope; NULL for the module */
} CstScope;

/* How a name is bound in one scope (flags accumulate over the whole scope). */
#define CST_B_GLOBAL	0x01	/* declared global */
#define CST_B_NONLOCAL	0x02	/* declared nonlocal */
#define CST_B_PARAM		0x04	/* a parameter */
#define CST_B_BOUND		0x08	/* assigned, defined or imported */
#define CST_B_DEFINITE	0x10	/* the candidate names what is bound: a def, class or import */

typedef struct CstCandidate
{
	const char *qname;
	const char *source;			/* LOCAL, IMPORT or BUILTIN (LibCST QualifiedNameSource) */
	bool		definite;		/* a def, class, import or builtin, not a variable */
} CstCandidate;

typedef struct CstBinding
{
	int32		scope;
	const char *name;			/* points into the source, not terminated */
	int32		len;
	uint8		flags;
	CstCandidate *cands;
	int32		ncands;
	int32		capacity;
} CstBinding;

typedef struct CstBindings
{
	CstBinding *entries;		/* open addressing; name == NULL is empty */
	int32		capacity;
	int32		count;
} CstBindings;

/* The bound on derived text (cst_cap.c). */
typedef struct CstTextCap
{
	int64		budget;			/* bytes of derived text left before the tighter bound */
	bool		truncated;		/* a text was cut since cst_cap_reset */
} CstTextCap;

#define CST_TEXT_MARK "\xE2\x80\xA6"	/* U+2026 HORIZONTAL ELLIPSIS ends a cut text */

typedef struct CstState
{
	const char *module_name;	/* dotted, from the path; "" when none */
	const char *package_name;
	CstScope   *scopes;
	int32		nscopes;
	int32		scopes_capacity;
	int32	   *scope_of;		/* per node: the scope its evaluation happens in */
	CstBindings bindings;
	CstTextCap *cap;			/* shared by every derived text of the file */
} CstState;

/* cst_resolve.c */
extern void cst_bindings_init(CstBindings *b);
extern void cst_bind(CstState *st, int32 scope, const char *name, int32 len, uint8 flag,
					 const char *qname, const char *source);
extern const char *cst_scope_role(CstState *st, int32 scope, const char *name, int32 len);
extern int32 cst_resolve(CstState *st, int32 scope, const char *name, int32 len,
						 CstCandidate **cands);
extern int32 cst_binding_scope(CstState *st, int32 scope, const char *name, int32 len);
extern int32 cst_store_scope(CstState *st, int32 scope, const char *name, int32 len);
extern bool cst_is_builtin(const char *name, int32 len);
extern char *cst_fqn(const CstState *st, const CstCandidate *cand);
extern char *cst_child_qualname(const CstState *st, int32 scope, const char *name, int32 len);

/* cst_cap.c */
extern void cst_cap_init(CstTextCap *cap, int32 source_length);
extern char *cst_cap_cstring(CstTextCap *cap, char *s);
extern Datum cst_cap_text(CstTextCap *cap, const char *s, int32 len);
extern void cst_cap_reset(CstTextCap *cap);
extern Datum cst_truncated_attrs(CstTextCap *cap, bool *isnull);

/* cst_strings.c */
extern bool cst_decode_string(const char *text, int len, StringInfo out);

#endif
