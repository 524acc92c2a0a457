/*
 * codecpg.c: module entry point.
 *
 * Everything heavy (CPython, tree-sitter parsers) starts lazily on first use in a
 * backend, so loading the library is cheap and never touches the postmaster.
 */
#include "postgres.h"

#include "common/rowtype.h"
#include "fmgr.h"
#include "index/index.h"
#include "python/pyembed.h"
#include "python/pycompile.h"
#include "scip/scip_pg.h"
#include "treesitter/ts_parse.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	cpg_rowtype_init();
	cpg_index_init();
	cpg_ts_guc_init();
	cpg_python_guc_init();
	cpg_scip_guc_init();
}
