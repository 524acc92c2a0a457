/*
 * scip_arena.h - a malloc-backed arena implementing ScipAlloc, for the
 * standalone tools (dump, fuzzers).  Every block is a separate malloc so that
 * AddressSanitizer sees exact bounds.
 */
#ifndef CODECPG_SCIP_ARENA_H
#define CODECPG_SCIP_ARENA_H

#include <stdlib.h>

#include "../../src/scip/scip_wire.h"

typedef struct ArenaBlock
{
	struct ArenaBlock *next;
	_Alignas(16) unsigned char data[];
} ArenaBlock;

typedef struct Arena
{
	ArenaBlock *head;
	size_t		used;
	size_t		limit;			/* fail allocations beyond this many bytes (0: none) */
} Arena;

static void *
arena_alloc(void *ctx, size_t size)
{
	Arena	   *a = ctx;
	ArenaBlock *b;

	if (a->limit && a->used + size > a->limit)
		return NULL;
	if (!(b = malloc(sizeof(ArenaBlock) + size)))
		return NULL;
	b->next = a->head;
	a->head = b;
	a->used += size;
	return b->data;
}

static void
arena_reset(void *ctx)
{
	Arena	   *a = ctx;

	while (a->head)
	{
		ArenaBlock *n = a->head->next;

		free(a->head);
		a->head = n;
	}
	a->used = 0;
}

#endif
