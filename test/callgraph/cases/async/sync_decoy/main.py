"""Decoy: an async function and a sync function with the same method name in different classes."""
import asyncio


class AsyncStore:
    async def get(self, key):
        return key


class SyncStore:
    def get(self, key):
        return key


async def read(store, key):
    return await store.get(key)


asyncio.run(read(AsyncStore(), "k"))
