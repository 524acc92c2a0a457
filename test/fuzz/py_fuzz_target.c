/*
 * py_fuzz_target.c - libFuzzer target for the CPython side of the extractors, outside
 * PostgreSQL: the embedded CPython 3.11 (configured as src/python/pyembed.c does) parses
 * each input as codecpg does (ast with type comments, the _symtable module, compile to
 * code objects, never run), and codecpg's bytecode decoder (src/python/bytecode_decode.c,
 * linked with test/fuzz/pg_shim.c) decodes every code object: instructions, positions,
 * exception table, blocks and CFG edges, whose invariants are checked. The decoder is
 * also given the raw input as code, line table and exception table, so that it holds on
 * bytes CPython would never produce.
 *
 * The extractors' row building (ast_extract.c, symtable_extract.c, bytecode_extract.c)
 * needs a backend; the corpus is replayed through them inside PostgreSQL by
 * test/shell/fuzz_replay.sh.
 */
#include "postgres.h"

#include <Python.h>

#include "python/bytecode.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void		shim_reset(void);

static PyObject *symtable_func;

static void
python_start(void)
{
	PyConfig	config;
	PyObject   *mod;

	PyConfig_InitIsolatedConfig(&config);
	config.install_signal_handlers = 0;
	config.write_bytecode = 0;
	config.site_import = 0;
	config.parse_argv = 0;
	if (PyStatus_Exception(PyWideStringList_Append(&config.warnoptions, L"ignore")) ||
		PyStatus_Exception(Py_InitializeFromConfig(&config)))
		abort();
	PyConfig_Clear(&config);
	mod = PyImport_ImportModule("_symtable");
	if (mod == NULL)
		abort();
	symtable_func = PyObject_GetAttrString(mod, "symtable");
	Py_DECREF(mod);
	if (symtable_func == NULL)
		abort();
}

static PyObject *
compile_as_codecpg(const char *source, int cf_flags)
{
	PyCompilerFlags flags = _PyCompilerFlags_INIT;
	PyObject   *filename = PyUnicode_FromString("<unknown>");
	PyObject   *result;

	flags.cf_flags = cf_flags | PyCF_IGNORE_COOKIE | PyCF_SOURCE_IS_UTF8;
	flags.cf_feature_version = PY_MINOR_VERSION;
	result = Py_CompileStringObject(source, filename, Py_file_input, &flags, -1);
	Py_DECREF(filename);
	return result;
}

static void
check_decoded(const BcDecoded *d)
{
	for (int32 i = 0; i < d->ninstrs; i++)
	{
		const BcInstr *ins = &d->instrs[i];

		if (ins->offset < 0 || ins->offset >= d->code_len || ins->end_offset > d->code_len ||
			(i > 0 && ins->offset <= d->instrs[i - 1].offset))
			abort();
	}
	for (int32 b = 0; b < d->nblocks; b++)
	{
		const BcBlock *blk = &d->blocks[b];

		if (blk->first_instr < 0 || blk->last_instr >= d->ninstrs || blk->first_instr > blk->last_instr)
			abort();
	}
	for (int32 e = 0; e < d->nedges; e++)
		if (d->edges[e].src < 0 || d->edges[e].src >= d->nblocks ||
			d->edges[e].dst < 0 || d->edges[e].dst >= d->nblocks ||
			d->edges[e].exc_index >= d->nexc)
			abort();
}

static void
decode_code(PyCodeObject *co, int depth)
{
	PyObject   *code = PyCode_GetCode(co);
	BcDecoded	d;

	if (code == NULL || depth > 200)
	{
		PyErr_Clear();
		Py_XDECREF(code);
		return;
	}
	bc_decode(&d, (const uint8 *) PyBytes_AS_STRING(code), (int32) PyBytes_GET_SIZE(code),
			  (const uint8 *) PyBytes_AS_STRING(co->co_linetable), (int32) PyBytes_GET_SIZE(co->co_linetable),
			  co->co_firstlineno,
			  (const uint8 *) PyBytes_AS_STRING(co->co_exceptiontable), (int32) PyBytes_GET_SIZE(co->co_exceptiontable));
	check_decoded(&d);
	Py_DECREF(code);
	for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(co->co_consts); i++)
	{
		PyObject   *c = PyTuple_GET_ITEM(co->co_consts, i);

		if (PyCode_Check(c))
			decode_code((PyCodeObject *) c, depth + 1);
	}
}

/* Every table of the symbol table, as symtable_extract.c walks them. */
static void
walk_symtable(PyObject *table, int depth)
{
	PyObject   *children;
	PyObject   *symbols;

	if (depth > 500)
		return;
	symbols = PyObject_GetAttrString(table, "symbols");
	children = PyObject_GetAttrString(table, "children");
	if (symbols == NULL || children == NULL || !PyDict_Check(symbols) || !PyList_Check(children))
		abort();
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++)
		walk_symtable(PyList_GET_ITEM(children, i), depth + 1);
	Py_DECREF(symbols);
	Py_DECREF(children);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *source;
	PyObject   *result;
	PyObject   *text;

	if (symtable_func == NULL)
		python_start();
	(void) bc_op_tables();
	/* Stored sources are PostgreSQL text: no NUL byte, valid UTF-8 (decoded at ingestion). */
	source = strndup((const char *) data, size);
	text = PyUnicode_DecodeUTF8(source, strlen(source), NULL);
	if (text == NULL)
		PyErr_Clear();
	else
	{
		result = compile_as_codecpg(source, PyCF_ONLY_AST | PyCF_TYPE_COMMENTS);
		if (result == NULL)
			PyErr_Clear();
		Py_XDECREF(result);

		result = PyObject_CallFunction(symtable_func, "Oss", text, "<unknown>", "exec");
		if (result == NULL)
			PyErr_Clear();
		else
			walk_symtable(result, 0);
		Py_XDECREF(result);

		result = compile_as_codecpg(source, 0);
		if (result == NULL)
			PyErr_Clear();
		else if (PyCode_Check(result))
			decode_code((PyCodeObject *) result, 0);
		Py_XDECREF(result);
		Py_DECREF(text);
	}
	free(source);

	/* The decoder on raw bytes: even-length code, then line table, then exception table. */
	{
		size_t		third = size / 3;
		BcDecoded	d;

		bc_decode(&d, data, (int32) (third & ~(size_t) 1), data + third, (int32) third,
				  size ? data[0] : 1, data + 2 * third, (int32) (size - 2 * third));
		check_decoded(&d);
	}
	shim_reset();
	return 0;
}
