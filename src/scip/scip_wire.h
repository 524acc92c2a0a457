/*
 * scip_wire.h - reader for SCIP indexes (scip.proto), protobuf wire format and
 * protobuf's JSON mapping, producing one in-memory model.
 *
 * Plain C with no PostgreSQL dependency so that it can be fuzzed standalone.
 * Decoding is streaming: metadata first, then one Document or external
 * SymbolInformation at a time is decoded and handed to a visitor, after which
 * the caller's arena may be reset.  Nothing is ever materialized for the whole
 * index, so memory is bounded by the largest single document.
 *
 * Strings are never copied: a ScipStr points into the input buffer (protobuf)
 * or into the parsed JSON tree, both of which outlive the visitor call.  Every
 * string is checked to be UTF-8 without NUL bytes, so it can become a
 * PostgreSQL text value as is.
 */
#ifndef CODECPG_SCIP_WIRE_H
#define CODECPG_SCIP_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ScipStr
{
	const char *ptr;
	uint32_t	len;
} ScipStr;

typedef struct ScipI32Vec
{
	int32_t    *v;
	uint32_t	n,
				cap;
} ScipI32Vec;

typedef struct ScipStrVec
{
	ScipStr    *v;
	uint32_t	n,
				cap;
} ScipStrVec;

typedef struct ScipToolInfo
{
	ScipStr		name;
	ScipStr		version;
	ScipStrVec	arguments;
} ScipToolInfo;

typedef struct ScipMetadata
{
	bool		present;
	int32_t		version;		/* ProtocolVersion */
	bool		has_tool_info;
	ScipToolInfo tool_info;
	ScipStr		project_root;
	int32_t		text_document_encoding; /* TextEncoding */
} ScipMetadata;

typedef struct ScipDiagnostic
{
	int32_t		severity;
	ScipStr		code;
	ScipStr		message;
	ScipStr		source;
	ScipI32Vec	tags;
} ScipDiagnostic;

typedef struct ScipDiagVec
{
	ScipDiagnostic *v;
	uint32_t	n,
				cap;
} ScipDiagVec;

typedef struct ScipOccurrence
{
	ScipI32Vec	range;
	ScipStr		symbol;
	int32_t		symbol_roles;
	ScipStrVec	override_documentation;
	int32_t		syntax_kind;
	ScipDiagVec diagnostics;
	ScipI32Vec	enclosing_range;
} ScipOccurrence;

typedef struct ScipOccVec
{
	ScipOccurrence *v;
	uint32_t	n,
				cap;
} ScipOccVec;

typedef struct ScipRelationship
{
	ScipStr		symbol;
	bool		is_reference;
	bool		is_implementation;
	bool		is_type_definition;
	bool		is_definition;
} ScipRelationship;

typedef struct ScipRelVec
{
	ScipRelationship *v;
	uint32_t	n,
				cap;
} ScipRelVec;

struct ScipDocument;

typedef struct ScipSymbolInfo
{
	ScipStr		symbol;
	ScipStrVec	documentation;
	ScipRelVec	relationships;
	int32_t		kind;
	ScipStr		display_name;
	struct ScipDocument *signature_documentation;	/* NULL when absent */
	ScipStr		enclosing_symbol;
} ScipSymbolInfo;

typedef struct ScipSymVec
{
	ScipSymbolInfo *v;
	uint32_t	n,
				cap;
} ScipSymVec;

typedef struct ScipDocument
{
	ScipStr		relative_path;
	ScipOccVec	occurrences;
	ScipSymVec	symbols;
	ScipStr		language;
	ScipStr		text;
	int32_t		position_encoding;	/* PositionEncoding */
} ScipDocument;

