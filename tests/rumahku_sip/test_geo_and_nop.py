"""The boundary (GeoJSON) and NOP checks on their own: what they accept, normalise and refuse."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.errors import CettarError
from plugins.rumahku_sip.geo import MAX_POSITIONS, check_boundary, ring_area_m2
from plugins.rumahku_sip.nop import kecamatan_code, parse_nop


def square(lon: float, lat: float, size: float) -> list[list[float]]:
    """A closed square ring, rounded as the check rounds (7 decimals, about 1 cm)."""
    corners = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return [[round(x, 7), round(y, 7)] for x, y in corners]


KEBOMAS = square(112.62, -7.18, 0.001)


def test_a_polygon_in_kebomas_is_normalised_with_its_area() -> None:
    with_altitude = [[*p, 12.5] for p in KEBOMAS]
    geometry, area = check_boundary({"type": "Polygon", "coordinates": [with_altitude]})
    assert geometry == {"type": "Polygon", "coordinates": [KEBOMAS]}  # altitude dropped
    # 0.001° of longitude at 7.2° S is about 110.4 m, of latitude about 110.6 m: some 1.22 ha.
    assert 12_100 < area < 12_300


def test_a_feature_and_a_json_string_are_accepted() -> None:
    feature = {
        "type": "Feature",
        "properties": {"nama": "Blok A"},
        "geometry": {"type": "Polygon", "coordinates": [KEBOMAS]},
    }
    assert check_boundary(feature)[0]["type"] == "Polygon"
    assert check_boundary(json.dumps(feature["geometry"]))[0] == {"type": "Polygon", "coordinates": [KEBOMAS]}


def test_a_multipolygon_on_the_mainland_and_on_bawean_adds_up() -> None:
    bawean = square(112.65, -5.80, 0.002)
    geometry, area = check_boundary({"type": "MultiPolygon", "coordinates": [[KEBOMAS], [bawean]]})
    assert geometry["coordinates"] == [[KEBOMAS], [bawean]]
    assert area == pytest.approx(
        ring_area_m2([tuple(p) for p in KEBOMAS]) + ring_area_m2([tuple(p) for p in bawean]), abs=1
    )


def test_a_hole_is_subtracted() -> None:
    hole = square(112.6202, -7.1798, 0.0005)
    _geometry, area = check_boundary({"type": "Polygon", "coordinates": [KEBOMAS, hole]})
    assert area == pytest.approx(
        ring_area_m2([tuple(p) for p in KEBOMAS]) - ring_area_m2([tuple(p) for p in hole]), abs=1
    )


def _refused(value: Any) -> str:
    with pytest.raises(CettarError) as caught:
        check_boundary(value)
    assert caught.value.code == "HOUSING_INVALID_BOUNDARY"
    assert caught.value.field == "input.boundary"
    return caught.value.message("en")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ({"type": "Point", "coordinates": [112.62, -7.18]}, "must be Polygon or MultiPolygon, not Point"),
        ({"type": "Polygon", "coordinates": [KEBOMAS[:-1]]}, "must be closed"),
        ({"type": "Polygon", "coordinates": [[[112.62, -7.18], [112.63, -7.18], [112.62, -7.18]]]}, "at least 4"),
        ({"type": "Polygon", "coordinates": [[[lat, lon] for lon, lat in KEBOMAS]]}, "look swapped"),
        ({"type": "Polygon", "coordinates": [square(112.63, -7.98, 0.001)]}, "outside Kabupaten Gresik"),  # Malang
        ({"type": "Polygon", "coordinates": [square(106.82, -6.18, 0.001)]}, "outside Kabupaten Gresik"),  # Jakarta
        (
            {"type": "Polygon", "coordinates": [[[112.62, -7.18], [112.63, -7.18], [112.64, -7.18], [112.62, -7.18]]]},
            "encloses no area",
        ),
        ({"type": "Polygon", "coordinates": [[[True, False]] * 4]}, "as numbers"),
        ({"type": "Polygon", "coordinates": [[["112.62", "-7.18"]] * 4]}, "as numbers"),
        ({"type": "Polygon", "coordinates": [[[float("nan"), -7.18]] * 4]}, "as numbers"),
        ({"type": "Polygon", "coordinates": []}, "list of linear rings"),
        ({"type": "MultiPolygon", "coordinates": []}, "non-empty list of Polygons"),
        ({"type": "Polygon", "coordinates": [square(112.62, -7.18, 0.001), square(112.60, -7.20, 0.01)]}, "holes"),
        ("{not json", "not JSON"),
        ([1, 2, 3], "GeoJSON geometry object"),
        ({"type": "Feature", "geometry": None}, "GeoJSON geometry object"),
    ],
)
def test_nonsense_is_refused_saying_why(value: Any, says: str) -> None:
    assert says in _refused(value)


def test_too_many_positions_are_refused() -> None:
    lons = [112.3 + i * 0.4 / MAX_POSITIONS for i in range(MAX_POSITIONS)]
    ring = [[lon, -7.2 + (0.001 if i % 2 else 0)] for i, lon in enumerate(lons)]
    ring.append(ring[0])
    assert "too many positions" in _refused({"type": "Polygon", "coordinates": [ring]})


def test_an_area_larger_than_the_kabupaten_is_refused() -> None:
    huge = [[112.16, -7.44], [112.84, -7.44], [112.84, -5.66], [112.16, -5.66], [112.16, -7.44]]
    assert "exceeds" in _refused({"type": "Polygon", "coordinates": [huge]})


# -- NOP ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["35.25.140.006.012-0034.0", "352514000601200340", " 35 25 140 006 012 0034 0 ", "35-25-140-006-012-0034-0"],
)
def test_an_nop_is_read_with_or_without_separators(written: str) -> None:
    nop = parse_nop(written)
    assert nop.digits == "352514000601200340"
    assert nop.formatted == "35.25.140.006.012-0034.0"
    assert kecamatan_code(nop) == "35.25.14"


@pytest.mark.parametrize(
    ("written", "code", "says"),
    [
        ("35.25.140.006.012-0034", "HOUSING_INVALID_NOP", "18 digits"),
        ("35.25.140.006.012-0034.0.1", "HOUSING_INVALID_NOP", "18 digits"),
        ("35.25.14O.006.012-0034.0", "HOUSING_INVALID_NOP", "18 digits"),
        ("٣٥٢٥١٤٠٠٠٦٠١٢٠٠٣٤٠", "HOUSING_INVALID_NOP", "18 digits"),  # Arabic-Indic digits
        ("35.25.000.006.012-0034.0", "HOUSING_INVALID_NOP", "kecamatan part"),
        ("35.25.140.000.012-0034.0", "HOUSING_INVALID_NOP", "desa/kelurahan part"),
        ("35.25.140.006.000-0034.0", "HOUSING_INVALID_NOP", "block part"),
        ("35.25.140.006.012-0000.0", "HOUSING_INVALID_NOP", "object number part"),
        ("35.78.010.001.012-0034.0", "HOUSING_NOP_OUTSIDE_GRESIK", "35.78.010.001.012-0034.0"),  # Surabaya
        ("33.25.140.006.012-0034.0", "HOUSING_NOP_OUTSIDE_GRESIK", "must start with 35.25"),
    ],
)
def test_a_bad_nop_is_refused(written: str, code: str, says: str) -> None:
    with pytest.raises(CettarError) as caught:
        parse_nop(written)
    assert (caught.value.code, caught.value.field) == (code, "input.nop")
    assert says in caught.value.message("en")
    assert caught.value.message("id") != caught.value.message("en")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("35.25.100.015.003-0042.0", "35.25.10"),
        ("35.25.010.001.001-0001.0", "35.25.01"),
        ("35.25.141.001.001-0001.0", None),
    ],
)
def test_the_kecamatan_part_maps_by_the_times_ten_convention(written: str, expected: str | None) -> None:
    assert kecamatan_code(parse_nop(written)) == expected
