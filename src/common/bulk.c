/*
 * bulk.c: memory filled at once (bulk.h).
 *
 * A refresh of the standard library's call graph fills some 150 MB within a second. Where
 * a first touch of a page is costly (6 to 11 us on the 2-core VM of bench/, a fault the
 * hypervisor serves too), 4 kB pages made a third of the refresh; a 2 MB page is one fault
 * for 512 of them. Transparent huge pages are asked for with madvise, which the kernel
 * honours in its THP "madvise" and "always" modes and ignores in "never".
 */
#include "postgres.h"

#include <sys/mman.h>

#include "common/bulk.h"

#define HUGE_PAGE_SIZE ((Size) 2 * 1024 * 1024)

/* Arena blocks: a few per refresh of a large repository. */
#define BULK_BLOCK_SIZE ((Size) 16 * 1024 * 1024)

/* Advises the whole 2 MB pages inside [p, p + len). */
void
cpg_prefer_huge_pages(void *p, Size len)
{
#ifdef MADV_HUGEPAGE
	uintptr_t	start = TYPEALIGN(HUGE_PAGE_SIZE, (uintptr_t) p);
	uintptr_t	end = TYPEALIGN_DOWN(HUGE_PAGE_SIZE, (uintptr_t) p + len);

	/* advice only: a kernel without THP refuses it, and the pages stay small */
	if (end > start)
		(void) madvise((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

void *
cpg_bulk_alloc(BulkArena *arena, Size size)
{
	void	   *p;

	size = MAXALIGN(size);
	if (arena->block == NULL || arena->size - arena->used < size)
	{
		/* what is left of the block is not used */
		Size		block = Max(BULK_BLOCK_SIZE, size);

		arena->block = palloc_extended(block, MCXT_ALLOC_HUGE);
		arena->used = 0;
		arena->size = block;
		cpg_prefer_huge_pages(arena->block, block);
	}
	p = arena->block + arena->used;
	arena->used += size;
	return p;
}
