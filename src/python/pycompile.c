/*
 * pycompile.c: CPython's parser as a library, and its exceptions as error rows.
 */
#include "postgres.h"

#include "common/rowtype.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "python/pyembed.h"
#include "python/pycompile.h"
#include "utils/builtins.h"
#include "utils/guc.h"

static PyObject *filename_object = NULL;

/*
 * codecpg.python_max_bytes: the largest source the CPython extractors hand to CPython.
 * CPython's AST of a file takes some 480 times its size in memory (2.3 MB of simple
 * statements peaked at 1.1 GB), and its parser and compiler cannot be interrupted, so
 * a huge file would exhaust memory with no way to cancel. 4 MB keeps one extraction
 * under about 2 GB and is over five times the largest file of the standard library
 * (738 kB); 0 disables the limit. Like codecpg.ts_max_bytes, a larger source yields a
 * row with one error, not an ERROR, so that a bulk INSERT ... SELECT goes on.
 */
#define PY_MAX_BYTES_DEFAULT (4 * 1024 * 1024)
static int	py_max_bytes = PY_MAX_BYTES_DEFAULT;

/* Registered from _PG_init, so SHOW and SET work before the first extraction. */
void
cpg_python_guc_init(void)
{
	DefineCustomIntVariable("codecpg.python_max_bytes",
							"Largest source, in bytes, that the CPython extractors parse.",
							"A larger source yields a row with a SourceTooLarge error and nothing else.",
							&py_max_bytes, PY_MAX_BYTES_DEFAULT, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_BYTE, NULL, NULL, NULL);
}

/*
 * The SourceTooLarge error row for a source over codecpg.python_max_bytes; false, with
 * nothing set, when the source is within the limit.
 */
bool
cpg_py_source_too_large(int32 length, Datum *error)
{
	Datum		values[extract_error__NATTS];
	bool		nulls[extract_error__NATTS] = {0};

	if (py_max_bytes <= 0 || length <= py_max_bytes)
		return false;
	values[extract_error__error_type] = CStringGetTextDatum("SourceTooLarge");
	values[extract_error__message] =
		CStringGetTextDatum(psprintf("source is %d bytes, more than codecpg.python_max_bytes (%d bytes)",
									 length, py_max_bytes));
	nulls[extract_error__span] = true;
	values[extract_error__attrs] =
		cpg_jsonb_from_cstring(psprintf("{\"size\": %d, \"limit\": %d}", length, py_max_bytes));
	*error = cpg_form_composite(cpg_tupdesc(CPG_T_extract_error), values, nulls);
	return true;
}

PyObject *
cpg_py_filename(void)
{
	cpg_py_ensure();
	if (filename_object == NULL)
	{
		filename_object = PyUnicode_InternFromString(CPG_PY_FILENAME);
		if (filename_object == NULL)
			cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "creating a Python string");
	}
	return filename_object;
}

/*
 * Length of a leading UTF-8 byte order mark. The extractors parse the text after it, as
 * Python's import does (ast.parse of a str would reject U+FEFF as a character), and
 * shift first-line columns back by its bytes.
 */
int32
cpg_py_bom_length(const char *source, int32 length)
{
	return (length >= CPG_PY_BOM_LEN && memcmp(source, CPG_PY_BOM, CPG_PY_BOM_LEN) == 0) ? CPG_PY_BOM_LEN : 0;
}

/*
 * Compile UTF-8 source the way compile(source_str, "<unknown>", "exec") does: the text is
 * already decoded, so a coding declaration in it must be ignored, and the grammar is this
 * Python's own (feature version 0 would select Python 3.0's). Returns a new reference,
 * or NULL with the Python exception set.
 */
static PyObject *
compile_source(const char *source, int cf_flags)
{
	PyCompilerFlags flags = _PyCompilerFlags_INIT;
	PyObject   *filename = cpg_py_filename();
	PyObject   *result;
	int			gc_was_enabled;

	flags.cf_flags = cf_flags | PyCF_IGNORE_COOKIE | PyCF_SOURCE_IS_UTF8;
	flags.cf_feature_version = PY_MINOR_VERSION;

	/*
	 * A large file becomes a million Python objects at once; the cyclic collector would
	 * scan them again and again while they are created, yet neither an AST nor a tree of
	 * code objects has cycles, so reference counting alone frees them.
	 */
	gc_was_enabled = PyGC_Disable();
	result = Py_CompileStringObject(source, filename, Py_file_input, &flags, -1);
	if (gc_was_enabled)
		PyGC_Enable();
	return result;
}

