"""Logging for the ``cettar`` and ``uvicorn`` loggers: text or JSON lines, level from ``CETTAR_LOG_LEVEL``.

Logs never carry personal data or secrets: every record of the ``cettar`` and
``uvicorn`` loggers is redacted when it is created, blanking NIK- and NIP-shaped
numbers, bearer tokens, reset codes and password values (tracebacks included),
and the formatters redact once more whatever reaches them (extra fields of a
JSON line included). Access-log lines keep the path of a request but never its
query string, which on ``GET /graphql`` holds the operation and its variables.

``CETTAR_LOG_FORMAT=json`` (the default in production) writes one JSON object
per line: ``timestamp`` (UTC, ISO 8601), ``level``, ``logger``, ``message``,
``request_id`` (of the request being served, else ``null``), ``plugin`` where
known, ``exception`` when there is one, and any ``extra`` fields.
"""

from __future__ import annotations

import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from types import TracebackType
from typing import IO, Any, TypeAlias

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from core.config import LogFormat, Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED_PREFIXES = ("cettar", "uvicorn")
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")
ACCESS_LOGGER = "uvicorn.access"

#: The id of the request being served (set by ``core.app.RequestIdMiddleware``).
request_id_var: ContextVar[str | None] = ContextVar("cettar_request_id", default=None)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"cettar_[A-Za-z0-9_\-]{16,}"), "cettar_[REDACTED]"),
    (re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+"), r"\1 [REDACTED]"),
    (
        re.compile(r"(?i)((?:new|current)?_?password|kata_?sandi|[\"']?code[\"']?)(\"?'?\s*[:=]\s*\"?'?)[^\"',\s&}]+"),
        r"\1\2[REDACTED]",
    ),
    (re.compile(r"(?<!\d)\d{18}(?!\d)"), "[NIP]"),
    (re.compile(r"(?<!\d)\d{16}(?!\d)"), "[NIK]"),
)

ExcInfo: TypeAlias = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def redact(text: str) -> str:
    """``text`` with NIKs, NIPs, tokens, codes and passwords blanked out."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def without_query(path: str) -> str:
    """``path`` without its query string (``/graphql?query=…`` → ``/graphql?…``)."""
    base, question, _ = path.partition("?")
    return base + ("?…" if question else "")


def _access_fields(record: logging.LogRecord) -> None:
    """uvicorn's access line, with structured fields and without the query string."""
    args = record.args
    if not (isinstance(args, tuple) and len(args) == 5):
        return
    client, method, path, version, status = args
    path = without_query(str(path))
    record.args = (client, method, path, version, status)
    record.http_method = method
    record.http_path = path
    record.http_status = status


def _redact_record(record: logging.LogRecord) -> None:
    if record.name == ACCESS_LOGGER:
        _access_fields(record)
    record.msg = redact(record.getMessage())
    record.args = ()
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)


def install_redaction() -> None:
    """Redact every record of the ``cettar`` and ``uvicorn`` loggers as it is created (idempotent).

    Done in the record factory rather than in a handler, so that no handler —
    ours, the server's or a test's — ever sees the original text.
    """
    current = logging.getLogRecordFactory()
    if getattr(current, "_cettar_redacts", False):
        return

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = current(*args, **kwargs)
        if record.name.startswith(REDACTED_PREFIXES):
            _redact_record(record)
        return record

    factory._cettar_redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


class RequestContext(logging.Filter):
    """Adds ``request_id`` (of the request being served, or ``None``) to each record a handler emits.

    Handlers run synchronously in the task that logs, so the context variable
    is the request's. A record that already has a ``request_id`` keeps it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class TextFormatter(logging.Formatter):
    """The classic one-line format, redacted once more (for records of any logger)."""

    def __init__(self, fmt: str = FORMAT) -> None:
        super().__init__(fmt)

    def formatException(self, ei: ExcInfo) -> str:
        return redact(super().formatException(ei))

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def _clean(value: Any) -> Any:
    """A JSON-ready copy of ``value`` with every string redacted."""
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_clean(v) for v in value]
    return redact(str(value))


class JsonFormatter(_JsonFormatter):
    """One JSON object per line (python-json-logger), every value redacted."""

    def __init__(self) -> None:
        super().__init__(
            rename_fields={"exc_info": "exception"},
            reserved_attrs=[*RESERVED_ATTRS, "request_id", "color_message", "taskName"],
            json_ensure_ascii=False,
        )

    def formatException(self, ei: ExcInfo) -> str:
        text = super().formatException(ei)
        return redact(text if isinstance(text, str) else "\n".join(text))

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        created = datetime.fromtimestamp(record.created, tz=UTC)
        log_data["timestamp"] = created.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.getMessage()
        log_data["request_id"] = getattr(record, "request_id", None) or request_id_var.get()
        super().add_fields(log_data, record, message_dict)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        cleaned: dict[str, Any] = _clean(log_data)
        return cleaned


def make_formatter(log_format: LogFormat | str = LogFormat.TEXT) -> logging.Formatter:
    """The formatter for ``log_format`` (``json`` or ``text``); also a ``logging.config`` factory."""
    return JsonFormatter() if LogFormat(log_format) is LogFormat.JSON else TextFormatter()


def make_handler(log_format: LogFormat | str = LogFormat.TEXT, stream: IO[str] | None = None) -> logging.Handler:
    """A stream handler (standard error by default) writing ``log_format`` lines with the request id."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(make_formatter(log_format))
    handler.addFilter(RequestContext())
    return handler


def configure_logging(settings: Settings) -> None:
    """Send ``cettar.*`` records to standard error in the configured format (idempotent)."""
    install_redaction()
    logger = logging.getLogger("cettar")
    logger.setLevel(settings.log_level.upper())
    for handler in logger.handlers:
        if getattr(handler, "_cettar", False):
            handler.setFormatter(make_formatter(settings.log_format_chosen))
            return
    handler = make_handler(settings.log_format_chosen)
    handler._cettar = True  # type: ignore[attr-defined]
    logger.addHandler(handler)


def uvicorn_log_config(settings: Settings) -> dict[str, Any]:
    """``logging.config`` for uvicorn (``cettar serve``): its server and access lines in our format.

    Every worker process applies it, so each line of every worker carries the
    same fields; access lines carry the request id of the request they answer.
    """
    level = settings.log_level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "core.logs.RequestContext"}},
        "formatters": {"cettar": {"()": "core.logs.make_formatter", "log_format": str(settings.log_format_chosen)}},
        "handlers": {
            "cettar": {
                "class": "logging.StreamHandler",
                "formatter": "cettar",
                "filters": ["request"],
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn": {"handlers": ["cettar"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["cettar"], "level": level, "propagate": False},
        },
    }
