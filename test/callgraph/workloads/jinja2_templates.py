"""Workload for test/callgraph/project_recall.py: jinja2 templates: inheritance, macros, call blocks, imports, filters and tests, i18n, loop controls, async rendering, the sandbox and native types."""
from jinja2 import Environment, DictLoader, select_autoescape, StrictUndefined, sandbox
templates = {
 "base.html": "<html>{% block title %}T{% endblock %}{% block body %}{% endblock %}{{ self.title() }}</html>",
 "child.html": "{% extends 'base.html' %}{% import 'macros.html' as m %}{% block body %}{% for x in items|sort(attribute='n') %}{{ m.item(x) }}{{ loop.index }}{% if loop.last %}end{% endif %}{% endfor %}{{ super() }}{% endblock %}",
 "macros.html": "{% macro item(x) %}<li>{{ x.n|upper }}{{ x.n|default('d')|e }}{{ caller() if caller else '' }}</li>{% endmacro %}{% macro box() %}[{{ caller() }}]{% endmacro %}",
 "inc.html": "{% include 'macros.html' %}{% from 'macros.html' import box %}{% call box() %}in{% endcall %}{% set ns = namespace(a=1) %}{% set ns.a = 2 %}{{ ns.a }}{% with q = 3 %}{{ q * 2 }}{% endwith %}{% filter upper %}x{% endfilter %}{{ '%s'|format(1) }}{{ [1,2,3]|join(',') }}{{ d|dictsort }}{{ 'abc'|truncate(5) }}{{ 1.5|round }}{{ [1,2]|map('string')|list }}{{ [3,1]|select('odd')|list }}{{ 'a b'|wordcount }}{{ 'x'|center(5) }}{{ {'a':1}|items|list }}{{ 'a\nb'|indent(2) }}{{ 'T'|lower }}{{ [1,2]|sum }}{{ [[1],[2]]|batch(1)|list }}{{ 'a'|replace('a','b') }}{{ 'x y'|title }}{{ [1,2]|first }}{{ [1,2]|last }}{{ [1,2]|length }}{{ 'abc'|reverse }}{{ 'x'|tojson }}{{ 1|float }}{{ '1'|int }}{{ 'a'|urlencode }}{{ 'http://x.y'|urlize }}{{ [1,1]|unique|list }}{{ [1,2]|min }}{{ [1,2]|max }}{{ 3 is divisibleby 3 }}{{ x is defined }}{{ [1,2]|groupby('real')|list }}",
}
env = Environment(loader=DictLoader(templates), autoescape=select_autoescape(), trim_blocks=True, extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols", "jinja2.ext.i18n"])
env.install_null_translations()
class It:
    def __init__(s, n): s.n = n
print(env.get_template("child.html").render(items=[It("b"), It("a")]))
print(env.get_template("inc.html").render(d={"b": 1, "a": 2}))
t = env.from_string("{% for i in range(3) %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% do [].append(1) %}{% endfor %}{% trans %}hello {{ user }}{% endtrans %}{{ _('x') }}{{ gettext('y') }}")
print(t.render(user="u"))
print(list(env.get_template("child.html").generate(items=[It("c")])))
m = env.get_template("macros.html").module
print(m.item(It("z")))
print(env.compile_expression("a + b")(a=1, b=2))
s = sandbox.SandboxedEnvironment()
print(s.from_string("{{ x.upper() }}").render(x="a"))
e2 = Environment(undefined=StrictUndefined, enable_async=True)
import asyncio
async def go():
    return await e2.from_string("{% for x in y %}{{ x }}{% endfor %}").render_async(y=[1, 2])
print(asyncio.run(go()))
try:
    Environment(undefined=StrictUndefined).from_string("{{ z.q }}").render()
except Exception as ex:
    print(type(ex))
print(env.parse("{{ a }}"))
print(list(env.lex("{{ a }}")))
from jinja2 import meta
print(meta.find_undeclared_variables(env.parse("{{ a }}{% set b = 1 %}{{ b }}")))
from jinja2.nativetypes import NativeEnvironment
print(NativeEnvironment().from_string("{{ 1 + 2 }}").render())
