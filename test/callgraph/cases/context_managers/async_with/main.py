"""async with on a project class inside a coroutine awaited by another coroutine."""
import asyncio


class Pool:
    async def __aenter__(self):
        await self.connect()
        return self

    async def __aexit__(self, *exc):
        return False

    async def connect(self):
        return True

    async def fetch(self, query):
        return [query]


async def load(query):
    async with Pool() as pool:
        return await pool.fetch(query)


async def main():
    return await load("SELECT 1")


asyncio.run(main())
