/*
 * cst_resolve.c: name bindings per scope and their resolution to qualified names,
 * after LibCST's QualifiedNameProvider / FullyQualifiedNameProvider.
 *
 * A name used in a scope resolves like Python resolves it at run time, statically:
 * a global declaration sends it to the module; a name bound in the scope (assigned,
 * defined, imported, a parameter) resolves there, to every binding the scope has for
 * it (try/except imports give several candidates); otherwise the enclosing function
 * scopes are searched (class bodies are skipped, as Python skips them), then the
 * module, then builtins. Qualified names follow __qualname__ (Outer.method,
 * f.<locals>.g); fully qualified names prefix the module path and resolve relative
 * imports against the package.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "cpg/naming.h"
#include "cst/cst.h"

/* dir(builtins) of CPython 3.11 without the module attributes (__doc__, __name__, ...). */
static const char *const builtin_names[] = {
	"ArithmeticError", "AssertionError", "AttributeError", "BaseException",
	"BaseExceptionGroup", "BlockingIOError", "BrokenPipeError", "BufferError",
	"BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
	"ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError",
	"Ellipsis", "EncodingWarning", "EnvironmentError", "Exception", "ExceptionGroup",
	"False", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
	"GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError",
	"IndexError", "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt",
	"LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "None",
	"NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError",
	"OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
	"RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
	"StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError",
	"SystemExit", "TabError", "TimeoutError", "True", "TypeError", "UnboundLocalError",
	"UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
	"UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
	"__build_class__", "__debug__", "__import__", "abs", "aiter", "all", "anext", "any",
	"ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
	"classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir",
	"divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset",
	"getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
	"isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max",
	"memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property",
	"quit", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted",
	"staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
};

