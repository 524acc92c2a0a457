"""Async methods on a class, awaited through self and through an instance."""
import asyncio


class Client:
    def __init__(self, base):
        self.base = base

    async def request(self, path):
        return self.base + path

    async def get_json(self, path):
        body = await self.request(path)
        return {"body": body}


async def main():
    client = Client("http://api")
    return await client.get_json("/users")


asyncio.run(main())
