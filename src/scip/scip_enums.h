/*
 * scip_enums.h - enum value names of scip.proto, for reading the JSON mapping
 * (which may spell enums by name).  The SyntaxKind and SymbolInformation.Kind
 * tables were generated from the scip.proto bindings bundled with scip-python
 * 0.6.6; PositionEncoding, which those bindings predate, is from scip.proto.
 * Internal to scip_json.c.
 */
#ifndef CODECPG_SCIP_ENUMS_H
#define CODECPG_SCIP_ENUMS_H

typedef struct ScipEnumName
{
	const char *name;
	int			value;
} ScipEnumName;

static const ScipEnumName enum_protocol_version[] = {
	{"UnspecifiedProtocolVersion", 0},
	{NULL, 0}
};

static const ScipEnumName enum_text_encoding[] = {
	{"UnspecifiedTextEncoding", 0},
	{"UTF8", 1},
	{"UTF16", 2},
	{NULL, 0}
};

static const ScipEnumName enum_position_encoding[] = {
	{"UnspecifiedPositionEncoding", 0},
	{"UTF8CodeUnitOffsetFromLineStart", 1},
	{"UTF16CodeUnitOffsetFromLineStart", 2},
	{"UTF32CodeUnitOffsetFromLineStart", 3},
	{NULL, 0}
};

static const ScipEnumName enum_severity[] = {
	{"UnspecifiedSeverity", 0},
	{"Error", 1},
	{"Warning", 2},
	{"Information", 3},
	{"Hint", 4},
	{NULL, 0}
};

static const ScipEnumName enum_diagnostic_tag[] = {
	{"UnspecifiedDiagnosticTag", 0},
	{"Unnecessary", 1},
	{"Deprecated", 2},
	{NULL, 0}
};

static const ScipEnumName enum_syntax_kind[] = {
	{"UnspecifiedSyntaxKind", 0},
	{"Comment", 1},
	{"PunctuationDelimiter", 2},
	{"PunctuationBracket", 3},
	{"Keyword", 4},
	{"IdentifierKeyword", 4},
	{"IdentifierOperator", 5},
	{"Identifier", 6},
	{"IdentifierBuiltin", 7},
	{"IdentifierNull", 8},
	{"IdentifierConstant", 9},
	{"IdentifierMutableGlobal", 10},
	{"IdentifierParameter", 11},
	{"IdentifierLocal", 12},
	{"IdentifierShadowed", 13},
	{"IdentifierNamespace", 14},
	{"IdentifierModule", 14},
	{"IdentifierFunction", 15},
	{"IdentifierFunctionDefinition", 16},
	{"IdentifierMacro", 17},
	{"IdentifierMacroDefinition", 18},
	{"IdentifierType", 19},
	{"IdentifierBuiltinType", 20},
	{"IdentifierAttribute", 21},
	{"RegexEscape", 22},
	{"RegexRepeated", 23},
	{"RegexWildcard", 24},
	{"RegexDelimiter", 25},
	{"RegexJoin", 26},
	{"StringLiteral", 27},
	{"StringLiteralEscape", 28},
	{"StringLiteralSpecial", 29},
	{"StringLiteralKey", 30},
	{"CharacterLiteral", 31},
	{"NumericLiteral", 32},
	{"BooleanLiteral", 33},
	{"Tag", 34},
	{"TagAttribute", 35},
	{"TagDelimiter", 36},
	{NULL, 0}
};

static const ScipEnumName enum_symbol_kind[] = {
	{"UnspecifiedKind", 0},
	{"AbstractMethod", 66},
	{"Accessor", 72},
	{"Array", 1},
	{"Assertion", 2},
	{"AssociatedType", 3},
	{"Attribute", 4},
	{"Axiom", 5},
	{"Boolean", 6},
	{"Class", 7},
	{"Constant", 8},
	{"Constructor", 9},
	{"Contract", 62},
	{"DataFamily", 10},
	{"Delegate", 73},
	{"Enum", 11},
	{"EnumMember", 12},
	{"Error", 63},
	{"Event", 13},
	{"Fact", 14},
	{"Field", 15},
	{"File", 16},
	{"Function", 17},
	{"Getter", 18},
	{"Grammar", 19},
	{"Instance", 20},
	{"Interface", 21},
	{"Key", 22},
	{"Lang", 23},
	{"Lemma", 24},
	{"Library", 64},
	{"Macro", 25},
	{"Method", 26},
	{"MethodAlias", 74},
	{"MethodReceiver", 27},
	{"MethodSpecification", 67},
	{"Message", 28},
	{"Modifier", 65},
	{"Module", 29},
	{"Namespace", 30},
	{"Null", 31},
	{"Number", 32},
	{"Object", 33},
	{"Operator", 34},
	{"Package", 35},
	{"PackageObject", 36},
	{"Parameter", 37},
	{"ParameterLabel", 38},
	{"Pattern", 39},
	{"Predicate", 40},
	{"Property", 41},
	{"Protocol", 42},
	{"ProtocolMethod", 68},
	{"PureVirtualMethod", 69},
	{"Quasiquoter", 43},
	{"SelfParameter", 44},
	{"Setter", 45},
	{"Signature", 46},
	{"SingletonClass", 75},
	{"SingletonMethod", 76},
	{"StaticDataMember", 77},
	{"StaticEvent", 78},
	{"StaticField", 79},
	{"StaticMethod", 80},
	{"StaticProperty", 81},
	{"StaticVariable", 82},
	{"String", 48},
	{"Struct", 49},
	{"Subscript", 47},
	{"Tactic", 50},
	{"Theorem", 51},
	{"ThisParameter", 52},
	{"Trait", 53},
	{"TraitMethod", 70},
	{"Type", 54},
	{"TypeAlias", 55},
	{"TypeClass", 56},
	{"TypeClassMethod", 71},
	{"TypeFamily", 57},
	{"TypeParameter", 58},
	{"Union", 59},
	{"Value", 60},
	{"Variable", 61},
	{NULL, 0}
};

#endif							/* CODECPG_SCIP_ENUMS_H */
