"""Coroutines awaiting coroutines; asyncio.run starts the top one."""
import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0)
    return {"id": user_id}


async def fetch_orders(user):
    return [user["id"]]


async def dashboard(user_id):
    user = await fetch_user(user_id)
    orders = await fetch_orders(user)
    return user, orders


asyncio.run(dashboard(1))
