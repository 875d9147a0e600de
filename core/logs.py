"""Logging for the ``cettar`` and ``uvicorn`` loggers: text or JSON lines, level from ``CETTAR_LOG_LEVEL``.

Logs never carry personal data or secrets: every record, of any logger (the
platform's, the server's, SQLAlchemy's and every other library's), is redacted
when it is created, blanking NIK- and NIP-shaped numbers, bearer tokens (reset
and activation codes are ``cettar_…`` tokens too) and password values, quoted or
not (message, traceback and stack included). The formatters redact what the
record factory did not see: a record's ``extra`` fields, and whole lines of
records made without the factory. Access-log lines keep the path of a request
but never its query string, which on ``GET /graphql`` holds the operation and
its variables.

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
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")
ACCESS_LOGGER = "uvicorn.access"

#: The id of the request being served (set by ``core.app.RequestIdMiddleware``).
request_id_var: ContextVar[str | None] = ContextVar("cettar_request_id", default=None)

#: The name of a value that is a password: ``password``, ``newPassword``, ``current_password``,
#: ``passwordConfirm``, ``passwd``, ``kata_sandi``… (matched from its keyword on, so that no
#: leading word characters are scanned twice).
_SECRET_KEY = r"(?i:passw(?:or)?d|kata_?sandi)[\w-]*"
#: One pass over the text; at each position the first alternative that matches wins.
_SECRETS = re.compile(
    r"(?P<token>cettar_[A-Za-z0-9_\-]{16,})"
    r"|(?P<bearer>\b(?i:bearer))\s+[^\s\"',;]+"
    # key, separator (``=``, ``: ``, ``": "``, ``\": \"`` in escaped JSON), then the whole value: a
    # quoted string, escaped or not, spaces and all (unterminated: to the end), or a bare word.
    rf"|(?P<key>{_SECRET_KEY})(?P<sep>\\?[\"']?\s*[:=]\s*)"
    r"(?P<value>\\\"(?:[^\\]|\\[^\"])*?(?:\\\"|$)|\"(?:[^\"\\]|\\.)*(?:\"|$)|'(?:[^'\\]|\\.)*(?:'|$)|[^\s,&}]+)"
    r"|(?<!\d)(?P<nip>\d{18})(?!\d)"
    r"|(?<!\d)(?P<nik>\d{16})(?!\d)"
)
_SECRET_KEY_NAME = re.compile(_SECRET_KEY)

ExcInfo: TypeAlias = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def _blank(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "token":
        return "cettar_[REDACTED]"
    if kind == "nip":
        return "[NIP]"
    if kind == "nik":
        return "[NIK]"
    if kind == "value":
        value = match["value"]
        quote = value[: 2 if value.startswith("\\") else 1] if value[0] in "\"'\\" else ""
        return f"{match['key']}{match['sep']}{quote}[REDACTED]{quote}"
    return f"{match['bearer']} [REDACTED]"


def redact(text: str) -> str:
    """``text`` with NIKs, NIPs, tokens (reset codes included) and passwords blanked out (idempotent)."""
    return _SECRETS.sub(_blank, text)


def without_query(path: str) -> str:
    """``path`` without its query string (``/graphql?query=…`` → ``/graphql?…``)."""
    base, question, _ = path.partition("?")
    return base + ("?…" if question else "")


#: Set on a record whose message, traceback and stack the record factory redacted.
REDACTED_ATTR = "cettar_redacted"


def _access_fields(record: logging.LogRecord) -> bool:
    """uvicorn's access line, with structured fields and without the query string (and its
    arguments kept, redacted, for uvicorn's own formatter); False when it is not one."""
    args = record.args
    if not (isinstance(args, tuple) and len(args) == 5):
        return False
    client, method, path, version, status = (redact(a) if isinstance(a, str) else a for a in args)
    path = without_query(str(path))
    record.args = (client, method, path, version, status)
    record.http_method = method
    record.http_path = path
    record.http_status = status
    return True


def _redact_record(record: logging.LogRecord) -> None:
    if not (record.name == ACCESS_LOGGER and _access_fields(record)):
        if isinstance(record.msg, dict) and not record.args:
            record.msg = _clean(record.msg)  # a structured message stays a dict, for the JSON formatter
        else:
            try:
                message = record.getMessage()
            except Exception:  # arguments that do not fit the format: keep both, as text
                message = f"{record.msg} {record.args!r}"
            record.msg = redact(message)
            record.args = ()
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    setattr(record, REDACTED_ATTR, True)


def install_redaction() -> None:
    """Redact every record, of any logger, as it is created (idempotent).

    Done in the record factory rather than in a handler, so that no handler —
    ours, the server's, a library's or a test's — ever sees the original text.
    A logger only makes records it will emit, so the cost (formatting the message,
    one regular-expression pass) is paid only for lines that are written anyway.
    """
    current = logging.getLogRecordFactory()
    if getattr(current, "_cettar_redacts", False):
        return

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = current(*args, **kwargs)
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


def _clean(value: Any) -> Any:
    """A JSON-ready copy of ``value`` with every string redacted (and every password-named key's value)."""
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict):
        return {
            str(k): "[REDACTED]" if v is not None and _SECRET_KEY_NAME.search(str(k)) else _clean(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [_clean(v) for v in value]
    return redact(str(value))


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
                log_data[key] = _clean(value)


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
