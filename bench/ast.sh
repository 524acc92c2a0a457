#!/usr/bin/env bash
# codecpg.ast_extract over the corpus, next to Python building the same rows with its own
# ast module (bench/peer_ast_symtable.py, timed by itself) in the same run.
#   "extract" times the extractor alone (rows built, not stored); "extract+store" also
#   inserts them into ast_files_v1 (TOAST compression included).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/py_common.bash"
py_bench ast ast_extract ast_files_v1 ast_nodes