/* An ast.Module, as ast.parse(source, type_comments=True) gives it. */
PyObject *
cpg_py_parse_ast(const char *source)
{
	return compile_source(source, PyCF_ONLY_AST | PyCF_TYPE_COMMENTS);
}

/* The module's code object, compiled and never run. */
PyObject *
cpg_py_compile_code(const char *source)
{
	return compile_source(source, 0);
}

/* An int attribute of an exception, or -1 when absent or not an int. */
static int32
int_attr(PyObject *value, const char *name)
{
	PyObject   *attr = PyObject_GetAttrString(value, name);
	long		result = -1;

	if (attr == NULL)
		PyErr_Clear();
	else
	{
		if (PyLong_Check(attr))
		{
			result = PyLong_AsLong(attr);
			if (result == -1 && PyErr_Occurred())
				PyErr_Clear();
		}
		Py_DECREF(attr);
	}
	return (result < 0 || result > PG_INT32_MAX) ? -1 : (int32) result;
}

static int32
line_end(const CpgLineIndex *lines, int32 line0)
{
	return line0 + 1 < lines->nlines ? lines->starts[line0 + 1] : lines->length;
}

static int32
byte_column_offset(const CpgLineIndex *lines, int32 line0, int32 col)
{
	return Min(lines->starts[line0] + col, line_end(lines, line0));
}

/*
 * CPython's parser and tokenizer report 1-based character columns, counted on the text
 * of the error's first line (so an end on a later line was counted on the first line's
 * text too, and is mapped back through it: exact while that line is ASCII up to the
 * column, off by up to 3 bytes otherwise, as CPython's count lost the difference); the
 * symbol table and compiler report 1-based byte columns, and then give no text because
 * the file name names no file.
 */
static void
locate_syntax_error(const CpgLineIndex *lines, int32 bom, CpgPyError *error)
{
	int32		line0 = error->lineno - 1;
	int32		end_line0 = error->end_lineno - 1;
	/* The BOM precedes CPython's columns on the first line: one character, or its bytes. */
	int32		start_shift = line0 == 0 ? (error->char_columns ? (bom > 0) : bom) : 0;
	int32		end_shift = end_line0 == 0 ? (error->char_columns ? (bom > 0) : bom) : 0;
	int32		bstart;
	int32		bend = -1;

	if (error->lineno < 1 || line0 >= lines->nlines)
		return;
	if (error->offset < 1)
		bstart = lines->starts[line0] + (line0 == 0 ? bom : 0);
	else if (error->char_columns)
		bstart = cpg_lines_codepoint_offset(lines, line0, error->offset - 1 + start_shift);
	else
		bstart = byte_column_offset(lines, line0, error->offset - 1 + start_shift);

	if (error->end_lineno >= 1 && end_line0 < lines->nlines && error->end_offset >= 1)
	{
		if (!error->char_columns)
			bend = byte_column_offset(lines, end_line0, error->end_offset - 1 + end_shift);
		else if (end_line0 == line0)
			bend = cpg_lines_codepoint_offset(lines, end_line0, error->end_offset - 1 + end_shift);
		else
		{
			int32		on_first = cpg_lines_codepoint_offset(lines, line0, error->end_offset - 1 + start_shift);
			int32		first_bytes = on_first - lines->starts[line0] - (line0 == 0 ? bom : 0);

			if (on_first < line_end(lines, line0))
				bend = byte_column_offset(lines, end_line0, first_bytes + end_shift);
			else
				bend = cpg_lines_codepoint_offset(lines, end_line0, error->end_offset - 1 + end_shift);
		}
	}
	if (bend < bstart)
		bend = bstart;
	error->span.bstart = bstart;
	error->span.bend = bend;
	cpg_lines_locate(lines, bstart, &error->span.line0, &error->span.col);
	cpg_lines_locate(lines, bend, &error->span.end_line0, &error->span.end_col);
}

/*
 * Fetch and clear the pending Python exception into *error; bom is the length of the
 * byte order mark skipped before parsing. Returns false when no exception was pending.
 * Never raises: the caller decides whether this is a row.
 */
