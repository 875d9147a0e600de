"""Automatic persisted queries (Apollo's APQ protocol): hit, miss, mismatch, GET, bounds, Redis."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from core.app import create_app
from core.runtime import Runtime
from schema.http import NO_STORE_APQ_ANSWER, VARY
from schema.http_negotiation import GRAPHQL_RESPONSE_JSON, JSON
from schema.persisted import (
    MAX_STORED_QUERY_BYTES,
    REDIS_PREFIX,
    MemoryStore,
    PersistedQueries,
    RedisStore,
    persisted_queries,
    query_hash,
)
from tests.support.live import free_port
from tests.support.redis_server import REDIS_URL, connect_redis

REGION = 'query Region { region(code: "35") { name } }'
REGION_DATA = {"region": {"name": "Jawa Timur"}}
BY_CODE = "query ByCode($code: String!) { region(code: $code) { name } }"


def persisted(query: str | None = None, *, sha: str | None = None, version: Any = 1) -> dict[str, Any]:
    """A request body with ``extensions.persistedQuery`` (and the query when given)."""
    body: dict[str, Any] = {
        "extensions": {"persistedQuery": {"version": version, "sha256Hash": sha or query_hash(query or "")}}
    }
    if query is not None:
        body["query"] = query
    return body


async def post(app: Any, body: dict[str, Any], accept: str = JSON, language: str | None = None) -> httpx.Response:
    headers = {"Accept": accept, **({"Accept-Language": language} if language else {})}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        return await http.post("/graphql", json=body, headers=headers)


async def get(app: Any, body: dict[str, Any], accept: str = JSON) -> httpx.Response:
    params = {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        return await http.get("/graphql", params=params, headers={"Accept": accept})


def codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json().get("errors") or []]


def handler(cettar_app: Any) -> PersistedQueries:
    return persisted_queries(cettar_app.runtime)


# --- the protocol --------------------------------------------------------------------------------


async def test_an_unknown_hash_is_persisted_query_not_found_with_status_200(cettar_app):
    """Apollo Client retries with the full query on this message or code; 200 in both media types."""
    for accept in (JSON, GRAPHQL_RESPONSE_JSON):
        response = await post(cettar_app.app, persisted(sha="ab" * 32), accept)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(accept)
        body = response.json()
        assert body["errors"] == [
            {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
        ]
        assert ("data" in body) is (accept == JSON)  # data: null in application/json, as for request errors
    assert handler(cettar_app).stats.misses == 2


async def test_the_full_query_is_stored_and_the_hash_alone_then_runs_it(cettar_app):
    miss = await post(cettar_app.app, persisted(sha=query_hash(REGION)))
    assert codes(miss) == ["PERSISTED_QUERY_NOT_FOUND"]
    registered = await post(cettar_app.app, persisted(REGION))
    assert registered.status_code == 200
    assert registered.json() == {"data": REGION_DATA}
    for accept in (JSON, GRAPHQL_RESPONSE_JSON):
        hit = await post(cettar_app.app, persisted(sha=query_hash(REGION)), accept)
        assert hit.status_code == 200
        assert hit.json() == {"data": REGION_DATA}
    stats = handler(cettar_app).stats
    assert (stats.misses, stats.registered, stats.hits) == (1, 1, 2)


async def test_a_hit_takes_variables_and_the_operation_name(cettar_app):
    document = REGION + "\n" + BY_CODE
    body = {**persisted(document), "operationName": "ByCode", "variables": {"code": "35.78"}}
    assert (await post(cettar_app.app, body)).json() == {"data": {"region": {"name": "Surabaya"}}}
    hit = {**persisted(sha=query_hash(document)), "operationName": "ByCode", "variables": {"code": "35.15"}}
    assert (await post(cettar_app.app, hit)).json() == {"data": {"region": {"name": "Sidoarjo"}}}
    hit["operationName"] = "Region"
    assert (await post(cettar_app.app, hit)).json() == {"data": REGION_DATA}


async def test_the_hash_is_case_insensitive_hex(cettar_app):
    await post(cettar_app.app, persisted(REGION, sha=query_hash(REGION).upper()))
    assert (await post(cettar_app.app, persisted(sha=query_hash(REGION)))).json() == {"data": REGION_DATA}


async def test_a_hash_that_is_not_the_queries_sha256_is_refused_and_nothing_is_stored(cettar_app):
    other = query_hash("{ __typename }")
    english = await post(cettar_app.app, persisted(REGION, sha=other), language="en")
    assert english.status_code == 200
    assert english.json() == {
        "data": None,
        "errors": [
            {
                "message": "The persisted query hash is not the SHA-256 of the query.",
                "extensions": {"code": "PERSISTED_QUERY_HASH_MISMATCH"},
            }
        ],
    }
    indonesian = await post(cettar_app.app, persisted(REGION, sha=other), GRAPHQL_RESPONSE_JSON)
    assert indonesian.status_code == 400  # a request error like any other
    assert "data" not in indonesian.json()
    assert codes(indonesian) == ["PERSISTED_QUERY_HASH_MISMATCH"]
    assert indonesian.json()["errors"][0]["message"].startswith("Hash kueri tersimpan")
    for sha in (other, query_hash(REGION)):
        assert codes(await post(cettar_app.app, persisted(sha=sha))) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert handler(cettar_app).stats.mismatches == 2
    assert handler(cettar_app).stats.registered == 0


@pytest.mark.parametrize("version", [2, 0, "1", True, None])
async def test_a_version_other_than_1_is_not_supported(cettar_app, version):
    response = await post(cettar_app.app, persisted(REGION, version=version), GRAPHQL_RESPONSE_JSON)
    assert response.status_code == 200  # Apollo Client then sends plain queries without the extension
    assert response.json()["errors"] == [
        {"message": "PersistedQueryNotSupported", "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"}}
    ]
    assert handler(cettar_app).stats.registered == 0


@pytest.mark.parametrize(
    "extension",
    [
        "nope",
        ["list"],
        {"version": 1},
        {"version": 1, "sha256Hash": 7},
        {"version": 1, "sha256Hash": "abc"},
        {"version": 1, "sha256Hash": "g" * 64},
    ],
)
async def test_a_malformed_persisted_query_extension_is_400(cettar_app, extension):
    for accept in (JSON, GRAPHQL_RESPONSE_JSON):
        response = await post(cettar_app.app, {"query": REGION, "extensions": {"persistedQuery": extension}}, accept)
        assert response.status_code == 400
        assert codes(response) == ["BAD_REQUEST"]
        assert "persistedQuery" in response.json()["errors"][0]["message"]


async def test_documents_that_do_not_validate_are_not_stored(cettar_app):
    for document in ("{ regionz }", "{ region(code: 35) { name } }", "{ region("):
        response = await post(cettar_app.app, persisted(document))
        assert codes(response)[0] in ("GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED")
        assert codes(await post(cettar_app.app, persisted(sha=query_hash(document)))) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert handler(cettar_app).stats.registered == 0


async def test_mutations_are_never_stored(cettar_app):
    """Passwords and NIKs travel in mutations: their text is not kept, the client resends it."""
    login = 'mutation { login(username: "warga.budi", password: "cettar-demo-2026") { token } }'
    response = await post(cettar_app.app, persisted(login))
    assert response.json()["data"]["login"]["token"]
    assert codes(await post(cettar_app.app, persisted(sha=query_hash(login)))) == ["PERSISTED_QUERY_NOT_FOUND"]
    store = handler(cettar_app).store
    assert isinstance(store, MemoryStore)
    assert len(store) == 0


async def test_requests_without_the_extension_are_untouched(cettar_app):
    response = await post(cettar_app.app, {"query": REGION, "extensions": {"other": 1}})
    assert response.json() == {"data": REGION_DATA}
    stats = handler(cettar_app).stats
    assert (stats.hits, stats.misses, stats.registered) == (0, 0, 0)


# --- GET: cacheable by a CDN ---------------------------------------------------------------------


async def test_get_with_extensions_as_a_query_parameter(cettar_app):
    sha = query_hash(REGION)
    miss = await get(cettar_app.app, persisted(sha=sha), GRAPHQL_RESPONSE_JSON)
    assert miss.status_code == 200
    assert codes(miss) == ["PERSISTED_QUERY_NOT_FOUND"]
    registered = await get(cettar_app.app, persisted(REGION))
    assert registered.json() == {"data": REGION_DATA}
    hit = await get(cettar_app.app, {**persisted(sha=sha), "operationName": "Region"}, GRAPHQL_RESPONSE_JSON)
    assert hit.status_code == 200
    assert hit.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
    assert hit.json() == {"data": REGION_DATA}
    # The URL carries only the hash: the same URL every time, so a cache in front can keep it.
    assert "query=" not in str(hit.request.url)
    assert "extensions=" in str(hit.request.url)


@pytest.mark.parametrize("accept", ["*/*", "text/html, application/xhtml+xml, */*;q=0.8"])
async def test_a_hash_only_get_is_answered_even_where_a_browser_would_get_graphiql(cettar_app, accept):
    await post(cettar_app.app, persisted(REGION))
    response = await get(cettar_app.app, persisted(sha=query_hash(REGION)), accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"data": REGION_DATA}


async def test_get_stores_only_what_the_view_allows_over_get(cettar_app):
    mutation = "mutation { __typename }"
    response = await get(cettar_app.app, persisted(mutation))
    assert response.status_code == 405
    assert codes(await post(cettar_app.app, persisted(sha=query_hash(mutation)))) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_protocol_answers_are_never_kept_by_a_cache(cettar_app):
    """A cached PERSISTED_QUERY_NOT_FOUND would hide the query registered a moment later."""
    sha = query_hash(REGION)
    answers = {
        "not found over GET": await get(cettar_app.app, persisted(sha=sha)),
        "not found over POST": await post(cettar_app.app, persisted(sha=sha)),
        "not supported": await get(cettar_app.app, persisted(sha=sha, version=2)),
        "mismatch": await get(cettar_app.app, persisted(REGION, sha=query_hash("{ __typename }"))),
    }
    for what, response in answers.items():
        assert codes(response)[0].startswith("PERSISTED_QUERY_"), what
        assert response.headers.get("cache-control") == NO_STORE_APQ_ANSWER, what
    await post(cettar_app.app, persisted(REGION))
    hit = await get(cettar_app.app, persisted(sha=sha))
    assert hit.json() == {"data": REGION_DATA}
    assert "cache-control" not in hit.headers  # the answer itself may be cached (docs/clients.md)


async def test_get_answers_vary_on_accept_language_and_authorization(cettar_app):
    """What a GET answer depends on besides its URL, for a CDN's cache key."""
    await post(cettar_app.app, persisted(REGION))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as http:
        answers = {
            "a hit": await get(cettar_app.app, persisted(sha=query_hash(REGION)), GRAPHQL_RESPONSE_JSON),
            "a miss": await get(cettar_app.app, persisted(sha="cd" * 32)),
            "a plain query": await http.get("/graphql", params={"query": REGION}, headers={"Accept": JSON}),
            "a mutation (405)": await http.get("/graphql", params={"query": "mutation { __typename }"}),
            "GraphiQL": await http.get("/graphql", headers={"Accept": "text/html"}),
        }
        posted = await http.post("/graphql", json={"query": REGION})
    for what, response in answers.items():
        assert response.headers.get("vary") == VARY == "Accept, Accept-Language, Authorization", what
    assert "vary" not in posted.headers  # a POST is not cached


