"""Logging for the ``cettar`` loggers: one line per record, level from ``CETTAR_LOG_LEVEL``.

Logs never carry personal data or secrets: every record of the ``cettar`` and
``uvicorn`` loggers is redacted when it is created, blanking NIK- and NIP-shaped
numbers, bearer tokens, reset codes and password values (tracebacks included).
"""

from __future__ import annotations

import logging
import re

from core.config import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED_PREFIXES = ("cettar", "uvicorn")

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


def redact(text: str) -> str:
    """``text`` with NIKs, NIPs, tokens, codes and passwords blanked out."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redact_record(record: logging.LogRecord) -> None:
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


def configure_logging(settings: Settings) -> None:
    """Send ``cettar.*`` records to standard error once (idempotent)."""
    install_redaction()
    logger = logging.getLogger("cettar")
    logger.setLevel(settings.log_level.upper())
    if not any(getattr(h, "_cettar", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._cettar = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
