"""The four service families load without layanan: their services are in runtime.services, each
validate callable from there, and their error codes are documented."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from core import calendar
from core.errors import MESSAGES, CettarError
from tests.service_families.support import BUDI_NIK, SURABAYA_DESA, iso, kk

pytestmark = pytest.mark.cettar(plugins=["adminduk", "samsat", "sim", "paspor"])

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins"
FAMILIES = {
    "adminduk": {"adminduk.kk", "adminduk.ektp", "adminduk.akta_kelahiran"},
    "samsat": {"samsat.pkb"},
    "sim": {"sim.perpanjangan"},
    "paspor": {"paspor.baru", "paspor.penggantian"},
}


def test_the_services_are_registered_without_layanan(cettar_runtime):
    assert "layanan" not in {p.name for p in cettar_runtime.plugins.plugins}
    for family, codes in FAMILIES.items():
        assert set(cettar_runtime.plugins.get(family).contributions.services) == codes
        for code in codes:
            service = cettar_runtime.services.get(code)
            assert service is not None and cettar_runtime.services.owner(code) == family
            assert service.validate is not None
            assert service.name_id != service.name_en and service.description_id != service.description_en
            assert service.fee.description_id != service.fee.description_en
            assert all(s.name_id != s.name_en for s in service.steps)
            assert all(r.name_id != r.name_en for r in service.requirements)
            assert all(f.description_id != f.description_en for f in service.form if f.description_id)
            assert all(c.name_id != c.name_en or c.name_id.startswith("SIM") for f in service.form for c in f.choices)
            assert cettar_runtime.plugins.get(family).meta.region_code == "35"


def test_validate_runs_from_the_registry(cettar_runtime):
    ektp = cettar_runtime.services.get("adminduk.ektp")
    answers = {
        "jenis_permohonan": "hilang",
        "nik": BUDI_NIK,
        "nomor_kk": kk(date(2020, 1, 15)),
        "status_perkawinan": "kawin",
        "sudah_perekaman": "sudah",
        "kode_desa": SURABAYA_DESA,
    }
    with pytest.raises(CettarError) as caught:
        ektp.validate(answers)
    assert (caught.value.code, caught.value.field) == (
        "ADMINDUK_ANSWER_REQUIRED",
        "input.answers.nomor_surat_kehilangan",
    )
    answers["nomor_surat_kehilangan"] = "STPLK/77/III/2026"
    assert ektp.validate(answers)["nik"] == BUDI_NIK
    pkb = cettar_runtime.services.get("samsat.pkb")
    with pytest.raises(CettarError) as caught:
        pkb.validate({"nomor_polisi": "D 1 A"})
    assert caught.value.code == "SAMSAT_PLATE_NOT_JATIM"
    interview = cettar_runtime.services.get("paspor.baru")
    with pytest.raises(CettarError) as caught:
        interview.validate(
            {
                "nik": BUDI_NIK,
                "jenis_paspor": "biasa_48",
                "tujuan": "wisata",
                "tanggal_wawancara": iso(calendar.today()),  # never: the earliest is the next working day
                "dokumen_identitas": "ijazah",
            }
        )
    assert caught.value.code == "PASPOR_INTERVIEW_DATE"


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_family_documents_exactly_its_error_codes(family: str):
    page = (DOCS / f"{family}.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|", page, re.M))
    registered = {code for code in MESSAGES if code.startswith(f"{family.upper()}_")}
    assert registered and documented == registered