/* Error codes; SCIP_OK is 0 and every failure is non-zero. */
typedef enum ScipErrCode
{
	SCIP_OK = 0,
	SCIP_ERR_TRUNCATED,			/* a varint, length or fixed field runs past the end */
	SCIP_ERR_VARINT,			/* varint longer than 10 bytes or overflowing 64 bits */
	SCIP_ERR_WIRETYPE,			/* wire type 3, 4, 6, 7 or not the one the field needs */
	SCIP_ERR_TAG,				/* field number 0 or above 2^29-1 */
	SCIP_ERR_DEPTH,				/* messages nested deeper than SCIP_MAX_DEPTH */
	SCIP_ERR_STRING,			/* string is not UTF-8 or contains NUL */
	SCIP_ERR_LIMIT,				/* more elements than a uint32 count can hold */
	SCIP_ERR_NOMEM,				/* the allocator returned NULL */
	SCIP_ERR_JSON,				/* JSON syntax or shape error */
	SCIP_ERR_VISITOR,			/* the visitor asked to stop */
	SCIP_ERR_BUDGET				/* the caller's memory budget is spent */
} ScipErrCode;

/*
 * Signature documentation is a Document whose symbols may carry signature
 * documentation again; hostile input could nest without end, so the depth of
 * Document-in-SymbolInformation nesting is bounded.
 */
#define SCIP_MAX_DEPTH 8

typedef struct ScipError
{
	ScipErrCode code;
	uint64_t	offset;			/* byte offset of the problem in the input */
	char		message[256];
} ScipError;

/*
 * Arena interface.  alloc must return memory aligned for any type, or NULL.
 * reset, if set, is called after each visitor call: everything allocated
 * since the previous reset is dead by then.
 */
typedef struct ScipAlloc
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*reset) (void *ctx);
	void	   *ctx;
} ScipAlloc;

/*
 * Visitor.  Each callback returns 0 to continue or non-zero to stop (the reader
 * then fails with SCIP_ERR_VISITOR).  metadata is called exactly once, before any
 * document, with the merge of every Metadata in the input (present = false
 * if there was none).  offset is the input offset of the element (protobuf) or
 * its ordinal (JSON), for error messages.
 */
typedef struct ScipVisitor
{
	int			(*metadata) (void *ctx, const ScipMetadata *m);
	int			(*document) (void *ctx, const ScipDocument *d, uint64_t offset);
	int			(*external_symbol) (void *ctx, const ScipSymbolInfo *s, uint64_t offset);
	void	   *ctx;
} ScipVisitor;

/*
 * Decodes a protobuf index.scip: one Index message or several written back to
 * back (they merge as protobuf specifies: documents and external symbols
 * append, metadata merges field by field).
 */
extern int	scip_read_protobuf(const uint8_t *buf, size_t len,
							   const ScipVisitor *visitor, const ScipAlloc *alloc,
							   ScipError *err);

/*
 * The JSON mapping of the same Index.  Parsing and visiting are separate so
 * that a caller whose visitor may unwind (longjmp) can still free the parsed
 * tree.  buf need not be NUL-terminated.  Accepts lowerCamelCase and original
 * snake_case names, enums as names or numbers, integers as numbers or decimal
 * strings, and a top-level array of Index objects (merged like concatenated
 * protobuf messages).
 */
typedef struct ScipJson ScipJson;

extern ScipJson *scip_json_parse(const char *buf, size_t len, ScipError *err);
extern int	scip_json_visit(ScipJson *doc, const ScipVisitor *visitor,
							const ScipAlloc *alloc, ScipError *err);
extern void scip_json_free(ScipJson *doc);

/*
 * jansson allocates the parsed tree with malloc, out of the caller's sight:
 * its allocations are counted, and once limit bytes (0: no limit) are in use
 * scip_json_parse fails with SCIP_ERR_BUDGET.  scip_json_memory says how many
 * bytes parsed trees hold now.
 */
extern void scip_json_set_memory_limit(size_t limit);
extern size_t scip_json_memory(void);

/* Name of an error code, for messages. */
extern const char *scip_err_name(ScipErrCode code);

#endif							/* CODECPG_SCIP_WIRE_H */
