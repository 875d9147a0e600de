"""Sample answers of the passport services (``ServiceDefinition.sample_answers``): demo data and examples.

The applicant applies for their own passport and books the interview on a working day
soon after ``today``; a child applies with a parent (a NIK of an adult of the same
kecamatan). The kind is electronic or not by the NIK's birth day (even: ordinary), so demo
data shows both fees; a replacement is for a passport that expired six weeks ago.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from core import calendar
from core.identity.validators import parse_nik
from core.services import Applicant
from plugins.paspor import validation as v

#: Working days from ``today`` to the interview of a first passport and of a replacement.
INTERVIEW_IN = 2
REPLACEMENT_INTERVIEW_IN = 1
OLD_PASSPORT_EXPIRED_DAYS_AGO = 45


def _common(today: date, applicant: Applicant, *, purpose: v.Purpose, interview_in: int) -> dict[str, Any]:
    nik = applicant.nik
    holder = parse_nik(nik, today=today)
    kind = v.PassportKind.BIASA_48 if int(nik[6:8]) % 2 == 0 else v.PassportKind.ELEKTRONIK_48
    answers: dict[str, Any] = {
        "nik": nik,
        "jenis_paspor": kind.value,
        "tujuan": purpose.value,
        "tanggal_wawancara": calendar.add_working_days(today, interview_in).isoformat(),
    }
    if v.age_on(holder.birth_date, today) < v.ADULT_AGE:
        # A father of the same kecamatan, born 1980 (sequence 0009): he comes to the interview.
        answers["nik_orang_tua"] = f"{nik[:6]}150380" + "0009"
    return answers


def first_passport(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """``paspor.baru``: a holiday abroad, the birth certificate as the supporting document."""
    answers = _common(today, applicant, purpose=v.Purpose.WISATA, interview_in=INTERVIEW_IN)
    answers["dokumen_identitas"] = v.IdentityDocument.AKTA_KELAHIRAN.value
    return answers


def replacement(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """``paspor.penggantian``: the old passport expired; an umrah ahead."""
    answers = _common(today, applicant, purpose=v.Purpose.IBADAH, interview_in=REPLACEMENT_INTERVIEW_IN)
    answers["alasan_penggantian"] = v.ReplacementReason.HABIS_BERLAKU.value
    answers["nomor_paspor_lama"] = "C" + applicant.nik[-7:]
    answers["masa_berlaku_paspor_lama"] = (today - timedelta(days=OLD_PASSPORT_EXPIRED_DAYS_AGO)).isoformat()
    return answers
