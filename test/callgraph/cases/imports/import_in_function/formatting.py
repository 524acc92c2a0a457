def as_table(rows):
    return "\n".join(str(r) for r in rows)
