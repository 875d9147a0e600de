"""The families' contract extras without layanan: every service's sample answers pass its own validate for
many applicants and days, the fee follows the answers (PP 76/2020 classes, vehicle kinds, passport kinds)
and passports go to the immigration office of the applicant's region."""

from __future__ import annotations

from datetime import date

import pytest

from core import calendar
from core.errors import CettarError
from core.services import Applicant, ServiceDefinition
from tests.service_families.support import BUDI_NIK, MONDAY, SIDOARJO_DESA, SITI_NIK, SURABAYA_DESA, nik, years_before

pytestmark = pytest.mark.cettar(plugins=["adminduk", "samsat", "sim", "paspor"])

CODES = (
    "adminduk.kk",
    "adminduk.ektp",
    "adminduk.akta_kelahiran",
    "samsat.pkb",
    "sim.perpanjangan",
    "paspor.baru",
    "paspor.penggantian",
)
APPLICANTS = (
    Applicant("Budi Santoso", BUDI_NIK, SURABAYA_DESA),
    Applicant("Siti Aminah", SITI_NIK, SIDOARJO_DESA),
    Applicant("Dian Puspita", "3579014202950002", None),  # Kota Batu, domicile not known
    Applicant("Ayu Ñañez Prameswari", "3171015203900002", "35.78.05.1001"),  # a Jakarta NIK, living in Surabaya
)
#: A Monday, a Friday before Independence Day's long weekend, a leap day, and today.
DAYS = (MONDAY, date(2026, 8, 14), date(2028, 2, 29), calendar.today())


def _service(runtime, code: str) -> ServiceDefinition:
    service = runtime.services.get(code)
    assert service is not None and service.sample_answers is not None, code
    return service


@pytest.mark.parametrize("code", CODES)
def test_every_sample_passes_the_services_own_validate(cettar_runtime, code: str):
    service = _service(cettar_runtime, code)
    assert service.validate is not None
    for applicant in APPLICANTS:
        for day in DAYS:
            answers = dict(service.sample_answers(day, applicant))
            assert {f.code for f in service.form if f.required} <= set(answers), (code, applicant.name, day)
            assert set(answers) <= {f.code for f in service.form}
            try:
                checked = service.validate(answers, today=day)  # type: ignore[call-arg]
            except CettarError as exc:  # pragma: no cover - the failure message names the case
                pytest.fail(f"{code} refuses its sample for {applicant.name} on {day}: {exc.code} {exc.field}")
            if service.fee_for is not None:
                assert service.fee_for(checked).amount >= service.fee.amount


def test_samples_use_the_applicant_and_move_with_today(cettar_runtime):
    budi, siti = APPLICANTS[0], APPLICANTS[1]
    kk = _service(cettar_runtime, "adminduk.kk").sample_answers
    assert kk(MONDAY, budi)["nik_kepala_keluarga"] == BUDI_NIK and kk(MONDAY, budi)["kode_desa"] == SURABAYA_DESA
    assert kk(MONDAY, siti)["nomor_kk_lama"].startswith("351502")  # issued in her desa's kecamatan
    assert kk(MONDAY, APPLICANTS[2])["kode_desa"].startswith("35.79.01.")  # a desa of the NIK's kecamatan
    birth = _service(cettar_runtime, "adminduk.akta_kelahiran").sample_answers
    assert birth(MONDAY, siti)["nik_ibu"] == SITI_NIK and birth(MONDAY, budi)["nik_ayah"] == BUDI_NIK
    assert (
        birth(MONDAY, siti)["tanggal_lahir"] == "2026-02-10"
        and birth(MONDAY, budi)["kota_kelahiran"] == "Kota Surabaya"
    )
    pkb = _service(cettar_runtime, "samsat.pkb").sample_answers
    assert pkb(MONDAY, budi)["nomor_polisi"].startswith("L ") and pkb(MONDAY, siti)["nomor_polisi"].startswith("W ")
    assert pkb(MONDAY, APPLICANTS[2])["nomor_polisi"].startswith("N ")  # Kota Batu: plates N
    assert pkb(MONDAY, APPLICANTS[3])["nama_pemilik"] == "Ayu Nanez Prameswari"
    assert pkb(MONDAY, budi)["masa_berlaku_stnk"] == "2028-03-02"
    sim = _service(cettar_runtime, "sim.perpanjangan").sample_answers(MONDAY, budi)
    assert sim["nomor_sim"] == "8503-1521-0001" and sim["masa_berlaku_sim"] == "2026-04-16"
    first = _service(cettar_runtime, "paspor.baru").sample_answers
    assert first(MONDAY, budi)["tanggal_wawancara"] == "2026-03-04"  # two working days ahead
    assert first(date(2026, 8, 14), budi)["tanggal_wawancara"] == "2026-08-19"  # past the weekend and 17 August
    assert "nik_orang_tua" not in first(MONDAY, budi)


