"""paspor's validate functions: every rule, good and bad answers (no database, no HTTP)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core.errors import CettarError
from plugins.paspor import catalog
from plugins.paspor.validation import validate_baru, validate_penggantian
from tests.service_families.support import BUDI_NIK, MONDAY, SITI_NIK, nik

TODAY = MONDAY
CHILD = nik(date(2015, 6, 10), sequence=2)


def new(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nik": BUDI_NIK,
        "jenis_paspor": "elektronik_48",
        "tujuan": "ibadah",
        "tanggal_wawancara": date(2026, 3, 4),
        "dokumen_identitas": "akta_kelahiran",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def replacement(**changes: Any) -> dict[str, Any]:
    answers = new(dokumen_identitas=None)
    answers.update({"alasan_penggantian": "habis_berlaku", "nomor_paspor_lama": "c 1234567"})
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def refused(validate: Any, answers: dict[str, Any], code: str, field: str) -> CettarError:
    with pytest.raises(CettarError) as caught:
        validate(answers, today=TODAY)
    assert (caught.value.code, caught.value.field) == (code, f"input.answers.{field}"), caught.value
    return caught.value


def test_a_first_passport_for_an_adult():
    out = validate_baru(new(), today=TODAY)
    assert out["tanggal_wawancara"] == date(2026, 3, 4)
    assert out["nik"] == BUDI_NIK


@pytest.mark.parametrize("day", [date(2026, 3, 2), date(2026, 3, 7), date(2026, 3, 10)])
def test_the_interview_is_a_working_day_within_five_working_days(day: date):
    error = refused(validate_baru, new(tanggal_wawancara=day), "PASPOR_INTERVIEW_DATE", "tanggal_wawancara")
    assert "2026-03-03" in error.message("id") and "2026-03-09" in error.message("id")


def test_the_last_day_of_the_window_is_allowed():
    assert validate_baru(new(tanggal_wawancara=date(2026, 3, 9)), today=TODAY)


def test_a_child_applies_with_an_adult_parent():
    refused(validate_baru, new(nik=CHILD), "PASPOR_ANSWER_REQUIRED", "nik_orang_tua")
    assert validate_baru(new(nik=CHILD, nik_orang_tua=SITI_NIK), today=TODAY)["nik_orang_tua"] == SITI_NIK
    refused(validate_baru, new(nik=CHILD, nik_orang_tua=CHILD), "PASPOR_INVALID_ANSWER", "nik_orang_tua")
    sibling = nik(date(2012, 1, 1), sequence=3)
    refused(validate_baru, new(nik=CHILD, nik_orang_tua=sibling), "PASPOR_INVALID_ANSWER", "nik_orang_tua")
    refused(validate_baru, new(nik=CHILD, nik_orang_tua="1234567890123456"), "INVALID_NIK", "nik_orang_tua")


def test_work_abroad_needs_the_recommendation():
    refused(validate_baru, new(tujuan="bekerja"), "PASPOR_ANSWER_REQUIRED", "nomor_rekomendasi")
    out = validate_baru(new(tujuan="bekerja", nomor_rekomendasi="562/1234/436.7.5/2026"), today=TODAY)
    assert out["nomor_rekomendasi"] == "562/1234/436.7.5/2026"
    refused(validate_baru, new(tujuan="bekerja", nomor_rekomendasi="?"), "PASPOR_INVALID_ANSWER", "nomor_rekomendasi")


def test_choices_and_nik_are_checked():
    refused(validate_baru, new(jenis_paspor="diplomatik"), "VALIDATION_FAILED", "jenis_paspor")
    refused(validate_baru, new(dokumen_identitas="sim"), "VALIDATION_FAILED", "dokumen_identitas")
    refused(validate_baru, new(nik="3578011203850000"), "INVALID_NIK", "nik")


def test_a_replacement_names_the_old_passport_unless_it_was_lost():
    assert validate_penggantian(replacement(), today=TODAY)["nomor_paspor_lama"] == "C1234567"
    refused(validate_penggantian, replacement(nomor_paspor_lama=None), "PASPOR_ANSWER_REQUIRED", "nomor_paspor_lama")
    lost = replacement(alasan_penggantian="hilang", nomor_paspor_lama=None)
    refused(validate_penggantian, lost, "PASPOR_ANSWER_REQUIRED", "nomor_surat_kehilangan")
    out = validate_penggantian({**lost, "nomor_surat_kehilangan": "LP/B/45/III/2026/SPKT"}, today=TODAY)
    assert out["nomor_surat_kehilangan"] == "LP/B/45/III/2026/SPKT"


@pytest.mark.parametrize("number", ["C123456789", "1234567", "ABC123456", "C12345", "C-1234567"])
def test_an_old_passport_number_is_one_or_two_letters_and_six_or_seven_digits(number: str):
    refused(
        validate_penggantian,
        replacement(nomor_paspor_lama=number),
        "PASPOR_INVALID_PASSPORT_NUMBER",
        "nomor_paspor_lama",
    )


def test_the_old_passport_expiry_is_at_most_ten_years_ahead():
    ok = validate_penggantian(replacement(masa_berlaku_paspor_lama="2030-05-01"), today=TODAY)
    assert ok["masa_berlaku_paspor_lama"] == date(2030, 5, 1)
    assert validate_penggantian(replacement(masa_berlaku_paspor_lama=date(2019, 5, 1)), today=TODAY)
    refused(
        validate_penggantian,
        replacement(masa_berlaku_paspor_lama=date(2036, 3, 3)),
        "PASPOR_INVALID_ANSWER",
        "masa_berlaku_paspor_lama",
    )


def test_fee_and_time_limit():
    for service in catalog.SERVICES:
        assert service.fee.amount == 350_000
        assert "Rp650.000" in service.fee.description_id and "Rp350.000" in service.fee.description_en
        assert "Kementerian Hukum dan HAM" in service.fee.legal_basis
        assert service.time_limit_days == 9  # interview within 5 working days, ready 4 working days after
        assert service.agency_code == "imigrasi-surabaya"
