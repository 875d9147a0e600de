"""Every error leaves with a stable ``extensions.code`` and a localised message.

A :class:`core.errors.CettarError` keeps its code and field; a parse or
validation failure from graphql-core, or a variable of the wrong type, gets
``GRAPHQL_PARSE_FAILED`` or ``GRAPHQL_VALIDATION_FAILED``; anything else is an
internal failure: it is logged with the plugin that owns the field, and the
client sees only ``INTERNAL_ERROR`` and the request id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql.error import GraphQLError
from sqlalchemy.exc import IntegrityError
from strawberry.extensions import SchemaExtension

from core.errors import MESSAGES, CettarError, Language
from schema.metrics import count_error, metrics_enabled

log = logging.getLogger("cettar.graphql")


def _localise(code: str, language: Language, **params: Any) -> str:
    message_id, message_en = MESSAGES[code]
    return (message_en if language == "en" else message_id).format(**params)


def format_error(error: GraphQLError, language: Language, request_id: str, owner: str | None) -> GraphQLError:
    original = error.original_error
    if isinstance(original, IntegrityError):
        # A uniqueness or foreign-key race that the service's own checks lost (two
        # registrations with one username at once, say): the client's to retry.
        original = CettarError("CONFLICT")
    if original is None and error.extensions and "code" in error.extensions:
        return error  # already formatted
    if isinstance(original, CettarError):
        message, extensions = original.message(language), original.extensions
    elif original is None or (isinstance(original, GraphQLError) and not error.path):
        # A parse or validation error, or a variable graphql-core could not coerce
        # (that one wraps the scalar's own GraphQLError): the client's fault.
        code = "GRAPHQL_PARSE_FAILED" if error.message.startswith("Syntax Error") else "GRAPHQL_VALIDATION_FAILED"
        message, extensions = _localise(code, language, detail=error.message), {"code": code}
    else:
        log.error(
            "unhandled error in plugin %s at %s (request %s): %s",
            owner or "?",
            ".".join(str(p) for p in error.path or []),
            request_id,
            type(original).__name__,
            exc_info=original,
            extra={"plugin": owner} if owner else None,
        )
        message = _localise("INTERNAL_ERROR", language, request_id=request_id)
        extensions = {"code": "INTERNAL_ERROR", "requestId": request_id}
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def format_result_errors(result: Any, context: Any) -> None:
    """Format ``result.errors`` in place for the request described by ``context``."""
    errors = getattr(result, "errors", None)
    if not errors:
        return
    language = getattr(context, "language", "id")
    request_id = getattr(context, "request_id", "-")
    owner_of = getattr(getattr(context, "runtime", None), "state", {}).get("owner_of_root_field", lambda _n: None)
    counted = metrics_enabled(context)
    formatted: list[GraphQLError] = []
    for error in errors:
        owner = owner_of(error.path[0]) if error.path else None
        done = format_error(error, language, request_id, owner)
        if counted and done is not error:  # each error is counted once, when it is formatted
            count_error(owner, str((done.extensions or {}).get("code", "INTERNAL_ERROR")))
        formatted.append(done)
    result.errors = formatted


class ErrorFormatter(SchemaExtension):
    """Rewrites the errors of each result (runs after every other extension's cleanup)."""

    def on_operation(self) -> Iterator[None]:
        yield
        format_result_errors(self.execution_context.result, self.execution_context.context)
