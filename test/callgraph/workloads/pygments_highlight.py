"""Workload for test/callgraph/project_recall.py: Pygments lexes Python, C, HTML, JSON, a diff and a shell session, guesses a lexer, and formats with the HTML, terminal, LaTeX and raw-token formatters, styles and filters."""
from pygments import highlight, lex
from pygments.lexers import PythonLexer, CLexer, HtmlLexer, JsonLexer, DiffLexer, BashSessionLexer, get_lexer_by_name, guess_lexer
from pygments.formatters import HtmlFormatter, TerminalFormatter, LatexFormatter, RawTokenFormatter, Terminal256Formatter
from pygments.styles import get_style_by_name
from pygments.filters import KeywordCaseFilter
from pygments.token import Token

PY = '''
import os
@decorator
class A(Base):
    """doc"""
    def f(self, x: int = 3) -> str:
        return f"{x!r} {self.y}" + 'a' * 2  # comment
async def g():
    await h(); yield from k
'''
C = '#include <stdio.h>\nint main(void) { printf("%d\\n", 1 + 2); return 0; }\n'
HTML = '<html><head><script>var x = 1;</script><style>a { color: red }</style></head><body class="x">hi &amp; bye</body></html>'
JSON = '{"a": [1, 2.5, true, null], "b": {"c": "d"}}'
DIFF = '--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n'
SH = '$ ls -la\ntotal 0\n$ echo "hi"\nhi\n'
for lexer, code in [(PythonLexer(), PY), (CLexer(), C), (HtmlLexer(), HTML), (JsonLexer(), JSON), (DiffLexer(), DIFF), (BashSessionLexer(), SH)]:
    highlight(code, lexer, HtmlFormatter(linenos="table", style=get_style_by_name("monokai")))
    highlight(code, lexer, TerminalFormatter())
    highlight(code, lexer, Terminal256Formatter(style="friendly"))
    highlight(code, lexer, LatexFormatter())
    highlight(code, lexer, RawTokenFormatter())
lx = get_lexer_by_name("python", stripall=True)
lx.add_filter(KeywordCaseFilter(case="upper"))
list(lex(PY, lx))
guess_lexer(PY)
HtmlFormatter(style="default").get_style_defs(".highlight")
list(Token.Name.Function.split())
