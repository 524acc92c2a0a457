/*
 * pyembed.c: lazy CPython initialization and the Python/PostgreSQL error boundary.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "python/pyembed.h"
#include "utils/memutils.h"

static bool python_ready = false;

/*
 * Why Python failed to start in this backend, in TopMemoryContext. CPython does not
 * support Py_InitializeFromConfig again on a half-initialized runtime, so after a
 * failure every later use raises the same error without calling into Python.
 */
static char *python_failure = NULL;

/*
 * PL/Python links the same libpython, so in one backend both would run in one CPython
 * interpreter, where a PL/Python function could replace the modules codecpg parses and
 * compiles with (ast, _symtable, opcode) or the objects they return. PL/Python
 * announces itself in the rendezvous variable "plpython_version_bitmask", one bit per
 * Python major version, and refuses (FATAL) on entry when any other bit is set. codecpg
 * refuses to start Python where PL/Python is loaded, and sets a bit of its own once its
 * Python runs, so that PL/Python refuses in turn.
 */
#define CPG_PY_RENDEZVOUS_BIT (1 << 16)

static void
claim_python(void)
{
	static int	own_bitmask = 0;
	int		  **bitmask = (int **) find_rendezvous_variable("plpython_version_bitmask");

	if (*bitmask == NULL)
		*bitmask = &own_bitmask;
	if ((**bitmask & ~CPG_PY_RENDEZVOUS_BIT) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("codecpg cannot use Python in a session that has loaded PL/Python"),
				 errdetail("Both would share this process's one Python interpreter, where PL/Python code could change what codecpg parses with."),
				 errhint("Run codecpg and PL/Python functions in separate sessions.")));
	**bitmask |= CPG_PY_RENDEZVOUS_BIT;
}

static void
raise_init_failure(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION),
			 errmsg("could not initialize Python %s", PY_VERSION),
			 errdetail("%s", python_failure)));
}

void
cpg_py_ensure(void)
{
	PyConfig	config;
	PyStatus	status;

	if (python_ready)
		return;
	if (python_failure != NULL)
		raise_init_failure();
	if (!IsUnderPostmaster && IsPostmasterEnvironment)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("codecpg does not start Python in the postmaster"),
				 errhint("Do not add codecpg to shared_preload_libraries; it loads in each backend on first use.")));

	claim_python();

	/* Isolated: no PYTHON* environment variables, no user site, no current directory on sys.path. */
	PyConfig_InitIsolatedConfig(&config);
	config.install_signal_handlers = 0;
	config.write_bytecode = 0;
	config.site_import = 0;
	config.parse_argv = 0;

	/*
	 * Compiling indexed code must not write to the server log: CPython prints a
	 * SyntaxWarning ("is" with a literal, a call of a constant...) to stderr, which is
	 * the log, so a repository could fill it. Warnings are ignored; errors are rows.
	 */
	status = PyWideStringList_Append(&config.warnoptions, L"ignore");
	if (!PyStatus_Exception(status))
		status = Py_InitializeFromConfig(&config);
	PyConfig_Clear(&config);
	if (PyStatus_Exception(status))
	{
		python_failure = MemoryContextStrdup(TopMemoryContext,
											 psprintf("%s%s%s", status.func ? status.func : "",
													  status.func ? ": " : "",
													  status.err_msg ? status.err_msg : "unknown error"));
		raise_init_failure();
	}
	python_ready = true;
}

const char *
cpg_py_version(void)
{
	/* Py_GetVersion() describes the linked runtime and needs no initialization. */
	return Py_GetVersion();
}

char *
cpg_py_str(PyObject *object)
{
	PyObject   *str = PyObject_Str(object);
	const char *utf8;
	char	   *result;

	if (str == NULL)
	{
		PyErr_Clear();
		return pstrdup("<unprintable>");
	}
	utf8 = PyUnicode_AsUTF8(str);
	if (utf8 == NULL)
	{
		PyErr_Clear();
		result = pstrdup("<unprintable>");
	}
	else
		result = pstrdup(utf8);
	Py_DECREF(str);
	return result;
}

/*
 * Fetch and clear the pending exception; returns its message and, when asked, the
 * exception class name. Returns NULL when no exception is set.
 */
char *
cpg_py_exception_text(PyObject **type_name_out)
{
	PyObject   *type;
	PyObject   *value;
	PyObject   *traceback;
	char	   *message;

	PyErr_Fetch(&type, &value, &traceback);
	if (type == NULL)
		return NULL;
	PyErr_NormalizeException(&type, &value, &traceback);
	message = value ? cpg_py_str(value) : pstrdup("");
	if (type_name_out)
	{
		*type_name_out = PyObject_GetAttrString(type, "__name__");
		if (*type_name_out == NULL)
			PyErr_Clear();
	}
	Py_XDECREF(type);
	Py_XDECREF(value);
	Py_XDECREF(traceback);
	return message;
}

void
cpg_py_raise(int sqlerrcode, const char *context)
{
	PyObject   *type_name = NULL;
	char	   *message = cpg_py_exception_text(&type_name);
	char	   *type_text = type_name ? cpg_py_str(type_name) : pstrdup("Exception");

	Py_XDECREF(type_name);
	if (message == NULL)
		ereport(ERROR,
				(errcode(sqlerrcode),
				 errmsg("%s failed in Python without an exception", context)));
	ereport(ERROR,
			(errcode(sqlerrcode),
			 errmsg("%s failed in Python", context),
			 errdetail("%s: %s", type_text, message)));
}

static void
release_owned(void *arg)
{
	PyObject   *object = (PyObject *) arg;

	Py_XDECREF(object);
}

PyObject *
cpg_py_own(PyObject *object)
{
	MemoryContextCallback *callback;

	if (object == NULL)
		return NULL;
	callback = MemoryContextAlloc(CurrentMemoryContext, sizeof(MemoryContextCallback));
	callback->func = release_owned;
	callback->arg = object;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, callback);
	return object;
}

/* Import a standard-library module (a new reference; callers keep it for the backend's life). */
PyObject *
cpg_py_import(const char *module)
{
	PyObject   *result;

	cpg_py_ensure();
	result = PyImport_ImportModule(module);
	if (result == NULL)
		cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION,
					 psprintf("importing the standard module \"%s\"", module));
	return result;
}
