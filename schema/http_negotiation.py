"""GraphQL over HTTP: which media type a response uses and which status code it gets.

Two response media types are served (see ``docs/graphql-over-http.md``):

``application/json``
    The legacy type, chosen when ``Accept`` is missing, is ``*/*`` or prefers it.
    Every well-formed request answers ``200``, request errors included.
``application/graphql-response+json``
    Chosen when ``Accept`` prefers it. A request error (the document does not
    parse or validate, the operation cannot be chosen, a variable does not
    coerce) answers ``400`` and has no ``data`` entry; once execution started
    the answer is ``200`` with ``data`` present, even when it is ``null``.

When ``Accept`` names neither type (nor a wildcard covering one), the answer is
``406 Not Acceptable``, as the specification recommends.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

GRAPHQL_RESPONSE_JSON: Final = "application/graphql-response+json"
JSON: Final = "application/json"

MediaType = Literal["application/graphql-response+json", "application/json"]

#: What each media type is sent as (the ``Content-Type`` header).
CONTENT_TYPES: Final[Mapping[MediaType, str]] = {
    GRAPHQL_RESPONSE_JSON: f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8",
    JSON: JSON,
}

#: Served media types; on a tie between two matched only by a wildcard the first wins,
#: so ``*/*`` (and no ``Accept`` at all) keeps the legacy ``application/json``.
_SERVED: Final[tuple[MediaType, ...]] = (JSON, GRAPHQL_RESPONSE_JSON)


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    """``(media range, weight)`` for each entry of an ``Accept`` header, lowercased."""
    ranges: list[tuple[str, float]] = []
    for entry in accept.split(","):
        media_range, *params = (piece.strip() for piece in entry.split(";"))
        if "/" not in media_range:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() != "q":
                continue
            try:
                weight = min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                weight = 1.0  # a malformed weight counts as none given
        ranges.append((media_range.lower(), weight))
    return ranges


def _specificity(media_range: str, media_type: str) -> int | None:
    """How closely ``media_range`` names ``media_type``: 2 exactly, 1 ``type/*``, 0 ``*/*``."""
    if media_range == media_type:
        return 2
    kind = media_type.split("/", 1)[0]
    if media_range == f"{kind}/*":
        return 1
    if media_range == "*/*":
        return 0
    return None


def negotiate(accept: str | None) -> MediaType | None:
    """The response media type for an ``Accept`` header, or ``None`` if nothing served is acceptable.

    Each served type takes the weight of the most specific range that matches it
    (RFC 9110, 12.5.1). The highest weight wins; on a tie the type named more
    specifically, then the one listed first, then ``application/json``.
    """
    if accept is None or not accept.strip():
        return JSON
    ranges = _media_ranges(accept)
    best: tuple[float, int, int, int] | None = None
    chosen: MediaType | None = None
    for preference, media_type in enumerate(_SERVED):
        matches = [
            (specificity, -position, weight)
            for position, (media_range, weight) in enumerate(ranges)
            if (specificity := _specificity(media_range, media_type)) is not None
        ]
        if not matches:
            continue
        specificity, negative_position, weight = max(matches)
        rank = (weight, specificity, negative_position, -preference)
        if weight > 0 and (best is None or rank > best):
            best, chosen = rank, media_type
    return chosen


def response_status(media_type: MediaType, body: Mapping[str, Any]) -> int:
    """The status of a GraphQL response ``body`` served as ``media_type``.

    ``application/json`` is always ``200``. ``application/graphql-response+json``
    is ``200`` when the body has a ``data`` entry (execution started), else ``400``
    for a request error, or ``500`` when the only explanation is an internal failure.
    """
    if media_type == JSON or "data" in body:
        return 200
    codes = {(error.get("extensions") or {}).get("code") for error in body.get("errors") or ()}
    return 500 if codes == {"INTERNAL_ERROR"} else 400
