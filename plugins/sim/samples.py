"""Sample answers of ``sim.perpanjangan`` (``ServiceDefinition.sample_answers``): demo data and examples.

The applicant renews their own SIM six weeks before it expires, with the health check
and the psychological test taken three days before ``today``. The class is a SIM C
(motorcycle) or a SIM A (car) by the NIK's birth day (even: C), so demo data shows
both fees; the number is an older card's 12 digits: the holder's birth year and month,
the issuing Polda and Satpas (``1521``) and a sequence from the NIK.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from core.services import Applicant
from plugins.sim.validation import SimClass

#: Polda Jawa Timur and the Satpas of Polrestabes Surabaya, as in the middle group of an older SIM number.
ISSUER = "1521"
DAYS_BEFORE_EXPIRY = 45
DAYS_SINCE_TESTS = 3


def sim_number(nik: str) -> str:
    """An older-format SIM number for the NIK's holder, grouped as on the card: ``YYMM-1521-NNNN``."""
    return f"{nik[10:12]}{nik[8:10]}-{ISSUER}-{nik[-4:]}"


def sample_answers(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """``sim.perpanjangan``: the applicant's SIM C or A, still valid for six more weeks."""
    nik = applicant.nik
    sim_class = SimClass.C if int(nik[6:8]) % 2 == 0 else SimClass.A
    tested = (today - timedelta(days=DAYS_SINCE_TESTS)).isoformat()
    return {
        "nik": nik,
        "golongan_sim": sim_class.value,
        "nomor_sim": sim_number(nik),
        "masa_berlaku_sim": (today + timedelta(days=DAYS_BEFORE_EXPIRY)).isoformat(),
        "tanggal_pemeriksaan_kesehatan": tested,
        "tanggal_tes_psikologi": tested,
    }
