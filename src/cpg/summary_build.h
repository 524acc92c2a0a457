/*
 * summary_build.h: building a file's summary (summary.h) from the CST extractor's walk.
 */
#ifndef CODECPG_SUMMARY_BUILD_H
#define CODECPG_SUMMARY_BUILD_H

#include "cst/cst_walk.h"

extern bytea *cpg_summary_build(Extract *x);

#endif
