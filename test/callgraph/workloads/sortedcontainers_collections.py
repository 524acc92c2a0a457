"""Workload for test/callgraph/project_recall.py: sortedcontainers: SortedList, SortedKeyList, SortedDict and SortedSet operations."""
from sortedcontainers import SortedList, SortedDict, SortedSet, SortedKeyList
sl = SortedList([5, 1, 3]); sl.add(2); sl.update([9, 0]); print(sl, sl.bisect_left(3), sl[1:3], sl.index(5), 3 in sl); sl.remove(9); sl.discard(7); print(list(sl.irange(1, 4)), sl.pop())
sk = SortedKeyList([3, 1, 2], key=lambda x: -x); sk.add(5); print(list(sk), sk.bisect_key_left(-2))
sd = SortedDict({"b": 2, "a": 1}); sd["c"] = 3; print(sd.peekitem(0), list(sd.keys()), sd.popitem(), sd.bisect("b"), list(sd.irange("a", "b")), sd.index("b"))
ss = SortedSet([3, 1, 2]); ss.add(0); print(ss | {9}, ss & {1, 2}, ss - {1}, ss[0], ss.count(1))
print(sl * 2, sl == SortedList(list(sl)), repr(sd))
