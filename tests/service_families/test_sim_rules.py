"""sim's validate function and fee table: every rule, good and bad answers (no database, no HTTP)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core.errors import CettarError
from plugins.sim import catalog
from plugins.sim.validation import RENEWAL_FEES, SimClass, validate_perpanjangan
from tests.service_families.support import BUDI_NIK, MONDAY, SITI_NIK

TODAY = MONDAY
FULL_WIDTH = "".join(chr(0xFF10 + int(d)) for d in "850315210001")  # the same digits, full width


def renewal(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nik": BUDI_NIK,
        "golongan_sim": "c",
        "nomor_sim": "8503-1521-000123",
        "masa_berlaku_sim": date(2026, 3, 12),
        "tanggal_pemeriksaan_kesehatan": date(2026, 2, 27),
        "tanggal_tes_psikologi": date(2026, 2, 27),
    }
    answers.update(changes)
    return answers


def refused(answers: dict[str, Any], code: str, field: str) -> CettarError:
    with pytest.raises(CettarError) as caught:
        validate_perpanjangan(answers, today=TODAY)
    assert (caught.value.code, caught.value.field) == (code, f"input.answers.{field}"), caught.value
    return caught.value


def test_a_renewal_before_expiry_is_accepted_and_normalised():
    out = validate_perpanjangan(renewal(), today=TODAY)
    assert out["nomor_sim"] == "850315210001" + "23"
    assert out["masa_berlaku_sim"] == date(2026, 3, 12)
    assert validate_perpanjangan(renewal(masa_berlaku_sim=TODAY), today=TODAY)  # valid through its last day


def test_an_expired_sim_is_refused_and_the_error_explains_a_new_sim_is_needed():
    error = refused(renewal(masa_berlaku_sim=date(2026, 3, 1)), "SIM_EXPIRED", "masa_berlaku_sim")
    assert "2026-03-01" in error.message("en")
    assert "new SIM" in error.message("en") and "theory and practical tests" in error.message("en")
    assert "SIM baru" in error.message("id") and "ujian teori" in error.message("id")


def test_an_expiry_more_than_five_years_ahead_is_impossible():
    refused(renewal(masa_berlaku_sim=date(2031, 3, 3)), "SIM_INVALID_DATE", "masa_berlaku_sim")
    assert validate_perpanjangan(renewal(masa_berlaku_sim=date(2031, 3, 2)), today=TODAY)


def test_a_new_format_sim_carries_the_holders_nik():
    assert validate_perpanjangan(renewal(nomor_sim=BUDI_NIK), today=TODAY)["nomor_sim"] == BUDI_NIK
    error = refused(renewal(nomor_sim=SITI_NIK), "SIM_INVALID_NUMBER", "nomor_sim")
    assert "not the applicant's NIK" in error.message("en")


@pytest.mark.parametrize("number", ["12345678901", "123456789012345", "8503-1521-00012A", FULL_WIDTH])
def test_an_old_format_number_has_12_to_14_digits(number: str):
    refused(renewal(nomor_sim=number), "SIM_INVALID_NUMBER", "nomor_sim")


@pytest.mark.parametrize("length", [12, 13, 14])
def test_old_format_lengths(length: int):
    assert validate_perpanjangan(renewal(nomor_sim="1" * length), today=TODAY)


@pytest.mark.parametrize("code", ["tanggal_pemeriksaan_kesehatan", "tanggal_tes_psikologi"])
def test_the_health_check_and_psychological_test_are_done_before_applying(code: str):
    error = refused(renewal(**{code: date(2026, 3, 3)}), "SIM_INVALID_DATE", code)
    assert "future" in error.message("en")


def test_holder_and_class_are_checked():
    refused(renewal(nik="3578011203850000"), "INVALID_NIK", "nik")
    refused(renewal(golongan_sim="e"), "VALIDATION_FAILED", "golongan_sim")


def test_the_fee_follows_pp_76_2020_by_class():
    assert RENEWAL_FEES[SimClass.A] == 80_000
    assert RENEWAL_FEES[SimClass.B_I] == RENEWAL_FEES[SimClass.B_II_UMUM] == 80_000
    assert RENEWAL_FEES[SimClass.C] == RENEWAL_FEES[SimClass.C_II] == 75_000
    assert RENEWAL_FEES[SimClass.D] == RENEWAL_FEES[SimClass.D_I] == 30_000
    assert set(RENEWAL_FEES) == set(SimClass)
    service = catalog.PERPANJANGAN
    assert service.fee.amount == 30_000 and "PP 76/2020" in service.fee.legal_basis
    assert "SIM A, SIM A Umum" in service.fee.description_id and "Rp80.000" in service.fee.description_en
    classes = next(f for f in service.form if f.code == "golongan_sim")
    labels = {c.key: c.name_en for c in classes.choices}
    assert labels["a"].startswith("SIM A:") and labels["a"].endswith("(Rp80.000)")
    assert labels["c"].endswith("(Rp75.000)") and labels["d_i"].endswith("(Rp30.000)")
    assert service.agency_code == "polrestabes-surabaya"
