-- Parts are rows anyone can build: NULL fields and NULL array elements must give NULL
-- columns or no row, never a crash.  Ordinals count the NULL elements they skip.
SET search_path = codecpg, public;

-- every field NULL, and a metadata whose inner fields are NULL
SELECT * FROM scip_metadata(ROW(NULL,NULL,0,NULL,ROW(1,NULL,NULL,0)::scip_metadata,NULL,NULL,NULL)::scip_index_v1);
SELECT * FROM scip_metadata(ROW(NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL)::scip_index_v1);
SELECT count(*) FROM scip_documents(ROW(NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL)::scip_index_v1);
SELECT count(*) FROM scip_documents(ROW(NULL,NULL,NULL,NULL,NULL,ARRAY[NULL]::scip_document[],NULL,NULL)::scip_index_v1);

-- a document of NULL fields and NULL elements
CREATE TEMP TABLE nullpart AS
SELECT ROW('r','i',1,NULL,NULL,
           ARRAY[ROW('p',NULL,NULL,NULL,
                     ARRAY[NULL,
                           ROW(NULL,NULL,NULL,NULL,NULL,NULL,
                               ARRAY[NULL, ROW(NULL,NULL,NULL,NULL,NULL)::scip_diagnostic],
                               NULL,ROW(NULL,NULL,NULL,NULL,NULL,NULL)::span,NULL)::scip_occurrence]::scip_occurrence[],
                     ARRAY[NULL,
                           ROW(NULL,NULL,
                               ROW(NULL,NULL,ARRAY[NULL, ROW(NULL,NULL,ARRAY[NULL,1])::scip_sig_occurrence])::scip_signature,
                               ARRAY[NULL, ROW(NULL,NULL,NULL,NULL,NULL)::scip_relationship],
                               NULL,NULL,NULL,NULL)::scip_symbol_info]::scip_symbol_info[],
                     NULL)::scip_document],
           ARRAY[NULL, ROW(NULL,NULL,NULL,ARRAY[NULL]::scip_relationship[],NULL,NULL,NULL,NULL)::scip_symbol_info]::scip_symbol_info[],
           '{"first_ordinal": 5}')::scip_index_v1 AS part;

SELECT count(*) FROM scip_occurrences(ROW('r','i',1,NULL,NULL, ARRAY[ROW('p',NULL,NULL,NULL,ARRAY[NULL]::scip_occurrence[],NULL,NULL)::scip_document],NULL,NULL)::scip_index_v1);
SELECT repo, path, file_id, occurrence_ordinal, symbol, symbol_roles, bstart, line0, diagnostic_count
  FROM nullpart, scip_occurrences(part);
SELECT path, occurrence_ordinal, diagnostic_ordinal, severity, message, bstart
  FROM nullpart, scip_diagnostics(part);
SELECT path, symbol_ordinal, symbol, signature_text, signature_occurrences, relationship_count
  FROM nullpart, scip_symbol_info(part);
SELECT path, is_external, symbol_ordinal, symbol, relationship_ordinal, related_symbol, is_reference
  FROM nullpart, scip_symbol_relationships(part);
SELECT repo, index_id, part_no, symbol_ordinal, symbol, relationship_count
  FROM nullpart, scip_external_symbol_info(part);
SELECT repo, index_id, part_no, symbol_ordinal, symbol
  FROM scip_external_symbol_info(ROW(NULL,NULL,NULL,NULL,NULL,NULL,
       ARRAY[NULL, ROW(NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL)::scip_symbol_info]::scip_symbol_info[],
       '{"first_ordinal": 0}')::scip_index_v1);
SELECT repo, path, language, occurrence_count, symbol_count
  FROM nullpart, scip_documents(part);
