#!/usr/bin/env bash
# codecpg.symtable_extract over the corpus, next to Python building the same rows with
# its own symtable module (bench/peer_ast_symtable.py, timed by itself) in the same run.
#   "extract" times the extractor alone (rows built, not stored); "extract+store" also
#   inserts them into symtable_files_v1 (TOAST compression included).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/py_common.bash"
py_bench symtable symtable_extract symtable_files_v1 sym_symbols