bool
cpg_py_fetch_error(const CpgLineIndex *lines, int32 bom, CpgPyError *error)
{
	PyObject   *type;
	PyObject   *value;
	PyObject   *traceback;

	PyErr_Fetch(&type, &value, &traceback);
	if (type == NULL)
		return false;
	PyErr_NormalizeException(&type, &value, &traceback);
	memset(error, 0, sizeof(*error));
	error->span = (CpgSpan) CPG_SPAN_UNKNOWN;
	error->lineno = error->offset = error->end_lineno = error->end_offset = -1;
	error->error_type = pstrdup(((PyTypeObject *) type)->tp_name);
	if (value != NULL && PyErr_GivenExceptionMatches(type, PyExc_SyntaxError))
	{
		PyObject   *msg = PyObject_GetAttrString(value, "msg");
		PyObject   *text = PyObject_GetAttrString(value, "text");

		if (msg == NULL)
			PyErr_Clear();
		error->message = (msg && msg != Py_None) ? cpg_py_str(msg) : cpg_py_str(value);
		if (text == NULL)
			PyErr_Clear();
		error->char_columns = text != NULL && text != Py_None;
		Py_XDECREF(msg);
		Py_XDECREF(text);
		error->lineno = int_attr(value, "lineno");
		error->offset = int_attr(value, "offset");
		error->end_lineno = int_attr(value, "end_lineno");
		error->end_offset = int_attr(value, "end_offset");
		locate_syntax_error(lines, bom, error);
	}
	else
		error->message = value ? cpg_py_str(value) : pstrdup("");
	/*
	 * CPython raises some exceptions without a message: its parser's MemoryError on
	 * nesting too deep for its stack (200,000 unary minus signs) says nothing at all.
	 */
	if (error->message[0] == '\0')
		error->message = PyErr_GivenExceptionMatches(type, PyExc_MemoryError)
			? pstrdup("CPython ran out of memory on this source (its parser raises MemoryError on nesting too deep for its stack)")
			: psprintf("CPython raised %s without a message", error->error_type);
	Py_XDECREF(type);
	Py_XDECREF(value);
	Py_XDECREF(traceback);
	return true;
}

static const char *
json_int(int32 value)
{
	return value < 0 ? "null" : psprintf("%d", value);
}

/*
 * The extract_error row of a failure. attrs keeps CPython's raw position and its
 * column unit, so the conversion to bytes can be checked.
 */
Datum
cpg_py_error_datum(const CpgPyError *error)
{
	Datum		values[extract_error__NATTS];
	bool		nulls[extract_error__NATTS] = {0};

	values[extract_error__error_type] = CStringGetTextDatum(error->error_type);
	values[extract_error__message] = CStringGetTextDatum(error->message);
	if (error->span.bstart >= 0)
		values[extract_error__span] = cpg_span_datum(cpg_tupdesc(CPG_T_span), &error->span);
	else
		nulls[extract_error__span] = true;
	if (error->lineno >= 1)
	{
		StringInfoData buf;

		initStringInfo(&buf);
		appendStringInfo(&buf, "{\"lineno\": %d, \"offset\": %s, \"end_lineno\": %s, \"end_offset\": %s, \"offset_unit\": \"%s\"}",
						 error->lineno, json_int(error->offset), json_int(error->end_lineno),
						 json_int(error->end_offset), error->char_columns ? "character" : "byte");
		values[extract_error__attrs] = cpg_jsonb_from_cstring(buf.data);
	}
	else
		nulls[extract_error__attrs] = true;
	return cpg_form_composite(cpg_tupdesc(CPG_T_extract_error), values, nulls);
}

/*
 * The span of a whole line without its terminator, for facts CPython locates by line
 * only (type: ignore comments, symbol tables); unknown when the line does not exist.
 */
void
cpg_line_span(const CpgLineIndex *lines, int32 line0, CpgSpan *span)
{
	int32		end;

	*span = (CpgSpan) CPG_SPAN_UNKNOWN;
	if (line0 < 0 || line0 >= lines->nlines)
		return;
	end = line_end(lines, line0);
	while (end > lines->starts[line0] &&
		   (lines->source[end - 1] == '\n' || lines->source[end - 1] == '\r'))
		end--;
	span->bstart = lines->starts[line0];
	span->bend = end;
	span->line0 = span->end_line0 = line0;
	span->col = 0;
	span->end_col = end - span->bstart;
}
