"""Workload for test/callgraph/project_recall.py: PyYAML's pure-Python loader and dumper: plain and safe loading, YAMLObject, anchors, representers, scan, parse, compose, emit."""
import yaml
class Point(yaml.YAMLObject):
    yaml_tag = "!Point"
    def __init__(self, x, y):
        self.x, self.y = x, y
doc = """
a: 1
b: [1, 2.5, true, null, "s"]
c: {d: 2020-01-01, e: !!str 3}
f: &anchor {g: 1}
h: *anchor
p: !Point {x: 1, y: 2}
m: |
  multi
  line
"""
data = yaml.load(doc, Loader=yaml.Loader)
print(data)
print(yaml.safe_load("x: [1, {y: 2}]"))
print(yaml.dump(data))
print(yaml.safe_dump({"a": [1, 2], "b": {"c": "d"}, "e": 1.5, "f": None}, default_flow_style=False))
print(list(yaml.safe_load_all("---\na: 1\n---\nb: 2\n")))
print(yaml.dump_all([{"a": 1}, [1, 2]], explicit_start=True))
def rep(dumper, value):
    return dumper.represent_scalar("!cx", str(value))
yaml.add_representer(complex, rep)
print(yaml.dump(1 + 2j))
for tok in yaml.scan("a: [1, 2]"):
    pass
for ev in yaml.parse("a: b"):
    pass
print(yaml.compose("a: b"))
print(yaml.serialize(yaml.compose("a: [1]")))
print(yaml.emit(yaml.parse("a: b")))