def test_a_child_applies_for_a_passport_with_a_parent(cettar_runtime):
    child = Applicant("Bima Santoso", nik(years_before(MONDAY, 9), sequence=31), SURABAYA_DESA)
    for code in ("paspor.baru", "paspor.penggantian"):
        service = _service(cettar_runtime, code)
        answers = dict(service.sample_answers(MONDAY, child))
        assert answers["nik_orang_tua"].startswith("357801")
        service.validate(answers, today=MONDAY)  # type: ignore[call-arg]
        without_parent = {k: v for k, v in answers.items() if k != "nik_orang_tua"}
        with pytest.raises(CettarError) as refused:
            service.validate(without_parent, today=MONDAY)  # type: ignore[call-arg]
        assert refused.value.code == "PASPOR_ANSWER_REQUIRED"


@pytest.mark.parametrize(
    ("code", "field", "fees"),
    [
        (
            "sim.perpanjangan",
            "golongan_sim",
            {
                "a": 80_000,
                "a_umum": 80_000,
                "b_i": 80_000,
                "b_i_umum": 80_000,
                "b_ii": 80_000,
                "b_ii_umum": 80_000,
                "c": 75_000,
                "c_i": 75_000,
                "c_ii": 75_000,
                "d": 30_000,
                "d_i": 30_000,
            },
        ),
        (
            "samsat.pkb",
            "jenis_kendaraan",
            {"sepeda_motor": 25_000, "mobil_penumpang": 50_000, "mobil_bus": 50_000, "mobil_barang": 50_000},
        ),
        ("paspor.baru", "jenis_paspor", {"biasa_48": 350_000, "elektronik_48": 650_000}),
        ("paspor.penggantian", "jenis_paspor", {"biasa_48": 350_000, "elektronik_48": 650_000}),
    ],
)
def test_the_fee_follows_the_answer_that_decides_it(cettar_runtime, code: str, field: str, fees: dict[str, int]):
    service = cettar_runtime.services.get(code)
    assert service.fee_for is not None
    choices = {c.key for f in service.form if f.code == field for c in f.choices}
    assert choices == set(fees)
    for key, amount in fees.items():
        fee = service.fee_for({field: key})
        assert fee.amount == amount and fee.legal_basis == service.fee.legal_basis
        shown = f"Rp{amount:,}".replace(",", ".")
        assert shown in fee.description_id and shown in fee.description_en
        assert fee.description_id != fee.description_en
    assert service.fee.amount == min(fees.values())  # the catalog shows the lowest


def test_the_other_services_have_one_fee(cettar_runtime):
    for code in ("adminduk.kk", "adminduk.ektp", "adminduk.akta_kelahiran"):
        service = cettar_runtime.services.get(code)
        assert service.fee_for is None and service.fee.amount == 0 and service.agency_for is None


def test_passports_go_to_the_immigration_office_of_the_region(cettar_runtime):
    expected = {
        "35.73": "imigrasi-malang",  # Kota Malang
        "35.73.05.1002": "imigrasi-malang",
        "35.07": "imigrasi-malang",  # Kabupaten Malang
        "35.07.01": "imigrasi-malang",
        "35.79.01.1001": "imigrasi-malang",  # Kota Batu
        "35.78": "imigrasi-surabaya",
        "35.15.01.2001": "imigrasi-surabaya",
        "35.74": "imigrasi-surabaya",  # Kota Probolinggo is not Malang Raya
        "35.10": "imigrasi-surabaya",
    }
    for code in ("paspor.baru", "paspor.penggantian"):
        rule = cettar_runtime.services.get(code).agency_for
        assert rule is not None
        assert {region: rule({}, region) for region in expected} == expected
        assert rule({}, None) is None  # no region: the service's own agency_code
    for code in ("samsat.pkb", "sim.perpanjangan"):
        assert cettar_runtime.services.get(code).agency_for is None
