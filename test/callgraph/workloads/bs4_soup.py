"""Workload for test/callgraph/project_recall.py: BeautifulSoup parses HTML with html.parser, navigates, searches with find/find_all/select, modifies, and outputs prettified and plain text."""
import re
from bs4 import BeautifulSoup, NavigableString, Comment

HTML = """<html><head><title>T</title></head><body>
<div id="main" class="a b"><p class="x">One <b>bold</b> <a href="/1">l1</a></p>
<p class="y">Two <a href="http://e.org/2" rel="nofollow">l2</a><!-- c --></p>
<ul><li>a</li><li>b</li></ul><table><tr><td>1</td><td>2</td></tr></table></div>
<script>var x = "<p>";</script></body></html>"""
soup = BeautifulSoup(HTML, "html.parser")
soup.title.string; soup.find("div", id="main")["class"]; soup.find_all("a", href=True)
soup.find_all(class_="x"); soup.find_all(re.compile("^t")); soup.find_all(string=re.compile("One"))
soup.select("div#main > p.y a[rel]"); soup.select_one("li:nth-of-type(2)")
[a.get("href") for a in soup("a")]; soup.p.find_next_sibling("p"); soup.b.parent.name
list(soup.div.children); list(soup.div.descendants)[:3]; soup.li.find_parents("div")
tag = soup.new_tag("span", id="n"); tag.string = "new"; soup.body.append(tag)
soup.b.wrap(soup.new_tag("i")); soup.find("ul").decompose(); soup.a.replace_with(NavigableString("x"))
[c.extract() for c in soup.find_all(string=lambda t: isinstance(t, Comment))]
soup.prettify(); soup.get_text(" ", strip=True); str(soup); soup.decode(formatter="html")
BeautifulSoup("<p>unclosed <b>tags", "html.parser").encode("utf-8")
