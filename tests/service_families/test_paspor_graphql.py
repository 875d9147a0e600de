"""paspor through GraphQL: the passport services in layanan's catalog, a first passport from submission
to pickup and a replacement through a revision, as a citizen and an immigration officer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from core import calendar
from core.auth import Role
from core.identity.demo import DemoAccount, seed_demo_accounts
from tests.service_families.support import (
    APPLICATION,
    BUDI_NIK,
    CATALOG,
    MINE,
    RESUBMIT,
    SITI_NIK,
    TRACK,
    TRANSITION,
    iso,
    move,
    nik,
    officer_of,
    submit,
    submitted,
    walk_to_ready,
    working_day_ahead,
    years_before,
)

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "layanan", "paspor"])

#: A woman first registered in Kecamatan Batu, Kota Batu, born 2 February 1995.
BATU_NIK = "3579014202950002"


def first_passport(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nik": BUDI_NIK,
        "jenis_paspor": "elektronik_48",
        "tujuan": "ibadah",
        "tanggal_wawancara": iso(working_day_ahead(2)),
        "dokumen_identitas": "akta_kelahiran",
    }
    answers.update(changes)
    return answers


def replacement(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nik": SITI_NIK,
        "jenis_paspor": "biasa_48",
        "tujuan": "wisata",
        "tanggal_wawancara": iso(working_day_ahead(1)),
        "alasan_penggantian": "habis_berlaku",
        "nomor_paspor_lama": "c 1234567",
        "masa_berlaku_paspor_lama": iso(calendar.today() - timedelta(days=30)),
    }
    answers.update(changes)
    return answers


async def test_the_catalog_shows_both_passport_services(gql):
    data = await gql.execute(CATALOG, {"family": "paspor", "region": "35.73"})
    services = {s["code"]: s for s in data["services"]["nodes"]}
    assert set(services) == {"paspor.baru", "paspor.penggantian"}
    for service in services.values():
        assert service["agency"] == {"code": "imigrasi-surabaya"}  # the office the services are registered with
        assert service["offeredBy"] == {"code": "imigrasi-malang"}  # Kota Malang (35.73) goes to Kanim Malang
        assert service["standard"]["feeVaries"] is True
        assert service["standard"]["timeLimitDays"] == 9
        fee = service["standard"]["fee"]
        assert fee["amount"] == 350_000 and "Rp650.000" in fee["descriptionEn"]
        assert "Kementerian Hukum dan HAM" in fee["legalBasis"]
        kinds = next(f for f in service["form"]["fields"] if f["code"] == "jenis_paspor")
        assert {v["key"]: v["nameId"] for v in kinds["values"]} == {
            "biasa_48": "Paspor biasa non-elektronik 48 halaman (Rp350.000)",
            "elektronik_48": "Paspor elektronik 48 halaman (Rp650.000)",
        }
        assert any("4 hari kerja setelah wawancara" in s["nameId"] for s in service["standard"]["procedure"])
    reasons = next(f for f in services["paspor.penggantian"]["form"]["fields"] if f["code"] == "alasan_penggantian")
    assert {v["key"] for v in reasons["values"]} == {
        "habis_berlaku",
        "halaman_penuh",
        "hilang",
        "rusak",
        "perubahan_data",
    }


async def test_a_first_passport_goes_from_submission_to_pickup(gql):
    budi = await gql.login("warga.budi")
    officer = await officer_of(gql, "imigrasi-surabaya", "petugas.imigrasi", "198511032010121004")
    application = submitted(await submit(budi, "paspor.baru", first_passport(), files=3))
    assert application["agency"] == {"code": "imigrasi-surabaya"}
    assert application["fee"] == 650_000  # an electronic passport
    assert application["feeDetails"]["descriptionId"].startswith("PNBP paspor elektronik 48 halaman: Rp650.000")
    assert application["dueDate"] == iso(calendar.add_working_days(calendar.today(), 9))
    await walk_to_ready(officer, application["id"])
    picked = await move(officer, application["id"], "PICKED_UP")
    assert picked["status"] == "PICKED_UP"
    tracked = (await gql.execute(TRACK, {"n": application["trackingNumber"]}))["trackApplication"]
    assert tracked["status"] == "PICKED_UP" and tracked["deliveryMethod"] == "PICKUP"
    siti = await gql.login("warga.siti")
    assert (await siti.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"] is None


async def test_a_replacement_goes_through_a_revision(gql):
    siti = await gql.login("warga.siti")
    officer = await officer_of(gql, "imigrasi-surabaya", "petugas.imigrasi2", "198707222012122005")
    application = submitted(await submit(siti, "paspor.penggantian", replacement()))
    assert application["answers"]["nomor_paspor_lama"] == "C1234567"
    assert application["fee"] == 350_000 and application["agency"] == {"code": "imigrasi-surabaya"}
    await move(officer, application["id"], "NEEDS_REVISION", "Paspor lama hilang? Lampirkan surat kehilangan.")

    # she says it was lost: the police report number is now required
    lost = replacement(alasan_penggantian="hilang", nomor_paspor_lama=None)
    missing = await siti.query(RESUBMIT, {"input": {"applicationId": application["id"], "answers": lost}})
    assert missing.codes == ["PASPOR_ANSWER_REQUIRED"]
    assert missing.errors[0]["extensions"]["field"] == "input.answers.nomor_surat_kehilangan"
    lost["nomor_surat_kehilangan"] = "LP/B/45/III/2026/SPKT Polrestabes Surabaya"
    again = await siti.execute(RESUBMIT, {"input": {"applicationId": application["id"], "answers": lost}})
    assert again["resubmitApplication"]["application"]["status"] == "SUBMITTED"
    assert again["resubmitApplication"]["application"]["revisionCount"] == 1
    await walk_to_ready(officer, application["id"])
    await move(officer, application["id"], "PICKED_UP")


async def test_passport_rules_refuse_through_graphql(gql):
    budi = await gql.login("warga.budi")
    child = nik(years_before(calendar.today(), 9), sequence=31)
    minor = await submit(budi, "paspor.baru", first_passport(nik=child), language="en")
    assert minor.codes == ["PASPOR_ANSWER_REQUIRED"]
    assert minor.errors[0]["extensions"]["field"] == "input.answers.nik_orang_tua"
    assert "under 17" in minor.errors[0]["message"]
    today = calendar.today()
    late = await submit(budi, "paspor.baru", first_passport(tanggal_wawancara=iso(today + timedelta(days=30))))
    assert late.codes == ["PASPOR_INTERVIEW_DATE"]
    number = await submit(budi, "paspor.penggantian", replacement(nik=BUDI_NIK, nomor_paspor_lama="12345"))
    assert number.codes == ["PASPOR_INVALID_PASSPORT_NUMBER"]
    work = await submit(budi, "paspor.baru", first_passport(tujuan="bekerja"))
    assert work.codes == ["PASPOR_ANSWER_REQUIRED"]
    assert (await budi.execute(MINE))["myApplications"]["totalCount"] == 0
    assert (await submit(budi, "paspor.baru", first_passport(nik=child, nik_orang_tua=BUDI_NIK))).errors == []


OFFICES = """
query Offices {
  service(code: "paspor.baru") {
    surabaya: offeredBy(regionCode: "35.78") { code }
    sidoarjo: offeredBy(regionCode: "35.15.01.2001") { code }
    kotaMalang: offeredBy(regionCode: "35.73") { code }
    kabupatenMalang: offeredBy(regionCode: "35.07.01") { code }
    batu: offeredBy(regionCode: "35.79") { code }
    banyuwangi: offeredBy(regionCode: "35.10") { code }
  }
}
"""


async def test_the_catalog_names_the_immigration_office_of_each_region(gql):
    offices = {k: v["code"] for k, v in (await gql.execute(OFFICES))["service"].items()}
    assert offices == {
        "surabaya": "imigrasi-surabaya",
        "sidoarjo": "imigrasi-surabaya",
        "kotaMalang": "imigrasi-malang",
        "kabupatenMalang": "imigrasi-malang",
        "batu": "imigrasi-malang",
        "banyuwangi": "imigrasi-surabaya",
    }


async def test_an_applicant_of_malang_raya_goes_to_kanim_malang(gql, cettar_runtime):
    # A citizen first registered in Kota Batu (35.79.01): their passport is Kanim Malang's.
    async with cettar_runtime.database.session() as session:
        await seed_demo_accounts(
            session,
            (
                DemoAccount(
                    "warga.batu", Role.CITIZEN, "Dian Puspita", "+6281234500091", "dian@warga.example", nik=BATU_NIK
                ),
            ),
        )
    dian = await gql.login("warga.batu")
    application = submitted(await submit(dian, "paspor.baru", first_passport(nik=BATU_NIK, jenis_paspor="biasa_48")))
    assert application["agency"] == {"code": "imigrasi-malang"} and application["fee"] == 350_000
    surabaya = await officer_of(gql, "imigrasi-surabaya", "petugas.imigrasi3", "198912012015031006")
    assert (await surabaya.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"] is None
    refused = await surabaya.query(TRANSITION, {"input": {"applicationId": application["id"], "status": "VERIFIED"}})
    assert refused.codes == ["NOT_FOUND"]
    malang = await officer_of(gql, "imigrasi-malang", "petugas.imigrasi.mlg", "199004042016032007")
    await walk_to_ready(malang, application["id"])
    assert (await move(malang, application["id"], "PICKED_UP"))["agency"] == {"code": "imigrasi-malang"}
