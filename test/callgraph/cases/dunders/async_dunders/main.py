"""Async protocol methods: async with (__aenter__/__aexit__), async for (__aiter__/__anext__)."""
import asyncio


class Session:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    def __aiter__(self):
        self.remaining = 2
        return self

    async def __anext__(self):
        if self.remaining == 0:
            raise StopAsyncIteration
        self.remaining -= 1
        return self.remaining


async def consume():
    async with Session() as session:
        async for item in session:
            pass


asyncio.run(consume())
