/*
 * pycompile.h: compiling indexed source with CPython, without running it.
 *
 * The source is compiled as a module (Py_file_input) with the 3.11 grammar, the way
 * compile(source_text, path, "exec", dont_inherit=True) does for a str: the text is
 * already UTF-8, so coding cookies are ignored. A failure comes back as data: the
 * exception class name, its message and, for SyntaxError and its subclasses, the span
 * converted from CPython's 1-based lines and 1-based character offsets to bytes.
 */
#ifndef CODECPG_PYCOMPILE_H
#define CODECPG_PYCOMPILE_H

#include "common/span.h"
#include "python/pyembed.h"

typedef struct CpgPyFailure
{
	char	   *error_type;		/* exception class name */
	char	   *message;		/* SyntaxError.msg, or str(exception) */
	CpgSpan		span;			/* SyntaxError location; unknown otherwise */
	bool		has_location;	/* the raw SyntaxError fields below are set */
	long		lineno;			/* raw SyntaxError attributes, -1 when None */
	long		offset;
	long		end_lineno;
	long		end_offset;
} CpgPyFailure;

extern PyObject *cpg_py_compile_module(const char *source, const char *filename,
									   const CpgLineIndex *lines, CpgPyFailure *failure);
extern void cpg_py_take_failure(const CpgLineIndex *lines, CpgPyFailure *failure);

#endif
