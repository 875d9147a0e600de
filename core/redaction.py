"""Redaction: no log line or trace carries personal data or secrets.

:func:`redact` blanks NIK- and NIP-shaped numbers, bearer tokens (reset and
activation codes are ``cettar_…`` tokens too) and password values, quoted or
not. :func:`install_redaction` applies it to every record, of any logger (the
platform's, the server's, SQLAlchemy's and every other library's), when the
record is created: message, traceback and stack. Access-log lines keep the path
of a request but never its query string, which on ``GET /graphql`` holds the
operation and its variables. The formatters of :mod:`core.logs` redact what the
record factory did not see (a record's ``extra`` fields, whole lines of records
made without the factory); the GraphQL layer redacts the documents it records
in traces (:mod:`schema.tracing`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

ACCESS_LOGGER = "uvicorn.access"

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
            record.msg = redact_json(record.msg)  # a structured message stays a dict, for the JSON formatter
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


def redact_json(value: Any) -> Any:
    """A JSON-ready copy of ``value`` with every string redacted (and every password-named key's value)."""
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict):
        return {
            str(k): "[REDACTED]" if v is not None and _SECRET_KEY_NAME.search(str(k)) else redact_json(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [redact_json(v) for v in value]
    return redact(str(value))
