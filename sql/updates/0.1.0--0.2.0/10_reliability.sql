-- Reliability (issue 14): the tree-sitter runtime compiled into the library is reported
-- by library_versions() and version_info().
COMMENT ON FUNCTION codecpg.library_versions() IS
  'Versions compiled into or linked by the codecpg library: itself, CPython, the tree-sitter runtime and its language ABI range, grammar, jansson.';
COMMENT ON FUNCTION codecpg.version_info() IS
  'Version report: PostgreSQL, the installed codecpg schema and library, CPython, the tree-sitter runtime, its language ABI range and the grammar, jansson. Run records store it.';
