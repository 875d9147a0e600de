"""The Redis server tests use (127.0.0.1:6379 unless ``CETTAR_TEST_REDIS_URL`` says otherwise)."""

from __future__ import annotations

import os

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

REDIS_URL = os.environ.get("CETTAR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
START = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""'


async def connect_redis(url: str = REDIS_URL) -> Redis:
    """A client of the test Redis; fails the test (never skips) saying how to start it when it is down."""
    client: Redis = Redis.from_url(url, decode_responses=True, socket_connect_timeout=2, socket_timeout=2)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        problem = f"{type(exc).__name__}: {exc}"
    else:
        return client
    await client.aclose()
    pytest.fail(
        f"Redis is not reachable at {url} ({problem}); these tests need it. Start it with: {START}", pytrace=False
    )
