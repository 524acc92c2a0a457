-- Leaner bytecode instructions (parts 60-63): baseopname, baseopcode and oparg repeated
-- opname, opcode and arg (co_code is unquickened), cache_info described inline caches
-- that are all zeros, and instr_index, opname, start_offset, end_offset and starts_line
-- follow from the list position, the opcode, the neighbouring instructions and the line
-- table, and an instruction's span is stored flat, its line0 and end_line0 as line_number
-- and end_line_delta; instr_offset, argrepr, jump_target, is_jump_target and label follow
-- from the opcodes, arguments, argvals and constants in list order; bc_instructions
-- derives them. A composite type that a column uses
-- cannot lose attributes: the 0.1.0 types step aside here, 31_bytecode_code.sql (a link
-- to part 61) creates bc_instr and bc_code in their 0.2.0 shape, and 32_bytecode_lists.sql
-- rebuilds the stored lists into them. This comes after the 0.1.0 functions whose
-- standard bodies read the lists are gone (20_resolver.sql).
ALTER TYPE codecpg.bc_code RENAME TO bc_code_0_1;
ALTER TYPE codecpg.bc_instr RENAME TO bc_instr_0_1;
