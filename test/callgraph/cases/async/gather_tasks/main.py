"""asyncio.gather over coroutines created in a comprehension."""
import asyncio


async def ping(host):
    return host


async def check_all(hosts):
    return await asyncio.gather(*[ping(h) for h in hosts])


def main():
    return asyncio.run(check_all(["a", "b"]))


main()
