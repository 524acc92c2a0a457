"""Workload for test/callgraph/project_recall.py: attrs defines classes with attr.s/attr.ib and attrs.define/field, validators, converters, factories, frozen and slotted classes, evolve, asdict/astuple, filters, and comparisons."""
import attr
import attrs

@attr.s
class Point:
    x = attr.ib(validator=attr.validators.instance_of(int))
    y = attr.ib(default=0, converter=int)
    tags = attr.ib(factory=list)

@attrs.define
class Box:
    name: str = attrs.field(validator=[attrs.validators.instance_of(str), attrs.validators.min_len(1)])
    size: int = attrs.field(default=1, validator=attrs.validators.in_([1, 2, 3]))
    items: list = attrs.Factory(list)
    opt: object = attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int)))

@attrs.frozen(order=True)
class Version:
    major: int
    minor: int = 0

p = Point(1, "2")
repr(p); p == Point(1, 2); hash(attr.evolve(p, y=5).y)
b = Box("b", 2)
attrs.asdict(b); attrs.astuple(b); attrs.evolve(b, size=3)
attr.asdict(p, filter=attr.filters.exclude(attr.fields(Point).tags))
sorted([Version(1, 2), Version(1, 0)])
attr.fields_dict(Point); attrs.has(Box); attr.validate(p)
try:
    Box("", 5)
except ValueError:
    pass
try:
    Version(1).major = 2
except attrs.exceptions.FrozenInstanceError:
    pass