bool
cst_is_builtin(const char *name, int32 len)
{
	int			lo = 0;
	int			hi = lengthof(builtin_names) - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			cmp = strncmp(builtin_names[mid], name, len);

		if (cmp == 0 && builtin_names[mid][len] != '\0')
			cmp = 1;
		if (cmp == 0)
			return true;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

void
cst_bindings_init(CstBindings *b)
{
	b->capacity = 256;
	b->count = 0;
	b->entries = palloc0(sizeof(CstBinding) * b->capacity);
}

static uint32
binding_hash(int32 scope, const char *name, int32 len)
{
	return hash_bytes((const unsigned char *) name, len) ^ ((uint32) scope * 0x9E3779B1u);
}

static CstBinding *
find_slot(CstBindings *b, int32 scope, const char *name, int32 len)
{
	uint32		mask = b->capacity - 1;
	uint32		i = binding_hash(scope, name, len) & mask;

	for (;;)
	{
		CstBinding *e = &b->entries[i];

		if (e->name == NULL ||
			(e->scope == scope && e->len == len && memcmp(e->name, name, len) == 0))
			return e;
		i = (i + 1) & mask;
	}
}

static void
grow(CstBindings *b)
{
	CstBinding *old = b->entries;
	int32		old_capacity = b->capacity;

	b->capacity *= 2;
	b->entries = palloc0(sizeof(CstBinding) * b->capacity);
	for (int32 i = 0; i < old_capacity; i++)
		if (old[i].name != NULL)
			*find_slot(b, old[i].scope, old[i].name, old[i].len) = old[i];
	pfree(old);
}

static CstBinding *
lookup(CstState *st, int32 scope, const char *name, int32 len)
{
	CstBinding *e = find_slot(&st->bindings, scope, name, len);

	return e->name ? e : NULL;
}

void
cst_bind(CstState *st, int32 scope, const char *name, int32 len, uint8 flag,
		 const char *qname, const char *source)
{
	CstBinding *e;

	if (st->bindings.count * 2 >= st->bindings.capacity)
		grow(&st->bindings);
	e = find_slot(&st->bindings, scope, name, len);
	if (e->name == NULL)
	{
		e->scope = scope;
		e->name = name;
		e->len = len;
		st->bindings.count++;
	}
	e->flags |= flag;
	if (qname == NULL)
		return;
	for (int32 i = 0; i < e->ncands; i++)
		if (strcmp(e->cands[i].qname, qname) == 0 && strcmp(e->cands[i].source, source) == 0)
			return;
	if (e->ncands == e->capacity)
	{
		e->capacity = e->capacity ? e->capacity * 2 : 2;
		e->cands = e->cands ? repalloc(e->cands, sizeof(CstCandidate) * e->capacity)
			: palloc(sizeof(CstCandidate) * e->capacity);
	}
	e->cands[e->ncands].qname = qname;
	e->cands[e->ncands].source = source;
	e->cands[e->ncands].definite = (flag & CST_B_DEFINITE) != 0;
	e->ncands++;
}

const char *
cst_scope_role(CstState *st, int32 scope, const char *name, int32 len)
{
	CstBinding *e = lookup(st, scope, name, len);

	if (e == NULL)
		return NULL;
	if (e->flags & CST_B_GLOBAL)
		return "GLOBAL";
	if (e->flags & CST_B_NONLOCAL)
		return "NONLOCAL";
	if (e->flags & CST_B_PARAM)
		return "PARAMETER";
	if (e->flags & CST_B_BOUND)
		return st->scopes[scope].kind == CST_SCOPE_MODULE ? "GLOBAL" : "LOCAL";
	return NULL;
}

/*
 * The scope whose binding a name read in `scope` refers to: the scope itself when it
 * binds the name, else the enclosing function scopes (class bodies are not visible from
 * nested scopes), else the module; a global declaration sends it to the module. -1 when
 * nothing in the file binds it: a builtin, a name a star import brings, or an error.
 */
int32
cst_binding_scope(CstState *st, int32 scope, const char *name, int32 len)
{
	int32		s = scope;

	while (s >= 0)
	{
		CstBinding *e = lookup(st, s, name, len);

		if (e != NULL && (e->flags & CST_B_GLOBAL))
		{
			e = lookup(st, 0, name, len);
			return (e != NULL && (e->flags & (CST_B_BOUND | CST_B_PARAM))) ? 0 : -1;
		}
		if (e != NULL && !(e->flags & CST_B_NONLOCAL) && (e->flags & (CST_B_BOUND | CST_B_PARAM)))
			return s;
		s = st->scopes[s].parent;
		while (s > 0 && st->scopes[s].kind == CST_SCOPE_CLASS)
			s = st->scopes[s].parent;
	}
	return -1;
}

/* The scope a store of a name in `scope` binds in: global and nonlocal declarations move it. */
int32
cst_store_scope(CstState *st, int32 scope, const char *name, int32 len)
{
	CstBinding *e = lookup(st, scope, name, len);

	if (e == NULL)
		return scope;
	if (e->flags & CST_B_GLOBAL)
		return 0;
	if (e->flags & CST_B_NONLOCAL)
	{
		int32		s = st->scopes[scope].parent;

		while (s > 0 && st->scopes[s].kind == CST_SCOPE_CLASS)
			s = st->scopes[s].parent;
		return s > 0 ? cst_binding_scope(st, s, name, len) : scope;
	}
	return scope;
}

int32
cst_resolve(CstState *st, int32 scope, const char *name, int32 len, CstCandidate **cands)
{
	static CstCandidate builtin;
	int32		s = cst_binding_scope(st, scope, name, len);

	if (s >= 0)
	{
		CstBinding *e = lookup(st, s, name, len);

		*cands = e->cands;
		return e->ncands;
	}
	if (cst_is_builtin(name, len))
	{
		builtin.qname = psprintf("builtins.%.*s", len, name);
		builtin.source = "BUILTIN";
		builtin.definite = true;
		*cands = &builtin;
		return 1;
	}
	*cands = NULL;
	return 0;
}

/* The qualified name of a name bound in a scope (a def, a class, a variable). */
char *
cst_child_qualname(const CstState *st, int32 scope, const char *name, int32 len)
{
	const CstScope *s = &st->scopes[scope];

	if (s->kind == CST_SCOPE_MODULE)
		return cst_cap_cstring(st->cap, pnstrdup(name, len));
	if (s->kind == CST_SCOPE_CLASS)
		return cst_cap_cstring(st->cap, psprintf("%s.%.*s", s->qualname, len, name));
	return cst_cap_cstring(st->cap, psprintf("%s.<locals>.%.*s", s->qualname, len, name));
}

char *
cst_fqn(const CstState *st, const CstCandidate *cand)
{
	const char *q = cand->qname;
	int			level = 0;

	if (strcmp(cand->source, "BUILTIN") == 0)
		return pstrdup(q);
	if (strcmp(cand->source, "LOCAL") == 0)
		return st->module_name[0] ? cst_cap_cstring(st->cap, psprintf("%s.%s", st->module_name, q)) : pstrdup(q);
	while (q[level] == '.')
		level++;
	if (level == 0)
		return pstrdup(q);
	return cpg_import_base(st->package_name, level, q + level);
}
