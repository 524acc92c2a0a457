-- Basic blocks and CFG edges of small functions, checked by hand against dis output
-- (CPython 3.11): an if/else, a while loop (backward conditional jump) and try/except
-- (exception table entries become exc edges to handler blocks).
CREATE TEMP TABLE cfg AS
SELECT codecpg.bytecode_extract('bc_cfg', 'cfg.py', $src$def branch(x):
    if x:
        y = 1
    else:
        y = 2
    return y

def loop(n):
    while n > 0:
        n -= 1
    return n

def handler():
    try:
        risky()
    except ValueError:
        return 1
    return 0
$src$) AS f;

-- instructions the block boundaries rely on
SELECT qualname, instr_index, instr_offset, end_offset, opname, argrepr, jump_target, is_jump_target, label
  FROM cfg, codecpg.bc_instructions(cfg.f)
 WHERE jump_target IS NOT NULL OR is_jump_target OR opname IN ('RETURN_VALUE', 'RERAISE')
 ORDER BY code_id, instr_index;

SELECT qualname, block_index, start_offset, end_offset, kind
  FROM cfg, codecpg.bc_blocks(cfg.f)
 ORDER BY code_id, block_index;

SELECT qualname, src_block_start, src_block_end, kind, dst_block_start, dst_block_end,
       cond_instr_index, cond_instr_offset, exc_index, edge_key
  FROM cfg, codecpg.bc_cfg_edges(cfg.f)
 ORDER BY code_id, src_block_start, kind, dst_block_start;

SELECT qualname, exc_index, start_offset, end_offset, target_offset, depth, lasti
  FROM cfg, codecpg.bc_exception_table(cfg.f)
 ORDER BY code_id, exc_index;

-- every edge joins two blocks of the same code unit, and the blocks tile the code
SELECT count(*) AS dangling_edges
  FROM cfg, codecpg.bc_cfg_edges(cfg.f) e
 WHERE NOT EXISTS (SELECT 1 FROM codecpg.bc_blocks(cfg.f) b
                    WHERE b.code_id = e.code_id AND b.start_offset = e.dst_block_start AND b.end_offset = e.dst_block_end)
    OR NOT EXISTS (SELECT 1 FROM codecpg.bc_blocks(cfg.f) b
                    WHERE b.code_id = e.code_id AND b.start_offset = e.src_block_start AND b.end_offset = e.src_block_end);
SELECT u.qualname, u.code_len, sum(b.end_offset - b.start_offset) AS covered, min(b.start_offset) AS first
  FROM cfg, codecpg.bc_code_units(cfg.f) u
  JOIN codecpg.bc_blocks(cfg.f) b USING (code_id)
 GROUP BY u.code_id, u.qualname, u.code_len ORDER BY u.code_id;