async def test_get_with_malformed_extensions_json_is_400(cettar_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as http:
        response = await http.get("/graphql", params={"extensions": "{nope"}, headers={"Accept": JSON})
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


# --- the in-memory store is bounded --------------------------------------------------------------


async def test_the_memory_store_keeps_the_most_recently_used():
    store = MemoryStore(maxsize=2)
    await store.put("a", "A")
    await store.put("b", "B")
    assert await store.get("a") == "A"  # a is now the most recent
    await store.put("c", "C")
    assert (len(store), "b" in store, await store.get("a"), await store.get("c")) == (2, False, "A", "C")
    await store.put("a", "A2")
    assert len(store) == 2
    assert await store.get("a") == "A2"
    with pytest.raises(ValueError):
        MemoryStore(0)


@pytest.mark.cettar(settings={"apq_cache_size": 2})
async def test_the_served_store_holds_at_most_apq_cache_size_documents(cettar_app):
    documents = [f'query Q{i} {{ region(code: "35") {{ name }} }}' for i in range(4)]
    for document in documents:
        assert (await post(cettar_app.app, persisted(document))).json() == {"data": REGION_DATA}
    store = handler(cettar_app).store
    assert isinstance(store, MemoryStore)
    assert (len(store), store.maxsize) == (2, 2)
    for document, kept in zip(documents, [False, False, True, True], strict=True):
        response = await post(cettar_app.app, persisted(sha=query_hash(document)))
        assert (response.json().get("data") == REGION_DATA) is kept, document


async def test_documents_over_16_kib_run_but_are_not_stored(cettar_app):
    """Stored documents are small: anyone may register them, so they must not fill the store."""
    assert MAX_STORED_QUERY_BYTES == 16 * 1024
    fits = REGION + " #" + "x" * (MAX_STORED_QUERY_BYTES - len(REGION) - 2)
    too_long = REGION + " #" + "x" * (MAX_STORED_QUERY_BYTES - len(REGION) - 1)
    # fewer characters than the limit, but more UTF-8 bytes: the limit counts bytes
    wide = REGION + " #" + "é" * (MAX_STORED_QUERY_BYTES // 2)
    assert len(fits.encode()) == MAX_STORED_QUERY_BYTES == len(too_long) - 1
    assert len(wide) < MAX_STORED_QUERY_BYTES < len(wide.encode())
    for document, stored in ((fits, True), (too_long, False), (wide, False)):
        assert (await post(cettar_app.app, persisted(document))).json() == {"data": REGION_DATA}
        hit = await post(cettar_app.app, persisted(sha=query_hash(document)))
        assert (hit.json().get("data") == REGION_DATA) is stored, len(document.encode())
    assert handler(cettar_app).stats.registered == 1


def test_the_cache_size_setting_is_validated():
    from core.config import ConfigError, load_settings

    assert load_settings(apq_cache_size=5).apq_cache_size == 5
    assert load_settings().apq_cache_size == 1000
    with pytest.raises(ConfigError, match="CETTAR_APQ_CACHE_SIZE"):
        load_settings(apq_cache_size=0)


# --- Redis ---------------------------------------------------------------------------------------


def unique(document: str) -> str:
    """A document no earlier run stored in the shared Redis (a comment changes the hash)."""
    return f"{document} # {uuid.uuid4().hex}"


@pytest.fixture
async def redis() -> AsyncIterator[Any]:
    client = await connect_redis()
    yield client
    await client.aclose()


@pytest.mark.cettar(settings={"redis_url": REDIS_URL, "apq_ttl_seconds": 120})
async def test_the_redis_store_is_shared_by_two_app_instances(cettar_app, cettar_settings, redis):
    first = handler(cettar_app)
    assert isinstance(first.store, RedisStore)
    document = unique(REGION)
    sha = query_hash(document)
    key = REDIS_PREFIX + sha
    try:
        assert (await post(cettar_app.app, persisted(document))).json() == {"data": REGION_DATA}
        assert await redis.get(key) == document
        assert 0 < await redis.ttl(key) <= 120

        other = create_app(Runtime.create(cettar_settings), dispatch_events=False)
        async with other.router.lifespan_context(other):
            second = persisted_queries(other.state.runtime)
            assert second is not first
            assert isinstance(second.store, RedisStore)
            hit = await post(other, persisted(sha=sha), GRAPHQL_RESPONSE_JSON)
            assert hit.status_code == 200
            assert hit.json() == {"data": REGION_DATA}
            assert (second.stats.hits, second.stats.registered) == (1, 0)
        assert (first.stats.hits, first.stats.registered) == (0, 1)
    finally:
        await redis.delete(key)


@pytest.mark.cettar(settings={"redis_url": REDIS_URL, "apq_ttl_seconds": 3600})
async def test_a_hit_in_redis_renews_the_entrys_time_to_live(cettar_app, redis):
    document = unique(REGION)
    key = REDIS_PREFIX + query_hash(document)
    try:
        await post(cettar_app.app, persisted(document))
        await redis.expire(key, 10)
        assert (await post(cettar_app.app, persisted(sha=query_hash(document)))).json() == {"data": REGION_DATA}
        assert await redis.ttl(key) > 10
    finally:
        await redis.delete(key)


@pytest.fixture
async def small_redis_store(redis) -> AsyncIterator[RedisStore]:
    """A RedisStore of 3 documents under a prefix of its own (the shared index is left alone)."""
    prefix = f"cettar:test:apq:{uuid.uuid4().hex}:"
    store = RedisStore(REDIS_URL, ttl_seconds=120, maxsize=3, prefix=prefix)
    yield store
    await store.close()
    keys = [key async for key in redis.scan_iter(match=prefix + "*")]
    if keys:
        await redis.delete(*keys)


async def test_the_redis_store_holds_at_most_maxsize_documents_least_recently_used_first(small_redis_store, redis):
    store = small_redis_store
    for name in ("h1", "h2", "h3"):
        await store.put(name, f"query {name}")
    assert await store.get("h1") == "query h1"  # h1 is now the most recently used
    await store.put("h4", "query h4")
    await store.put("h5", "query h5")
    assert [await store.get(name) for name in ("h1", "h2", "h3", "h4", "h5")] == [
        "query h1",
        None,
        None,
        "query h4",
        "query h5",
    ]
    # the index and the documents agree: three of each, the evicted ones deleted
    assert await redis.zcard(store.index) == 3
    assert set(await redis.zrange(store.index, 0, -1)) == {"h1", "h4", "h5"}
    assert [await redis.exists(store.prefix + n) for n in ("h1", "h2", "h3", "h4", "h5")] == [1, 0, 0, 1, 1]
    assert 0 < await redis.ttl(store.index) <= 120
    # re-storing a document does not count it twice
    await store.put("h4", "query h4")
    assert await redis.zcard(store.index) == 3


async def test_the_redis_index_heals_when_a_document_or_its_entry_is_gone(small_redis_store, redis):
    store = small_redis_store
    await store.put("h1", "query h1")
    await redis.delete(store.prefix + "h1")  # expired, or deleted by another process's eviction
    assert await store.get("h1") is None
    assert await redis.zcard(store.index) == 0  # the stale entry is gone: it holds no place
    await redis.set(store.prefix + "h2", "query h2", ex=120)  # stored without an entry (an older version)
    assert await store.get("h2") == "query h2"
    assert await redis.zrange(store.index, 0, -1) == ["h2"]  # counted from its first hit on


@pytest.mark.cettar(settings={"redis_url": REDIS_URL, "apq_cache_size": 7, "apq_ttl_seconds": 60})
async def test_the_served_redis_store_is_bounded_by_apq_cache_size(cettar_app):
    store = handler(cettar_app).store
    assert isinstance(store, RedisStore)
    assert (store.maxsize, store.ttl_seconds, store.index) == (7, 60, "cettar:apq:index")
    with pytest.raises(ValueError):
        RedisStore(REDIS_URL, 60, 0)


@pytest.mark.cettar(settings={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
async def test_a_redis_that_is_down_degrades_to_full_queries(cettar_app, caplog):
    with caplog.at_level(logging.WARNING, logger="cettar.graphql.persisted"):
        miss = await post(cettar_app.app, persisted(sha=query_hash(REGION)))
        assert codes(miss) == ["PERSISTED_QUERY_NOT_FOUND"]
        full = await post(cettar_app.app, persisted(REGION))
        assert full.json() == {"data": REGION_DATA}
    stats = handler(cettar_app).stats
    assert (stats.store_errors, stats.registered) == (2, 0)
    warnings = [r for r in caplog.records if r.name == "cettar.graphql.persisted"]
    assert len(warnings) == 1  # at most one a minute
    assert "fall back to full queries" in warnings[0].getMessage()
