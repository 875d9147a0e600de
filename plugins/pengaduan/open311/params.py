"""Reading GeoReport v2 arguments: optional values, comma lists, w3c datetimes, coordinates, attributes.

"Optional" means, in the specification's words, that the response is the same
whether a parameter is passed empty or not passed at all: every reader here
treats an empty (or blank) value as absent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from core.calendar import WIB
from plugins.pengaduan.open311.wire import bad_request
from plugins.pengaduan.service import in_east_java

#: The w3c NOTE-datetime profile with a time: ``2010-01-01T00:00:00Z``, ``…T07:00+07:00``, fractions allowed.
#: The specification says timezone information **must** be included, so it is required here.
W3C_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})",
)
#: A parameter in a form is ``attribute[code]`` (one value) or ``attribute[code][]`` (each value of a list).
ATTRIBUTE = re.compile(r"attribute\[([^\[\]]+)\](\[\])?")


def optional(params: Mapping[str, str], name: str) -> str | None:
    """The value of ``name``, stripped; None when it is missing or empty."""
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def comma_list(value: str | None) -> list[str]:
    """``a, b,,c`` → ``["a", "b", "c"]`` (order kept, duplicates dropped)."""
    if value is None:
        return []
    seen: dict[str, None] = {}
    for part in value.split(","):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def w3c_datetime(value: str, name: str) -> datetime:
    """An aware datetime from the w3c format (timezone required); 400 naming ``name`` otherwise."""
    problem = bad_request(
        f"{name} harus bertanggal-waktu format w3c dengan zona waktu, mis. 2010-01-01T00:00:00Z.",
        f"{name} must be a w3c datetime with a timezone, e.g. 2010-01-01T00:00:00Z.",
    )
    if not W3C_DATETIME.fullmatch(value):
        raise problem
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise problem from None


def w3c(moment: datetime | None) -> str | None:
    """A moment in the w3c format, in Jawa Timur's time (``2026-03-02T09:15:00+07:00``).

    Naive datetimes are taken as UTC, as the database stores them.
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def _coordinate(value: str, name: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not low <= number <= high:
        raise bad_request(
            f"{name} harus berupa angka WGS84 antara {low:g} dan {high:g}.",
            f"{name} must be a WGS84 number between {low:g} and {high:g}.",
        )
    return number


def point(lat: str | None, long: str | None) -> Point | None:
    """``lat`` & ``long`` together (both or neither), WGS84, inside Jawa Timur; 400 otherwise."""
    if lat is None and long is None:
        return None
    if lat is None or long is None:
        raise bad_request(
            "lat dan long harus dikirim bersama.",
            "lat and long must both be sent.",
        )
    latitude = _coordinate(lat, "lat", -90.0, 90.0)
    longitude = _coordinate(long, "long", -180.0, 180.0)
    if not in_east_java(latitude, longitude):
        raise bad_request(
            "Lokasi lat/long berada di luar Provinsi Jawa Timur.",
            "The lat/long location is outside the province of Jawa Timur.",
        )
    return Point(latitude, longitude)


def attributes(pairs: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """The ``attribute[code]=value`` answers of a form, by code; ``attribute[code][]`` may repeat.

    Empty answers are dropped (an optional argument sent empty is not sent).
    """
    answers: dict[str, list[str]] = {}
    for name, value in pairs:
        match = ATTRIBUTE.fullmatch(name)
        if match is None:
            continue
        value = value.strip()
        if value:
            answers.setdefault(match.group(1), []).append(value)
    return answers
