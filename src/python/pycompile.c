/*
 * pycompile.c: compile indexed source to a code object (never run it) and turn a
 * compilation failure into data with a byte span.
 */
#include "postgres.h"

#include "python/pycompile.h"
#include "utils/memutils.h"

#define UTF8_BOM "\xef\xbb\xbf"

/*
 * A copy of a Python str that never throws: Python references are still held by the
 * caller, so a PostgreSQL error here would leak them. NULL when it cannot be had.
 */
static char *
str_copy_noerror(PyObject *object)
{
	PyObject   *str = object ? PyObject_Str(object) : NULL;
	const char *utf8;
	Py_ssize_t	len;
	char	   *copy = NULL;

	if (str == NULL)
	{
		PyErr_Clear();
		return NULL;
	}
	utf8 = PyUnicode_AsUTF8AndSize(str, &len);
	if (utf8 != NULL && (Size) len < MaxAllocSize)
	{
		copy = palloc_extended(len + 1, MCXT_ALLOC_NO_OOM);
		if (copy)
			memcpy(copy, utf8, len + 1);
	}
	PyErr_Clear();
	Py_DECREF(str);
	return copy;
}

static long
long_attr(PyObject *object, const char *name)
{
	PyObject   *value = PyObject_GetAttrString(object, name);
	long		result = -1;

	if (value != NULL && PyLong_Check(value))
		result = PyLong_AsLong(value);
	Py_XDECREF(value);
	PyErr_Clear();
	return result;
}

/*
 * SyntaxError positions are 1-based lines and 1-based character (code point) offsets
 * for source given as text; the span ABI wants bytes. A BOM the compiler skipped is
 * one more code point on the first line.
 */
static void
syntax_error_span(const CpgLineIndex *lines, CpgPyFailure *f)
{
	int32		bom = lines->length >= 3 && memcmp(lines->source, UTF8_BOM, 3) == 0 ? 1 : 0;
	int32		line0 = f->lineno >= 1 && f->lineno <= PG_INT32_MAX ? (int32) f->lineno - 1 : -1;
	int32		end_line0 = f->end_lineno >= 1 && f->end_lineno <= PG_INT32_MAX ? (int32) f->end_lineno - 1 : -1;

	f->span = (CpgSpan) CPG_SPAN_UNKNOWN;
	if (line0 < 0 || line0 >= lines->nlines)
		return;
	f->span.line0 = line0;
	if (f->offset >= 1 && f->offset <= PG_INT32_MAX)
	{
		f->span.bstart = cpg_lines_codepoint_offset(lines, line0,
													(int32) f->offset - 1 + (line0 == 0 ? bom : 0));
		if (f->span.bstart >= 0)
			f->span.col = f->span.bstart - lines->starts[line0];
	}
	if (end_line0 >= line0 && end_line0 < lines->nlines && f->end_offset >= 1 && f->end_offset <= PG_INT32_MAX)
	{
		f->span.bend = cpg_lines_codepoint_offset(lines, end_line0,
												  (int32) f->end_offset - 1 + (end_line0 == 0 ? bom : 0));
		if (f->span.bend >= 0)
		{
			f->span.end_line0 = end_line0;
			f->span.end_col = f->span.bend - lines->starts[end_line0];
		}
	}
	/* A point location (no end, or an end before the start) is an empty span. */
	if (f->span.bstart >= 0 && (f->span.bend < f->span.bstart))
	{
		f->span.bend = f->span.bstart;
		f->span.end_line0 = f->span.line0;
		f->span.end_col = f->span.col;
	}
}

/* Fetch and clear the pending Python exception into failure. */
void
cpg_py_take_failure(const CpgLineIndex *lines, CpgPyFailure *failure)
{
	PyObject   *type;
	PyObject   *value;
	PyObject   *traceback;
	PyObject   *msg = NULL;
	PyObject   *name;

	memset(failure, 0, sizeof(*failure));
	failure->span = (CpgSpan) CPG_SPAN_UNKNOWN;
	failure->lineno = failure->offset = failure->end_lineno = failure->end_offset = -1;
	PyErr_Fetch(&type, &value, &traceback);
	if (type == NULL)
	{
		failure->error_type = "SystemError";
		failure->message = "Python failed without an exception";
		return;
	}
	PyErr_NormalizeException(&type, &value, &traceback);
	if (value != NULL && PyErr_GivenExceptionMatches(type, PyExc_SyntaxError))
	{
		failure->has_location = true;
		failure->lineno = long_attr(value, "lineno");
		failure->offset = long_attr(value, "offset");
		failure->end_lineno = long_attr(value, "end_lineno");
		failure->end_offset = long_attr(value, "end_offset");
		msg = PyObject_GetAttrString(value, "msg");
		PyErr_Clear();
	}
	failure->message = str_copy_noerror(msg ? msg : value);
	name = PyObject_GetAttrString(type, "__name__");
	failure->error_type = str_copy_noerror(name);
	Py_XDECREF(name);
	PyErr_Clear();
	Py_XDECREF(msg);
	Py_XDECREF(type);
	Py_XDECREF(value);
	Py_XDECREF(traceback);
	if (failure->error_type == NULL)
		failure->error_type = pstrdup("Exception");
	if (failure->message == NULL)
		failure->message = pstrdup("");
	if (failure->has_location)
		syntax_error_span(lines, failure);
}

PyObject *
cpg_py_compile_module(const char *source, const char *filename,
					  const CpgLineIndex *lines, CpgPyFailure *failure)
{
	PyCompilerFlags flags = _PyCompilerFlags_INIT;
	PyObject   *name;
	PyObject   *code;

	/* 0 would select the Python 3.0 grammar. */
	flags.cf_feature_version = PY_MINOR_VERSION;
	/* As compile() does for a str: the text is UTF-8 already, a coding cookie must not re-decode it. */
	flags.cf_flags = PyCF_IGNORE_COOKIE | PyCF_SOURCE_IS_UTF8;
	/* Python's import skips a UTF-8 BOM; compiling text would reject it as a character. */
	if (strncmp(source, UTF8_BOM, 3) == 0)
		source += 3;
	name = PyUnicode_DecodeUTF8(filename, strlen(filename), "replace");
	if (name == NULL)
	{
		cpg_py_take_failure(lines, failure);
		return NULL;
	}
	code = Py_CompileStringObject(source, name, Py_file_input, &flags, -1);
	Py_DECREF(name);
	if (code == NULL)
		cpg_py_take_failure(lines, failure);
	return code;
}
