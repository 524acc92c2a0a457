"""Workload for test/callgraph/project_recall.py: pyparsing builds an arithmetic grammar with infix notation, parse actions and results names, a JSON-like grammar, a delimited list, scanning, transforming and searching."""
import pyparsing as pp

integer = pp.Word(pp.nums).set_parse_action(lambda t: int(t[0]))
ident = pp.Word(pp.alphas + "_", pp.alphanums + "_")
operand = integer | ident
expr = pp.infix_notation(operand, [
    (pp.one_of("- +"), 1, pp.OpAssoc.RIGHT),
    (pp.one_of("* /"), 2, pp.OpAssoc.LEFT),
    (pp.one_of("+ -"), 2, pp.OpAssoc.LEFT),
])
expr.parse_string("1 + 2 * (x - 3) / -y", parse_all=True)

LBRACE, RBRACE, LBRACK, RBRACK, COLON = map(pp.Suppress, "{}[]:")
value = pp.Forward()
string = pp.QuotedString('"')
number = pp.pyparsing_common.number
member = pp.Group(string("key") + COLON + value("value"))
obj = pp.Dict(LBRACE + pp.Optional(pp.delimited_list(member)) + RBRACE)
arr = pp.Group(LBRACK + pp.Optional(pp.delimited_list(value)) + RBRACK)
value <<= string | number | obj | arr | pp.Keyword("true") | pp.Keyword("null")
res = obj.parse_string('{"a": [1, 2.5, "s"], "b": {"c": true}}')
res.as_dict(); res.dump(); res["a"]
csv = pp.delimited_list(pp.Word(pp.alphanums), delim=",")
csv.parse_string("a,b,c")
list(ident.scan_string("foo bar 12 baz"))
ident.transform_string("foo bar")
ident.search_string("a b c")
try:
    integer.parse_string("x")
except pp.ParseException as e:
    str(e); e.explain()
kw = pp.CaselessKeyword("select") + pp.Word(pp.alphas)("col") + pp.Opt(pp.CaselessKeyword("from") + ident("table"))
kw.parse_string("SELECT a FROM t").as_dict()
(pp.Literal("a") + pp.ZeroOrMore(pp.Literal("b")) + pp.OneOrMore("c")).parse_string("abbcc")
pp.Regex(r"\d+").parse_string("42")
pp.SkipTo("end").parse_string("xx end")
pp.nested_expr().parse_string("(a (b c))")
