"""samsat's plate parser and validate function: every rule, good and bad answers (no database, no HTTP)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import CettarError
from core.identity.validators import jatim_regency_codes
from plugins.samsat import catalog
from plugins.samsat.plates import JATIM_PLATE_REGIONS, parse_plate
from plugins.samsat.validation import STNK_VALIDATION_PNBP, VehicleType, validate_pkb
from tests.service_families.support import BUDI_NIK, MONDAY

TODAY = MONDAY
FIELD = "input.answers.nomor_polisi"


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("L 1234 AB", "L 1234 AB"),
        ("W 1 A", "W 1 A"),
        ("l1234ab", "L 1234 AB"),
        ("  ae   12   xyz ", "AE 12 XYZ"),
        ("AG-9999-ZZZ", "AG 9999 ZZZ"),
        ("N 77", "N 77"),
        ("m 5 b", "M 5 B"),
        ("P 3456 UK", "P 3456 UK"),
        ("S 1 AA", "S 1 AA"),
    ],
)
def test_plates_are_written_the_standard_way(written: str, standard: str):
    assert str(parse_plate(written, field=FIELD)) == standard


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("", "only letters"),
        ("L 12.34 AB", "only letters"),
        ("L 1234 ÄB", "only letters"),
        ("1234 AB", "region code (letters), a number"),
        ("L AB", "region code (letters), a number"),
        ("L 12 AB 3", "region code (letters), a number"),
        ("AEG 12 A", "1 or 2 letters"),
        ("L 12345 A", "1 to 4 digits"),
        ("L 0123 AB", "leading zero"),
        ("L 0 A", "leading zero"),
        ("L 12 ABCD", "at most 3 letters"),
    ],
)
def test_a_malformed_plate_names_the_field_and_the_rule(written: str, words: str):
    with pytest.raises(CettarError) as caught:
        parse_plate(written, field=FIELD)
    assert (caught.value.code, caught.value.field) == ("SAMSAT_INVALID_PLATE", FIELD)
    assert words in caught.value.message("en")
    assert "L 1234 AB" in caught.value.message("id")


@pytest.mark.parametrize("written", ["B 1234 XYZ", "D 1 A", "AB 12 C", "DK 1 A", "K 55 Q", "H 1 B"])
def test_other_provinces_plates_are_refused_naming_the_region(written: str):
    with pytest.raises(CettarError) as caught:
        parse_plate(written, field=FIELD)
    region = written.split()[0]
    assert (caught.value.code, caught.value.field) == ("SAMSAT_PLATE_NOT_JATIM", FIELD)
    assert f"Region code {region} " in caught.value.message("en")
    assert "L, M, N, P, S, W, AE, AG" in caught.value.message("id")


def test_every_jawa_timur_kabupaten_and_kota_has_exactly_one_plate_region():
    covered = [code for codes in JATIM_PLATE_REGIONS.values() for code in codes]
    assert sorted(covered) == sorted(jatim_regency_codes())
    assert parse_plate("L 1 A", field=FIELD).regencies == ("35.78",)


@given(
    region=st.sampled_from(sorted(JATIM_PLATE_REGIONS)),
    number=st.integers(min_value=1, max_value=9999),
    suffix=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=3),
    gaps=st.tuples(*(st.sampled_from(["", " ", "  ", "-"]) for _ in range(2))),
    lower=st.booleans(),
)
def test_any_spacing_and_case_of_a_jawa_timur_plate_gives_the_same_plate(
    region: str, number: int, suffix: str, gaps: tuple[str, str], lower: bool
):
    written = f"{region}{gaps[0]}{number}{gaps[1]}{suffix}"
    plate = parse_plate(written.lower() if lower else written, field=FIELD)
    assert (plate.region, plate.number, plate.suffix) == (region, number, suffix)
    assert str(plate) == " ".join(p for p in (region, str(number), suffix) if p)
    assert str(parse_plate(str(plate), field=FIELD)) == str(plate)


# --------------------------------------------------------------------------- the whole form


def pkb(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nomor_polisi": "l 1234 ab",
        "nik_pemilik": BUDI_NIK,
        "nama_pemilik": "Budi  Santoso",
        "jenis_kendaraan": "sepeda_motor",
        "nomor_rangka": "mh1jm2119kk123456",
        "nomor_mesin": "jm21e-1234567",
        "tahun_pembuatan": 2019,
        "masa_berlaku_stnk": date(2029, 8, 17),
    }
    answers.update(changes)
    return answers


def refused(answers: dict[str, Any], code: str, field: str) -> CettarError:
    with pytest.raises(CettarError) as caught:
        validate_pkb(answers, today=TODAY)
    assert (caught.value.code, caught.value.field) == (code, f"input.answers.{field}"), caught.value
    return caught.value


def test_a_valid_application_is_normalised():
    out = validate_pkb(pkb(), today=TODAY)
    assert out["nomor_polisi"] == "L 1234 AB"
    assert out["nama_pemilik"] == "Budi Santoso"
    assert out["nomor_rangka"] == "MH1JM2119KK123456"
    assert out["nomor_mesin"] == "JM21E1234567"
    assert out["masa_berlaku_stnk"] == date(2029, 8, 17)


def test_the_plate_and_the_owner_are_checked():
    refused(pkb(nomor_polisi="B 1234 XYZ"), "SAMSAT_PLATE_NOT_JATIM", "nomor_polisi")
    refused(pkb(nomor_polisi="L 0 A"), "SAMSAT_INVALID_PLATE", "nomor_polisi")
    refused(pkb(nik_pemilik="3578011203850000"), "INVALID_NIK", "nik_pemilik")
    refused(pkb(nama_pemilik="B"), "SAMSAT_INVALID_ANSWER", "nama_pemilik")
    refused(pkb(jenis_kendaraan="pesawat"), "VALIDATION_FAILED", "jenis_kendaraan")


@pytest.mark.parametrize(
    ("vin", "words"),
    [
        ("MH1JM2119KK12345", "17 characters"),
        ("MH1JM2119KK1234567", "17 characters"),
        ("MH1JM2119KO123456", "I, O and Q"),
        ("MH1JM2119KK12345!", "I, O and Q"),
    ],
)
def test_the_frame_number_is_a_17_character_vin(vin: str, words: str):
    assert words in refused(pkb(nomor_rangka=vin), "SAMSAT_INVALID_FRAME_NUMBER", "nomor_rangka").message("en")


@pytest.mark.parametrize("engine", ["12345", "ABCDEFGH", "JM21E_1234567", "A" * 21 + "1"])
def test_the_engine_number_has_6_to_20_letters_and_digits(engine: str):
    refused(pkb(nomor_mesin=engine), "SAMSAT_INVALID_ENGINE_NUMBER", "nomor_mesin")


def test_an_expired_stnk_is_sent_to_the_samsat_counter():
    error = refused(pkb(masa_berlaku_stnk=date(2026, 3, 1)), "SAMSAT_STNK_EXPIRED", "masa_berlaku_stnk")
    assert "physical check" in error.message("en") and "cek fisik" in error.message("id")
    assert validate_pkb(pkb(masa_berlaku_stnk=TODAY), today=TODAY)  # valid through its last day


def test_an_stnk_is_never_valid_for_more_than_five_years():
    refused(pkb(masa_berlaku_stnk=date(2031, 3, 3)), "SAMSAT_INVALID_ANSWER", "masa_berlaku_stnk")
    assert validate_pkb(pkb(masa_berlaku_stnk=date(2031, 3, 2)), today=TODAY)
    assert validate_pkb(pkb(masa_berlaku_stnk="2030-01-31"), today=TODAY)["masa_berlaku_stnk"] == date(2030, 1, 31)
    refused(pkb(masa_berlaku_stnk="31-01-2030"), "VALIDATION_FAILED", "masa_berlaku_stnk")


@pytest.mark.parametrize("year", [1899, 2028, "2019", True])
def test_the_year_of_manufacture_is_plausible(year: object):
    refused(pkb(tahun_pembuatan=year), "SAMSAT_INVALID_ANSWER", "tahun_pembuatan")


def test_the_fee_is_the_stnk_validation_pnbp_and_the_tax_is_explained():
    service = catalog.PKB
    assert service.fee.amount == STNK_VALIDATION_PNBP[VehicleType.SEPEDA_MOTOR] == 25_000
    assert STNK_VALIDATION_PNBP[VehicleType.MOBIL_PENUMPANG] == 50_000
    assert "Perda Provinsi Jawa Timur No. 9 Tahun 2023" in service.fee.legal_basis
    assert "PP 76/2020" in service.fee.legal_basis
    assert "Rp50.000" in service.fee.description_id and "opsen PKB" in service.fee.description_id
    assert service.agency_code == "bapenda-jatim"
    choices = {c.key for spec in service.form for c in spec.choices}
    assert choices == {t.value for t in VehicleType}
