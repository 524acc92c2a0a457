"""Workload for test/callgraph/project_recall.py: Markdown renders a document with headers, lists, code, links, references, emphasis, block quotes, HTML, tables, footnotes, TOC, fenced code, abbreviations, attribute lists, definition lists, admonitions and smarty."""
import markdown

DOC = '''
[TOC]

# Title {#top .big}

Some *emphasis*, **strong**, `code`, a [link](http://x.org "t") and a [ref][r] <http://auto.link>.

> quote
> > nested

1. one
2. two
    * nested
    * list

    code block

```python
print("fenced")
```

| a | b |
|---|:-:|
| 1 | 2 |

Term
:   Definition

!!! note "Heads up"
    admonition body

Footnote[^1]. The HTML spec is maintained by the W3C. "Smart" quotes -- dashes...

*[HTML]: Hyper Text Markup Language

<div markdown="1">*inside*</div>

[r]: http://ref.org
[^1]: The note.

---
Line  
break & < > entities &amp;
'''
md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "footnotes", "abbr", "attr_list", "def_list", "admonition", "smarty", "md_in_html", "codehilite", "sane_lists", "nl2br", "wikilinks", "meta"])
md.convert("Title: x\n\n" + DOC)
md.reset()
md.convert(DOC)
markdown.markdown(DOC)
markdown.markdown("plain *text*", output_format="xhtml")
