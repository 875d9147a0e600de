"""Tracking numbers: short enough to read over the phone, impossible to guess.

``LYN-7K3M9-Q2X4F-Z``: the prefix, ten random Crockford base32 characters (50 bits
from :mod:`secrets`) in two groups of five, and a check character (Luhn mod 32) that
catches any single mistyped character and nearly every swap of two neighbours. Input
is forgiving as Crockford intends: case, spaces and dashes are ignored, ``O`` reads
as ``0`` and ``I``/``L`` as ``1``.
"""

from __future__ import annotations

import secrets

PREFIX = "LYN"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
RANDOM_LENGTH = 10
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(body: str) -> str:
    """The Luhn mod 32 check character of ``body`` (Crockford characters)."""
    total = 0
    factor = 2
    for ch in reversed(body):
        addend = factor * _VALUE[ch]
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def format_number(body: str) -> str:
    return f"{PREFIX}-{body[:5]}-{body[5:]}-{check_character(body)}"


def new_tracking_number() -> str:
    """A fresh random tracking number (uniqueness is the database's unique index)."""
    return format_number("".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH)))


def normalise(text: str) -> str | None:
    """The canonical form of a tracking number as someone typed it, or ``None`` if it is not one
    (wrong length, a character outside the alphabet, or a check character that does not fit)."""
    compact = "".join(text.split()).replace("-", "").upper()
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    compact = compact.translate(_ALIASES)
    if len(compact) != RANDOM_LENGTH + 1 or any(ch not in _VALUE for ch in compact):
        return None
    body, check = compact[:RANDOM_LENGTH], compact[RANDOM_LENGTH]
    if check_character(body) != check:
        return None
    return format_number(body)
