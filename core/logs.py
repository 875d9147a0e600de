"""Logging for the ``cettar`` loggers: one line per record, level from ``CETTAR_LOG_LEVEL``."""

from __future__ import annotations

import logging

from core.config import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(settings: Settings) -> None:
    """Send ``cettar.*`` records to standard error once (idempotent)."""
    logger = logging.getLogger("cettar")
    logger.setLevel(settings.log_level.upper())
    if not any(getattr(h, "_cettar", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._cettar = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
