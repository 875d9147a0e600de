"""The survey's error codes (registered at import), each listed in ``docs/plugins/kinerja.md``."""

from __future__ import annotations

from core.errors import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    "KINERJA_SURVEY_NOT_ALLOWED": (
        "Survei kepuasan tidak dapat diisi: {reason_id}.",
        "The satisfaction survey cannot be answered: {reason_en}.",
    ),
    "KINERJA_SURVEY_ALREADY_ANSWERED": (
        "Survei kepuasan untuk ini sudah diisi; setiap layanan dinilai satu kali.",
        "The satisfaction survey for this has already been answered; each case is rated once.",
    ),
}

register_messages(MESSAGES)
