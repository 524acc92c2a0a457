/*
 * pg_shim.c - the few PostgreSQL runtime symbols that src/python/bytecode_decode.c uses,
 * so that the decoder runs in a fuzz harness outside a backend. palloc'ed memory is
 * freed by shim_reset() after each input, as a backend's memory context reset would;
 * what is allocated while TopMemoryContext is current stays.
 */
#include "postgres.h"

#include <signal.h>

#include <Python.h>

#include "utils/builtins.h"
#include "utils/memutils.h"

volatile sig_atomic_t InterruptPending = false;
MemoryContext CurrentMemoryContext = NULL;
MemoryContext TopMemoryContext = (MemoryContext) &TopMemoryContext;

typedef struct Chunk
{
	struct Chunk *next;
	struct Chunk *prev;
	size_t		size;
	max_align_t align[];
} Chunk;

static Chunk chunks = {&chunks, &chunks, 0};

void		shim_reset(void);

static void *
chunk_alloc(size_t size, bool zero)
{
	Chunk	   *c;

	if (size > MaxAllocHugeSize)
		abort();
	c = zero ? calloc(1, sizeof(Chunk) + size) : malloc(sizeof(Chunk) + size);
	if (c == NULL)
		abort();
	c->size = size;
	if (CurrentMemoryContext == TopMemoryContext)
		c->next = c->prev = NULL;
	else
	{
		c->next = chunks.next;
		c->prev = &chunks;
		chunks.next->prev = c;
		chunks.next = c;
	}
	return c->align;
}

static Chunk *
chunk_of(void *p)
{
	return (Chunk *) ((char *) p - offsetof(Chunk, align));
}

void *
palloc(Size size)
{
	return chunk_alloc(size, false);
}

void *
palloc0(Size size)
{
	return chunk_alloc(size, true);
}

void *
palloc_extended(Size size, int flags)
{
	return chunk_alloc(size, (flags & MCXT_ALLOC_ZERO) != 0);
}

void
pfree(void *p)
{
	Chunk	   *c = chunk_of(p);

	if (c->next)
	{
		c->prev->next = c->next;
		c->next->prev = c->prev;
	}
	free(c);
}

void *
repalloc(void *p, Size size)
{
	Chunk	   *old = chunk_of(p);
	void	   *n = chunk_alloc(size, false);

	memcpy(n, p, Min(size, old->size));
	pfree(p);
	return n;
}

void
shim_reset(void)
{
	while (chunks.next != &chunks)
		pfree(chunks.next->align);
}

void
ProcessInterrupts(void)
{
	InterruptPending = false;
}

text *
cstring_to_text(const char *s)
{
	size_t		len = strlen(s);
	text	   *t = palloc(len + VARHDRSZ);

	SET_VARSIZE(t, len + VARHDRSZ);
	memcpy(VARDATA(t), s, len);
	return t;
}

PyObject   *cpg_py_import(const char *module);
void		cpg_py_raise(int sqlerrcode, const char *context);

PyObject *
cpg_py_import(const char *module)
{
	PyObject   *m = PyImport_ImportModule(module);

	if (m == NULL)
	{
		PyErr_Print();
		abort();
	}
	return m;
}

void
cpg_py_raise(int sqlerrcode, const char *context)
{
	(void) sqlerrcode;
	fputs(context, stderr);
	PyErr_Print();
	abort();
}
