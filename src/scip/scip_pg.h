/*
 * scip_pg.h - the PostgreSQL side of the SCIP domain: loading (scip_load.c)
 * and unnesting (scip_srf.c).
 */
#ifndef CODECPG_SCIP_PG_H
#define CODECPG_SCIP_PG_H

/* keys of scip_index_v1.attrs and scip_document.attrs shared by loader and readers */
#define SCIP_ATTR_PART_KIND "part"	/* "header", "document" or "external_symbols" */
#define SCIP_ATTR_FIRST_ORDINAL "first_ordinal"	/* of the part's first external symbol */
#define SCIP_ATTR_COL_UNIT "col_unit"	/* "utf-8", "utf-16" or "utf-32" */

/* registers codecpg.scip_max_memory (from _PG_init) */
extern void cpg_scip_guc_init(void);

#endif							/* CODECPG_SCIP_PG_H */
