"""Workload for test/callgraph/project_recall.py: packaging parses and compares versions, specifier sets, requirements with markers, tags and canonical names."""
from packaging.version import Version, parse
from packaging.specifiers import SpecifierSet, Specifier
from packaging.requirements import Requirement
from packaging.markers import Marker
from packaging.utils import canonicalize_name, canonicalize_version, parse_wheel_filename
from packaging import tags

vs = [Version(v) for v in ["1.0", "1.0.post1", "2.0rc1", "1.0.dev3", "1!0.5", "1.0+local.7"]]
sorted(vs); max(vs); [v.is_prerelease for v in vs]; [str(v) for v in vs]; [v.public for v in vs]
parse("3.4") > parse("3.4b2")
s = SpecifierSet(">=1.0,<2.0,!=1.5.*")
list(s.filter(["0.9", "1.0", "1.5.1", "1.9", "2.0rc1"])); "1.2" in s; s.contains("1.9", prereleases=True)
Specifier("~=1.4.2").contains("1.4.5"); Specifier("==1.*").contains("1.3")
r = Requirement('requests[security,socks]>=2.8.1,==2.8.*; python_version < "3.12" and os_name == "posix"')
str(r); r.marker.evaluate(); r.specifier
Marker('extra == "test" or platform_machine == "x86_64"').evaluate({"extra": "test"})
canonicalize_name("Foo.Bar_baz"); canonicalize_version("1.0.0")
parse_wheel_filename("pkg-1.0-py3-none-any.whl")
list(tags.sys_tags())[:5]; tags.parse_tag("py3-none-any")
