"""Automatic persisted queries: Apollo's APQ protocol on ``/graphql``.

A client sends ``extensions.persistedQuery = {"version": 1, "sha256Hash": "<hex>"}``
and, the first time, no ``query``. The view looks the hash up:

* found: the stored document runs as if it had been sent;
* not found: the answer is the request error ``PersistedQueryNotFound``
  (``extensions.code`` ``PERSISTED_QUERY_NOT_FOUND``) with status 200 in every
  media type, as Apollo Server answers it, and the client sends the request again
  with the query;
* a query and a hash: the hash must be the SHA-256 (hex) of the query's UTF-8
  text, else ``PERSISTED_QUERY_HASH_MISMATCH`` and nothing is stored. Once the
  document parses and validates it is stored, unless it contains a mutation or is
  longer than :data:`MAX_STORED_QUERY_BYTES` (16 KiB of UTF-8);
* a version other than 1: ``PersistedQueryNotSupported``
  (``PERSISTED_QUERY_NOT_SUPPORTED``, status 200), after which Apollo Client sends
  full queries without the extension.

Mutations are never stored: they are where passwords, NIKs and reset codes
travel (inline, when a client does not use variables), and POST responses are not
cached anyway. A hash-only mutation is answered ``PERSISTED_QUERY_NOT_FOUND`` and
the client resends it in full.

Anyone may register documents (a new alias makes a new hash), so both stores are
bounded: an in-memory LRU of ``CETTAR_APQ_CACHE_SIZE`` documents per process, or,
when ``CETTAR_REDIS_URL`` is set, Redis (shared by every process) holding at most
``CETTAR_APQ_CACHE_SIZE`` documents, least recently used evicted first, each also
dropped ``CETTAR_APQ_TTL_SECONDS`` after its last use. A store that fails (Redis
down) is logged and treated as empty: clients fall back to full queries.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Protocol

from cross_web import HTTPException
from graphql import DocumentNode, OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLError
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from strawberry.http import GraphQLRequestData

from core.errors import CettarError, register_messages
from core.runtime import Runtime

log = logging.getLogger("cettar.graphql.persisted")

VERSION = 1
#: Longer documents (UTF-8 bytes) still run but are not stored (the client sends them in full each time).
MAX_STORED_QUERY_BYTES = 16 * 1024
REDIS_PREFIX = "cettar:apq:"
#: Under the prefix: the sorted set of stored hashes, scored by the time of their last use.
REDIS_INDEX = "index"
#: Seconds a Redis call may take before the store counts as failed.
REDIS_TIMEOUT = 1.0
#: At most one warning per this many seconds about a failing store.
WARN_EVERY = 60.0
STATE_KEY = "persisted_queries"

_SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")

register_messages(
    {
        # Apollo clients match these two messages (or the codes) to retry with the full query.
        "PERSISTED_QUERY_NOT_FOUND": ("PersistedQueryNotFound", "PersistedQueryNotFound"),
        "PERSISTED_QUERY_NOT_SUPPORTED": ("PersistedQueryNotSupported", "PersistedQueryNotSupported"),
        "PERSISTED_QUERY_HASH_MISMATCH": (
            "Hash kueri tersimpan (persisted query) tidak sama dengan SHA-256 dari kueri.",
            "The persisted query hash is not the SHA-256 of the query.",
        ),
    }
)


class PersistedQueryError(CettarError):
    """An APQ answer sent instead of executing; ``status`` overrides the usual request-error status."""

    def __init__(self, code: str, *, status: int | None = None) -> None:
        super().__init__(code)
        self.status = status

    def as_graphql_error(self) -> GraphQLError:
        return GraphQLError(self.message(), original_error=self)


class PersistedQueryStore(Protocol):
    """Where documents are kept by their SHA-256 (lower-case hex)."""

    async def get(self, sha256_hash: str) -> str | None: ...

    async def put(self, sha256_hash: str, query: str) -> None: ...

    async def close(self) -> None: ...


class MemoryStore:
    """A least-recently-used map of at most ``maxsize`` documents, in this process only."""

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._queries: OrderedDict[str, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, sha256_hash: object) -> bool:
        return sha256_hash in self._queries

    async def get(self, sha256_hash: str) -> str | None:
        query = self._queries.get(sha256_hash)
        if query is not None:
            self._queries.move_to_end(sha256_hash)
        return query

    async def put(self, sha256_hash: str, query: str) -> None:
        self._queries[sha256_hash] = query
        self._queries.move_to_end(sha256_hash)
        while len(self._queries) > self.maxsize:
            self._queries.popitem(last=False)

    async def close(self) -> None:
        self._queries.clear()


class RedisStore:
    """At most ``maxsize`` documents in Redis under ``cettar:apq:<hash>``, each kept
    ``ttl_seconds`` after its last use.

    The sorted set ``cettar:apq:index`` scores each stored hash with the time of its
    last use. Storing a document adds it to the index and, in the same transaction,
    takes out of the index the hashes not used for ``ttl_seconds`` (Redis has expired
    their documents) and the least recently used beyond ``maxsize``, whose documents
    are then deleted. A hit renews the document's time to live and its score.
    """

    def __init__(self, url: str, ttl_seconds: int, maxsize: int, *, prefix: str = REDIS_PREFIX) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.ttl_seconds = ttl_seconds
        self.maxsize = maxsize
        self.prefix = prefix
        self.index = prefix + REDIS_INDEX
        # No retries and short timeouts: a slow or absent Redis must not hold requests up.
        self.redis: Redis = Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=REDIS_TIMEOUT,
            socket_connect_timeout=REDIS_TIMEOUT,
            retry=Retry(NoBackoff(), 0),
        )

    async def get(self, sha256_hash: str) -> str | None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.getex(self.prefix + sha256_hash, ex=self.ttl_seconds)
            pipe.zadd(self.index, {sha256_hash: time.time()}, xx=True, ch=True)  # only if indexed
            pipe.expire(self.index, self.ttl_seconds)
            query, indexed, _ = await pipe.execute()
        if query is None:
            if indexed:  # its document expired, or was evicted by another process a moment ago
                await self.redis.zrem(self.index, sha256_hash)
            return None
        if not indexed:  # the index expired, or lost it in a race: count it again
            await self._index(sha256_hash)
        return str(query)

    async def put(self, sha256_hash: str, query: str) -> None:
        await self._index(sha256_hash, query)

    async def _index(self, sha256_hash: str, query: str | None = None) -> None:
        """Score ``sha256_hash`` now (storing ``query`` under it), then evict beyond ``maxsize``."""
        now = time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            if query is not None:
                pipe.set(self.prefix + sha256_hash, query, ex=self.ttl_seconds)
            pipe.zadd(self.index, {sha256_hash: now})
            pipe.zremrangebyscore(self.index, "-inf", f"({now - self.ttl_seconds}")
            pipe.zrange(self.index, 0, -self.maxsize - 1)  # the least recently used beyond maxsize…
            pipe.zremrangebyrank(self.index, 0, -self.maxsize - 1)  # …taken out of the index
            pipe.expire(self.index, self.ttl_seconds)
            evicted: list[str] = (await pipe.execute())[-3]
        if evicted:
            await self.redis.delete(*(self.prefix + h for h in evicted))

    async def close(self) -> None:
        await self.redis.aclose()


@dataclass
class PersistedQueryStats:
    """Counters since start: hash-only requests answered from the store (``hits``) or not
    (``misses``), documents stored (``registered``), hashes that did not match (``mismatches``)
    and store calls that failed (``store_errors``)."""

    hits: int = 0
    misses: int = 0
    registered: int = 0
    mismatches: int = 0
    store_errors: int = 0


@dataclass(frozen=True)
class Resolved:
    """The request to execute, and the ``(hash, query)`` to store once it validates."""

    request_data: GraphQLRequestData
    register: tuple[str, str] | None = None


class PersistedQueries:
    """The APQ protocol over one store."""

    def __init__(self, store: PersistedQueryStore) -> None:
        self.store = store
        self.stats = PersistedQueryStats()
        self._warned_at = -WARN_EVERY

    async def resolve(self, request_data: GraphQLRequestData) -> Resolved:
        """Fill in the query of a hash-only request, or check the hash of a full one.

        Raises :class:`PersistedQueryError` (answered as a GraphQL error) or
        ``HTTPException(400)`` when ``extensions.persistedQuery`` is malformed.
        """
        extensions = request_data.extensions or {}
        persisted = extensions.get("persistedQuery")
        if persisted is None:
            return Resolved(request_data)
        if not isinstance(persisted, dict):
            raise HTTPException(400, "`extensions.persistedQuery` must be an object")
        version = persisted.get("version")
        if type(version) is not int or version != VERSION:
            raise PersistedQueryError("PERSISTED_QUERY_NOT_SUPPORTED", status=200)
        sha256_hash = persisted.get("sha256Hash")
        if not isinstance(sha256_hash, str) or not _SHA256_HEX.fullmatch(sha256_hash):
            raise HTTPException(400, "`extensions.persistedQuery.sha256Hash` must be a SHA-256 hash in hexadecimal")
        sha256_hash = sha256_hash.lower()
        query = request_data.query
        if not query:
            stored = await self._get(sha256_hash)
            if stored is None:
                self.stats.misses += 1
                raise PersistedQueryError("PERSISTED_QUERY_NOT_FOUND", status=200)
            self.stats.hits += 1
            return Resolved(replace(request_data, query=stored))
        encoded = query.encode("utf-8", "surrogatepass")
        if hashlib.sha256(encoded).hexdigest() != sha256_hash:
            self.stats.mismatches += 1
            raise PersistedQueryError("PERSISTED_QUERY_HASH_MISMATCH")
        storable = len(encoded) <= MAX_STORED_QUERY_BYTES
        return Resolved(request_data, (sha256_hash, query) if storable else None)

    async def register(self, sha256_hash: str, query: str, document: DocumentNode | None = None) -> None:
        """Store a document that parsed and validated (documents with a mutation are not stored).

        ``document`` is ``query`` as already parsed for its execution, when at hand.
        """
        if contains_mutation(document if document is not None else query):
            return
        try:
            await self.store.put(sha256_hash, query)
        except (RedisError, OSError) as exc:
            self._failed("store", exc)
        else:
            self.stats.registered += 1

    async def close(self) -> None:
        await self.store.close()

    async def _get(self, sha256_hash: str) -> str | None:
        try:
            return await self.store.get(sha256_hash)
        except (RedisError, OSError) as exc:
            self._failed("look up", exc)
            return None

    def _failed(self, action: str, exc: Exception) -> None:
        self.stats.store_errors += 1
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY:
            self._warned_at = now
            log.warning(
                "persisted query store: could not %s a query (%s: %s); clients fall back to full queries",
                action,
                type(exc).__name__,
                exc,
            )


def query_hash(query: str) -> str:
    """The APQ hash of a document: SHA-256 of its UTF-8 text, lower-case hex."""
    return hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()


def contains_mutation(query: str | DocumentNode) -> bool:
    """Whether a document (its text, or its parsed form) has a mutation; text that does not parse counts as one."""
    if isinstance(query, DocumentNode):
        document = query
    else:
        try:
            document = parse(query, no_location=True)
        except GraphQLError:
            return True  # never stored
    return any(
        isinstance(d, OperationDefinitionNode) and d.operation is OperationType.MUTATION for d in document.definitions
    )


def store_for(runtime: Runtime) -> PersistedQueryStore:
    settings = runtime.settings
    if settings.redis_url:
        return RedisStore(settings.redis_url, settings.apq_ttl_seconds, settings.apq_cache_size)
    return MemoryStore(settings.apq_cache_size)


def persisted_queries(runtime: Runtime) -> PersistedQueries:
    """This runtime's APQ handler (created once, closed when the runtime is disposed)."""
    existing: Any = runtime.state.get(STATE_KEY)
    if isinstance(existing, PersistedQueries):
        return existing
    handler = PersistedQueries(store_for(runtime))
    runtime.state[STATE_KEY] = handler
    runtime.on_dispose.append(handler.close)
    return handler
