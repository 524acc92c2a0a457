/*
 * pycompile.h: parsing indexed source with CPython, and turning its exceptions into
 * error rows with byte spans.
 *
 * Include postgres.h and python/pyembed.h first. Nothing here executes or imports the
 * indexed code: the source is only parsed or compiled (and, by callers, analysed).
 */
#ifndef CODECPG_PYCOMPILE_H
#define CODECPG_PYCOMPILE_H

#include "common/span.h"
#include "fmgr.h"

/*
 * The file name CPython is given for indexed source. CPython reads the line of a
 * SyntaxError from a file of that name when one exists; "<unknown>" (what ast.parse
 * uses) names no file, so the error text always comes from the source itself.
 */
#define CPG_PY_FILENAME "<unknown>"

/* A failure of CPython on one file, with its span when CPython located it. */
typedef struct CpgPyError
{
	char	   *error_type;		/* exception class name */
	char	   *message;		/* SyntaxError.msg, or str(exception) */
	CpgSpan		span;			/* CPG_SPAN_UNKNOWN when not located */
	int32		lineno;			/* CPython's raw position, -1 when absent */
	int32		offset;
	int32		end_lineno;
	int32		end_offset;
	bool		char_columns;	/* offsets counted characters (parser) or bytes */
} CpgPyError;

/* A UTF-8 byte order mark, which Python's import skips and its str parser rejects. */
#define CPG_PY_BOM "\xEF\xBB\xBF"
#define CPG_PY_BOM_LEN 3

extern void cpg_python_guc_init(void);
extern bool cpg_py_source_too_large(int32 length, Datum *error);
extern PyObject *cpg_py_filename(void);
extern PyObject *cpg_py_parse_ast(const char *source);
extern PyObject *cpg_py_compile_code(const char *source);
extern int32 cpg_py_bom_length(const char *source, int32 length);
extern bool cpg_py_fetch_error(const CpgLineIndex *lines, int32 bom, CpgPyError *error);
extern Datum cpg_py_error_datum(const CpgPyError *error);
extern void cpg_line_span(const CpgLineIndex *lines, int32 line0, CpgSpan *span);

#endif
