"""A coroutine function passed as an argument and awaited inside."""
import asyncio


async def save(item):
    return item


async def process(items, handler):
    for item in items:
        await handler(item)


async def main():
    await process([1, 2], save)


asyncio.run(main())
