/*
 * index.h: indexing projects end to end (see sql/parts/80_index.sql).
 *
 *   ingest.c      decoding raw bytes to UTF-8 and snapshotting a file into repo_files_v1
 *   runs.c        run records, per-file error rows, the per-repository index lock
 *   owner.c       repositories belong to roles: the write check and its row trigger
 *   extract.c     the extraction domains and running them over files
 *   index_repo.c  the server-side run: directory walk, ingestion, extraction, SCIP
 *   selection.c   file selection rules shared with the command-line client
 */
#ifndef CODECPG_INDEX_H
#define CODECPG_INDEX_H

#include "postgres.h"

#include "utils/jsonb.h"

/* codecpg.max_file_size, in bytes */
extern int	cpg_max_file_size;

extern void cpg_index_init(void);

/* ---- ingest.c ---- */

typedef struct CpgDecoded
{
	char	   *source;			/* UTF-8 text, NUL-terminated; NULL when not decodable */
	int			source_len;
	const char *encoding;		/* the encoding the bytes were read in, or NULL */
	const char *error_kind;		/* NULL, "encoding" or "nul_byte" */
	char	   *error_message;
	int			error_line0;	/* -1 when unknown */
} CpgDecoded;

extern void cpg_decode(const char *bytes, int len, CpgDecoded *out);

typedef enum CpgIngestStatus
{
	CPG_INGEST_UNCHANGED,
	CPG_INGEST_ADDED,
	CPG_INGEST_CHANGED
} CpgIngestStatus;

typedef struct CpgIngestResult
{
	char	   *file_id;
	CpgIngestStatus status;
	bool		decoded;		/* the snapshot has a source text */
} CpgIngestResult;

/* Needs an SPI connection. run_id 0: no error rows; else rows for error_repo. */
extern void cpg_ingest(const char *repo, const char *path, const char *bytes, int len,
					   int64 run_id, const char *error_repo, CpgIngestResult *result);
extern const char *cpg_ingest_status_name(CpgIngestStatus status);

/* ---- runs.c (all need an SPI connection) ---- */

typedef struct CpgRunCounts
{
	int			seen;
	int			added;
	int			changed;
	int			removed;
	int			unchanged;
	int			failed;
} CpgRunCounts;

extern void cpg_check_repo_name(const char *repo);
extern void cpg_run_lock(const char *repo, bool session, bool wait);
extern void cpg_run_apply_naming(int64 run_id);
extern void cpg_check_layout_options(Jsonb *options);
extern void cpg_repository_ensure(const char *repo);
extern int64 cpg_run_insert(const char *repo, const char *origin, const char *root, Jsonb *options);
extern void cpg_run_error(int64 run_id, const char *repo, const char *path, const char *domain,
						  const char *kind, const char *message, int line0, int col);
extern void cpg_run_add_domains(int64 run_id, Jsonb *domains);
extern void cpg_run_finish(int64 run_id, const CpgRunCounts *counts);
extern char *cpg_run_repo(int64 run_id);
extern char *cpg_staging_repo(int64 run_id);
extern bool cpg_citus_installed(void);

/* ---- owner.c (needs an SPI connection) ---- */

/* Raises an error unless the current user may change the repository's rows. */
extern void cpg_repository_check(const char *repo);

/* ---- extract.c (needs an SPI connection) ---- */

/* The root table of the i-th extraction domain, NULL past the last. */
extern const char *cpg_domain_table(int i);

/*
 * Runs every installed extractor over files of data_repo (the run's repository, or its
 * staging); error rows name error_repo. Returns per-domain figures.
 */
extern Jsonb *cpg_extract_files(int64 run_id, const char *data_repo, const char *error_repo,
								Datum *file_ids, int nfiles);

#endif
