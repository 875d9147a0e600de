"""Checking a development's boundary: a GeoJSON Polygon or MultiPolygon inside Kabupaten Gresik.

RFC 7946: positions are ``[longitude, latitude]`` (an altitude may follow and is
dropped), a linear ring has at least four positions and its first and last are the
same. The bounds are those of Kabupaten Gresik with a margin: the mainland roughly
lon 112.2-112.8, lat -7.4 to -6.8, and Bawean island further north (lat about -5.9
to -5.7). A ring must enclose an area (not a line), and it may not be larger than
the whole kabupaten.

    geometry, area_m2 = check_boundary(value)  # raises HOUSING_INVALID_BOUNDARY

``value`` may be the geometry, a Feature holding one, or the same as a JSON string.
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

from core.errors import CettarError

#: Kabupaten Gresik with a margin of about 5 km: mainland and Bawean.
MIN_LON, MAX_LON = 112.15, 112.85
MIN_LAT, MAX_LAT = -7.45, -5.65
#: More vertices than any development boundary needs.
MAX_POSITIONS = 5000
#: Kabupaten Gresik is about 1,194 km²; a development is far smaller.
MAX_AREA_M2 = 1_200_000_000
DECIMALS = 7  # about 1 cm
EARTH_RADIUS_M = 6_371_008.8


def _refuse(reason_id: str, reason_en: str, field: str) -> CettarError:
    return CettarError("HOUSING_INVALID_BOUNDARY", field=field, reason_id=reason_id, reason_en=reason_en)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _position(value: Any, field: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) not in (2, 3) or not all(_is_number(v) for v in value):
        raise _refuse(
            "setiap titik harus [bujur, lintang] berupa angka.",
            "every position must be [longitude, latitude] as numbers.",
            field,
        )
    lon, lat = float(value[0]), float(value[1])
    if not (MIN_LON <= lon <= MAX_LON and MIN_LAT <= lat <= MAX_LAT):
        if MIN_LON <= lat <= MAX_LON and MIN_LAT <= lon <= MAX_LAT:
            raise _refuse(
                "koordinat tampaknya tertukar; GeoJSON memakai urutan [bujur, lintang].",
                "the coordinates look swapped; GeoJSON uses [longitude, latitude].",
                field,
            )
        raise _refuse(
            f"titik [{lon:g}, {lat:g}] berada di luar Kabupaten Gresik.",
            f"the position [{lon:g}, {lat:g}] lies outside Kabupaten Gresik.",
            field,
        )
    return round(lon, DECIMALS), round(lat, DECIMALS)


def ring_area_m2(ring: list[tuple[float, float]]) -> float:
    """The area a closed ring encloses, in m² (spherical excess formula used by most GIS, RFC 7946 rings)."""
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(ring):
        total += math.radians(lon2 - lon1) * (2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
    return abs(total * EARTH_RADIUS_M * EARTH_RADIUS_M / 2)


def _ring(value: Any, field: str, counter: list[int]) -> list[tuple[float, float]]:
    if not isinstance(value, list) or len(value) < 4:
        raise _refuse(
            "setiap cincin (ring) harus memiliki paling sedikit 4 titik.",
            "every linear ring needs at least 4 positions.",
            field,
        )
    counter[0] += len(value)
    if counter[0] > MAX_POSITIONS:
        raise _refuse(
            f"terlalu banyak titik (maksimal {MAX_POSITIONS}).",
            f"too many positions (at most {MAX_POSITIONS}).",
            field,
        )
    ring = [_position(p, field) for p in value]
    if ring[0] != ring[-1]:
        raise _refuse(
            "cincin (ring) harus tertutup: titik pertama sama dengan titik terakhir.",
            "every linear ring must be closed: its first and last positions are the same.",
            field,
        )
    if len(set(ring)) < 3 or ring_area_m2(ring) < 1.0:
        raise _refuse(
            "cincin (ring) tidak melingkupi luasan apa pun.",
            "a linear ring encloses no area.",
            field,
        )
    return ring


def _polygon(value: Any, field: str, counter: list[int]) -> tuple[list[list[list[float]]], float]:
    if not isinstance(value, list) or not value:
        raise _refuse(
            "sebuah Polygon adalah daftar cincin (ring), yang pertama batas luarnya.",
            "a Polygon is a list of linear rings, the first being its exterior.",
            field,
        )
    rings = [_ring(r, field, counter) for r in value]
    area = ring_area_m2(rings[0]) - sum(ring_area_m2(r) for r in rings[1:])
    if area <= 0:
        raise _refuse(
            "lubang (ring dalam) lebih luas daripada batas luarnya.",
            "its holes are larger than its exterior ring.",
            field,
        )
    return [[list(p) for p in ring] for ring in rings], area


def _unwrap(value: Any, field: str) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise _refuse("teks ini bukan JSON.", "this text is not JSON.", field) from None
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict):
        raise _refuse(
            "harus berupa objek geometri GeoJSON.",
            "it must be a GeoJSON geometry object.",
            field,
        )
    return value


def check_boundary(value: Any, field: str = "input.boundary") -> tuple[dict[str, Any], int]:
    """The boundary as a normalised geometry (coordinates rounded, altitude dropped) and its area in m²."""
    geometry = _unwrap(value, field)
    kind = geometry.get("type")
    counter = [0]
    if kind == "Polygon":
        coordinates, area = _polygon(geometry.get("coordinates"), field, counter)
        normalised: dict[str, Any] = {"type": "Polygon", "coordinates": coordinates}
    elif kind == "MultiPolygon":
        polygons = geometry.get("coordinates")
        if not isinstance(polygons, list) or not polygons:
            raise _refuse(
                "sebuah MultiPolygon adalah daftar Polygon yang tidak kosong.",
                "a MultiPolygon is a non-empty list of Polygons.",
                field,
            )
        parts = [_polygon(p, field, counter) for p in polygons]
        normalised = {"type": "MultiPolygon", "coordinates": [coords for coords, _ in parts]}
        area = sum(a for _, a in parts)
    else:
        raise _refuse(
            f"jenis geometri harus Polygon atau MultiPolygon, bukan {str(kind)[:40]}.",
            f"the geometry type must be Polygon or MultiPolygon, not {str(kind)[:40]}.",
            field,
        )
    if area > MAX_AREA_M2:
        raise _refuse(
            "luasnya melebihi luas Kabupaten Gresik.",
            "its area exceeds that of Kabupaten Gresik.",
            field,
        )
    return normalised, round(area)
