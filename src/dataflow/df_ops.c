/*
 * df_ops.c: what each CPython 3.11 opcode does to the value stack, as a class the
 * simulation switches on. The classes are bound to opcode numbers by name, from the
 * embedded interpreter's own opcode tables (bc_op_tables), once per backend.
 */
#include "postgres.h"

#include "dataflow/df_sim.h"

typedef struct DfOpName
{
	const char *name;
	uint8		op;
	uint8		detail;			/* DfNs of loads, stores, deletes; DfTest of jumps */
} DfOpName;

static const DfOpName op_names[] = {
	{"CACHE", OP_NOP, 0}, {"NOP", OP_NOP, 0}, {"RESUME", OP_NOP, 0}, {"EXTENDED_ARG", OP_NOP, 0},
	{"PRECALL", OP_NOP, 0}, {"COPY_FREE_VARS", OP_NOP, 0}, {"MAKE_CELL", OP_NOP, 0},
	{"SETUP_ANNOTATIONS", OP_NOP, 0}, {"JUMP_FORWARD", OP_NOP, 0}, {"JUMP_BACKWARD", OP_NOP, 0},
	{"JUMP_BACKWARD_NO_INTERRUPT", OP_NOP, 0},
	{"POP_TOP", OP_POP, 0}, {"PRINT_EXPR", OP_POP, 0}, {"IMPORT_STAR", OP_POP, 0}, {"POP_EXCEPT", OP_POP, 0},
	{"RERAISE", OP_POP, 0}, {"END_ASYNC_FOR", OP_POP2, 0}, {"DELETE_SUBSCR", OP_POP2, 0},
	{"PUSH_NULL", OP_PUSH_NULL, 0},
	{"GET_LEN", OP_PUSH_EMPTY, 0}, {"MATCH_MAPPING", OP_PUSH_EMPTY, 0}, {"MATCH_SEQUENCE", OP_PUSH_EMPTY, 0},
	{"LOAD_ASSERTION_ERROR", OP_PUSH_EMPTY, 0}, {"RETURN_GENERATOR", OP_PUSH_EMPTY, 0},
	{"WITH_EXCEPT_START", OP_PUSH_EMPTY, 0}, {"LOAD_CLOSURE", OP_PUSH_EMPTY, 0},
	{"UNARY_POSITIVE", OP_UNARY, 0}, {"UNARY_NEGATIVE", OP_UNARY, 0}, {"UNARY_INVERT", OP_UNARY, 0},
	{"GET_ITER", OP_UNARY, 0}, {"GET_YIELD_FROM_ITER", OP_UNARY, 0}, {"GET_AWAITABLE", OP_UNARY, 0},
	{"LIST_TO_TUPLE", OP_UNARY, 0}, {"ASYNC_GEN_WRAP", OP_UNARY, 0}, {"GET_AITER", OP_UNARY, 0},
	{"UNARY_NOT", OP_REPLACE_EMPTY, 0}, {"CHECK_EXC_MATCH", OP_REPLACE_EMPTY, 0},
	{"BINARY_SUBSCR", OP_BINARY_SUBSCR, 0}, {"BINARY_OP", OP_BINARY, 0},
	{"COMPARE_OP", OP_COMPARE, 0}, {"IS_OP", OP_COMPARE, 0}, {"CONTAINS_OP", OP_COMPARE, 0},
	{"MATCH_KEYS", OP_MATCH_KEYS, 0}, {"MATCH_CLASS", OP_MATCH_CLASS, 0},
	{"PUSH_EXC_INFO", OP_PUSH_EXC_INFO, 0}, {"CHECK_EG_MATCH", OP_CHECK_EG_MATCH, 0},
	{"GET_ANEXT", OP_GET_ANEXT, 0}, {"BEFORE_WITH", OP_BEFORE_WITH, 0}, {"BEFORE_ASYNC_WITH", OP_BEFORE_WITH, 0},
	{"PREP_RERAISE_STAR", OP_PREP_RERAISE_STAR, 0}, {"STORE_SUBSCR", OP_STORE_SUBSCR, 0},
	{"LOAD_BUILD_CLASS", OP_LOAD_BUILD_CLASS, 0},
	{"RETURN_VALUE", OP_RETURN_VALUE, 0}, {"YIELD_VALUE", OP_YIELD_VALUE, 0},
	{"STORE_NAME", OP_STORE, NS_NAME}, {"STORE_GLOBAL", OP_STORE, NS_GLOBAL},
	{"STORE_FAST", OP_STORE, NS_LOCAL}, {"STORE_DEREF", OP_STORE, NS_CELL},
	{"DELETE_NAME", OP_DELETE, NS_NAME}, {"DELETE_GLOBAL", OP_DELETE, NS_GLOBAL},
	{"DELETE_FAST", OP_DELETE, NS_LOCAL}, {"DELETE_DEREF", OP_DELETE, NS_CELL},
	{"LOAD_NAME", OP_LOAD, NS_NAME}, {"LOAD_GLOBAL", OP_LOAD, NS_GLOBAL},
	{"LOAD_FAST", OP_LOAD, NS_LOCAL}, {"LOAD_DEREF", OP_LOAD, NS_CELL},
	{"LOAD_CLASSDEREF", OP_LOAD, NS_CELL},
	{"UNPACK_SEQUENCE", OP_UNPACK_SEQUENCE, 0}, {"UNPACK_EX", OP_UNPACK_EX, 0}, {"FOR_ITER", OP_FOR_ITER, 0},
	{"STORE_ATTR", OP_STORE_ATTR, 0}, {"DELETE_ATTR", OP_DELETE_ATTR, 0},
	{"SWAP", OP_SWAP, 0}, {"COPY", OP_COPY, 0}, {"LOAD_CONST", OP_LOAD_CONST, 0},
	{"BUILD_TUPLE", OP_BUILD, 0}, {"BUILD_LIST", OP_BUILD, 0}, {"BUILD_SET", OP_BUILD, 0},
	{"BUILD_STRING", OP_BUILD, 0}, {"BUILD_SLICE", OP_BUILD, 0},
	{"BUILD_MAP", OP_BUILD_MAP, 0}, {"BUILD_CONST_KEY_MAP", OP_BUILD_CONST_KEY_MAP, 0},
	{"LIST_APPEND", OP_ADD_INTO, 0}, {"SET_ADD", OP_ADD_INTO, 0}, {"LIST_EXTEND", OP_ADD_INTO, 0},
	{"SET_UPDATE", OP_ADD_INTO, 0}, {"DICT_MERGE", OP_ADD_INTO, 0}, {"DICT_UPDATE", OP_ADD_INTO, 0},
	{"MAP_ADD", OP_MAP_ADD, 0},
	{"LOAD_ATTR", OP_LOAD_ATTR, 0}, {"LOAD_METHOD", OP_LOAD_METHOD, 0},
	{"IMPORT_NAME", OP_IMPORT_NAME, 0}, {"IMPORT_FROM", OP_IMPORT_FROM, 0},
	{"POP_JUMP_FORWARD_IF_FALSE", OP_POP_JUMP, TEST_IF_FALSE},
	{"POP_JUMP_BACKWARD_IF_FALSE", OP_POP_JUMP, TEST_IF_FALSE},
	{"POP_JUMP_FORWARD_IF_TRUE", OP_POP_JUMP, TEST_IF_TRUE},
	{"POP_JUMP_BACKWARD_IF_TRUE", OP_POP_JUMP, TEST_IF_TRUE},
	{"POP_JUMP_FORWARD_IF_NONE", OP_POP_JUMP, TEST_IF_NONE},
	{"POP_JUMP_BACKWARD_IF_NONE", OP_POP_JUMP, TEST_IF_NONE},
	{"POP_JUMP_FORWARD_IF_NOT_NONE", OP_POP_JUMP, TEST_IF_NOT_NONE},
	{"POP_JUMP_BACKWARD_IF_NOT_NONE", OP_POP_JUMP, TEST_IF_NOT_NONE},
	{"JUMP_IF_FALSE_OR_POP", OP_JUMP_OR_POP, TEST_IF_FALSE},
	{"JUMP_IF_TRUE_OR_POP", OP_JUMP_OR_POP, TEST_IF_TRUE},
	{"RAISE_VARARGS", OP_RAISE, 0}, {"SEND", OP_SEND, 0}, {"MAKE_FUNCTION", OP_MAKE_FUNCTION, 0},
	{"CALL_FUNCTION_EX", OP_CALL_FUNCTION_EX, 0}, {"CALL", OP_CALL, 0}, {"KW_NAMES", OP_KW_NAMES, 0},
	{"FORMAT_VALUE", OP_FORMAT_VALUE, 0},
};

/*
 * Methods that put their arguments into the object they are called on: calling one on a
 * variable is a weak definition of that variable (its old contents stay).
 */
static const char *const mutator_methods[] = {
	"append", "extend", "insert", "add", "update", "setdefault", "appendleft", "extendleft",
	"put", "put_nowait", "__setitem__",
};

uint8		df_op_class[256];
uint8		df_op_detail[256];
static bool op_tables_ready = false;

void
df_init_op_tables(void)
{
	const BcOpTables *t = bc_op_tables();

	if (op_tables_ready)
		return;
	memset(df_op_class, OP_UNKNOWN, sizeof(df_op_class));
	memset(df_op_detail, 0, sizeof(df_op_detail));
	for (int op = 0; op < 256; op++)
		for (size_t i = 0; i < lengthof(op_names); i++)
			if (strcmp(t->ops[op].name, op_names[i].name) == 0)
			{
				df_op_class[op] = op_names[i].op;
				df_op_detail[op] = op_names[i].detail;
				break;
			}
	op_tables_ready = true;
}


bool
df_is_mutator(const char *method)
{
	for (size_t i = 0; i < lengthof(mutator_methods); i++)
		if (strcmp(method, mutator_methods[i]) == 0)
			return true;
	return false;
}
