"""Async code passing coroutine functions around: awaited callbacks, an async
comprehension over an async generator, and asyncio.gather of calls."""
import asyncio


async def fetch(n):
    return n * 2


async def numbers(limit):
    for i in range(limit):
        yield i


async def apply(callback, value):
    return await callback(value)


async def main():
    doubled = [await fetch(n) async for n in numbers(3)]
    more = await asyncio.gather(*(apply(fetch, n) for n in doubled))
    return more


asyncio.run(main())
