/*
 * bulk.h: memory a whole-repository computation fills at once (the call graph's solve and
 * the summaries it reads): huge pages for large regions, and an arena for many arrays made
 * together and freed together.
 */
#ifndef CODECPG_BULK_H
#define CODECPG_BULK_H

extern void cpg_prefer_huge_pages(void *p, Size len);

/*
 * Arrays cut from large blocks, each palloc'd in the memory context current when it is
 * made and freed with it; each asks for huge pages. Nothing is freed alone.
 */
typedef struct BulkArena
{
	char	   *block;
	Size		used;
	Size		size;
} BulkArena;

extern void *cpg_bulk_alloc(BulkArena *arena, Size size);

#endif
