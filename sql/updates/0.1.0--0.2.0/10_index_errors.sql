-- Reliability (issue 14): a symbolic link leading out of the indexed root is reported,
-- not followed. index_errors exists in 0.1.0 with a narrower list of kinds: its check
-- constraint and the comments that list the kinds change in place.
ALTER TABLE codecpg.index_errors DROP CONSTRAINT index_errors_kind_check;
ALTER TABLE codecpg.index_errors ADD CONSTRAINT index_errors_kind_check
    CHECK (kind IN ('syntax', 'encoding', 'size_limit', 'unreadable', 'nul_byte',
                    'symlink_loop', 'symlink_outside', 'extractor_error'));
COMMENT ON COLUMN codecpg.index_errors.path IS
  'File (or directory, for symlink_loop and symlink_outside) path relative to the root.';
COMMENT ON COLUMN codecpg.index_errors.kind IS
  'syntax, encoding, size_limit, unreadable, nul_byte, symlink_loop, symlink_outside or extractor_error.';
