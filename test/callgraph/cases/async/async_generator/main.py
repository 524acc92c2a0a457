"""An async generator consumed with async for, and an async comprehension."""
import asyncio


def decode(chunk):
    return chunk.decode()


async def stream(chunks):
    for chunk in chunks:
        yield decode(chunk)


async def collect():
    parts = []
    async for part in stream([b"a", b"b"]):
        parts.append(part)
    return parts + [p async for p in stream([b"c"])]


asyncio.run(collect())
