"""Logging for the ``cettar`` and ``uvicorn`` loggers: text or JSON lines, level from ``CETTAR_LOG_LEVEL``.

Logs never carry personal data or secrets: every record, of any logger, is
redacted when it is created (:mod:`core.redaction`). The formatters redact what
the record factory did not see: a record's ``extra`` fields, and whole lines of
records made without the factory.

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
from core.redaction import REDACTED_ATTR, install_redaction, redact, redact_json

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")

#: The id of the request being served (set by ``core.app.RequestIdMiddleware``).
request_id_var: ContextVar[str | None] = ContextVar("cettar_request_id", default=None)

ExcInfo: TypeAlias = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class RequestContext(logging.Filter):
    """Adds ``request_id`` (of the request being served, or ``None``) to each record a handler emits.

    Handlers run synchronously in the task that logs, so the context variable
    is the request's. A record that already has a ``request_id`` keeps it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


#: Record attributes that never hold personal data, or that the record factory redacted.
_SAFE_FIELDS = frozenset(
    {"asctime", "created", "msecs", "relativeCreated", "levelname", "levelno", "name", "message"}
    | {"module", "funcName", "lineno", "filename", "pathname", "process", "processName", "thread", "threadName"}
    | {"taskName"}
)


class TextFormatter(logging.Formatter):
    """The classic one-line format; a line the record factory has not redacted is redacted here."""

    def __init__(self, fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        # A format naming only these fields adds nothing the factory has not already redacted.
        self._factory_suffices = set(re.findall(r"%\((\w+)\)", fmt)) <= _SAFE_FIELDS

    def formatException(self, ei: ExcInfo) -> str:
        return redact(super().formatException(ei))

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text if self._factory_suffices and getattr(record, REDACTED_ATTR, False) else redact(text)


#: JSON fields that come from what the record factory redacted, or hold nothing personal.
_FACTORY_FIELDS = frozenset({"timestamp", "level", "logger", "message", "exception", "stack_info"})


class JsonFormatter(_JsonFormatter):
    """One JSON object per line (python-json-logger), every value redacted.

    python-json-logger formats a record's exception itself (not from the
    factory's redacted text), so :meth:`formatException` redacts it.
    """

    def __init__(self) -> None:
        super().__init__(
            rename_fields={"exc_info": "exception"},
            reserved_attrs=[*RESERVED_ATTRS, "request_id", "color_message", "taskName", REDACTED_ATTR],
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
        done = _FACTORY_FIELDS if getattr(record, REDACTED_ATTR, False) else frozenset()
        for key, value in log_data.items():
            if key not in done:
                log_data[key] = redact_json(value)


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
