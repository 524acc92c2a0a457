/*
 * scip_util.h - helpers shared by the protobuf and JSON SCIP readers
 * (errors, arena allocation, growable vectors, string checks).  Internal.
 */
#ifndef CODECPG_SCIP_UTIL_H
#define CODECPG_SCIP_UTIL_H

#include <stdarg.h>

#include "scip_wire.h"

extern int	scip_set_error(ScipError *err, ScipErrCode code, uint64_t offset,
						   const char *fmt,...) __attribute__((format(printf, 4, 5)));
extern int	scip_set_errorv(ScipError *err, ScipErrCode code, uint64_t offset,
							const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* Zeroed allocation from the caller's arena; NULL (with err set) on failure. */
extern void *scip_zalloc(const ScipAlloc *a, ScipError *err, size_t size, uint64_t at);

/*
 * Appends a zeroed element to a vector (any of the Scip*Vec types: they share
 * the {v, n, cap} layout) and returns it, or NULL with err set.  Capacity
 * doubles, so the total allocated stays within a small multiple of the
 * elements actually decoded.
 */
extern void *scip_vec_push(const ScipAlloc *a, ScipError *err, void *vec,
						   size_t elem_size, uint64_t at);

#define SCIP_VEC_PUSH(a, err, vec, at) \
	((__typeof__((vec)->v)) scip_vec_push((a), (err), (vec), sizeof(*(vec)->v), (at)))

/* Checks UTF-8 validity and the absence of NUL, then points *out at the bytes. */
extern int	scip_check_string(ScipError *err, const char *p, size_t len,
							  uint64_t at, ScipStr *out);

#endif							/* CODECPG_SCIP_UTIL_H */
