"""Everyday builtins are external callees named builtins.<name>."""


def summarize(values):
    count = len(values)
    total = sum(values)
    ordered = sorted(values)
    pairs = list(enumerate(zip(values, ordered)))
    return {"count": count, "mean": round(total / count, 2), "pairs": pairs,
            "unique": set(values), "first": min(values), "range": range(max(values))}


print(summarize([3, 1, 2]))
