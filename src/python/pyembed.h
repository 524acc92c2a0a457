/*
 * pyembed.h: the one way codecpg code includes Python.h.
 *
 * Include postgres.h first, then this header. CPython is initialized lazily in the
 * backend that first needs it (never in the postmaster), isolated from the
 * environment, without signal handlers and without writing bytecode. codecpg only
 * parses and compiles the code it indexes: it never executes or imports it.
 *
 * Error discipline: Python calls report failure by returning NULL/-1 with an exception
 * set; cpg_py_raise() turns that exception into an ereport (after clearing it), so no
 * longjmp ever crosses a Python frame. References that must survive until a memory
 * context goes away are handed to cpg_py_own(), which drops them when the context is
 * reset or deleted, including on error.
 */
#ifndef CODECPG_PYEMBED_H
#define CODECPG_PYEMBED_H

/* Python's headers redefine these; PostgreSQL headers are already included. */
#undef _POSIX_C_SOURCE
#undef _XOPEN_SOURCE

/* Python scribbles on PostgreSQL's *printf macros: undefine, include, restore. */
#undef vsnprintf
#undef snprintf
#undef vsprintf
#undef sprintf
#undef vfprintf
#undef fprintf
#undef vprintf
#undef printf

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#undef vsnprintf
#undef snprintf
#undef vsprintf
#undef sprintf
#undef vfprintf
#undef fprintf
#undef vprintf
#undef printf
#define vsnprintf		pg_vsnprintf
#define snprintf		pg_snprintf
#define vsprintf		pg_vsprintf
#define sprintf			pg_sprintf
#define vfprintf		pg_vfprintf
#define fprintf			pg_fprintf
#define vprintf			pg_vprintf
#define printf(...)		pg_printf(__VA_ARGS__)

extern void cpg_py_ensure(void);
extern const char *cpg_py_version(void);
extern pg_attribute_noreturn() void cpg_py_raise(int sqlerrcode, const char *context);
extern PyObject *cpg_py_own(PyObject *object);
extern PyObject *cpg_py_import(const char *module);
extern char *cpg_py_exception_text(PyObject **type_name_out);
extern char *cpg_py_str(PyObject *object);

#endif
