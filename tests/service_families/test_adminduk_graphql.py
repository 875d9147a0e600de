"""adminduk through GraphQL: its services in layanan's catalog, and applications from submission to
delivery, through a revision and to a rejection, as citizens and Dispendukcapil officers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from core import calendar
from tests.service_families.support import (
    APPLICATION,
    BUDI_NIK,
    CATALOG,
    MINE,
    QUEUE,
    RESUBMIT,
    SIDOARJO_DESA,
    SURABAYA_DESA,
    TRACK,
    UPDATE_DELIVERY,
    home_delivery,
    iso,
    kk,
    move,
    nik,
    submit,
    submitted,
    walk_to_ready,
    working_day_ahead,
    years_before,
)

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "layanan", "adminduk"])

OLD_KK = kk(years_before(calendar.today(), 6))
MOTHER = nik(years_before(calendar.today(), 33), female=True, sequence=7)


def kk_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "alasan": "kelahiran",
        "nomor_kk_lama": OLD_KK,
        "nik_kepala_keluarga": BUDI_NIK,
        "jumlah_anggota": 3,
        "nik_anggota": MOTHER,
        "alamat": "Jl. Mastrip No. 5",
        "rt": "3",
        "rw": "12",
        "kode_desa": SURABAYA_DESA,
    }
    answers.update(changes)
    return answers


def ektp_answers(**changes: Any) -> dict[str, Any]:
    teenager = nik(years_before(calendar.today(), 17) - timedelta(days=40), sequence=12)
    answers: dict[str, Any] = {
        "jenis_permohonan": "baru",
        "nik": teenager,
        "nomor_kk": OLD_KK,
        "status_perkawinan": "belum_kawin",
        "sudah_perekaman": "belum",
        "tanggal_perekaman": iso(working_day_ahead(1)),
        "kode_desa": SURABAYA_DESA,
    }
    answers.update(changes)
    return answers


def birth_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nama_anak": "Ahmad Fauzan Santoso",
        "jenis_kelamin": "laki_laki",
        "tanggal_lahir": iso(calendar.today() - timedelta(days=10)),
        "tempat_dilahirkan": "rumah_sakit",
        "kota_kelahiran": "Kota Surabaya",
        "jenis_kelahiran": "tunggal",
        "anak_ke": 2,
        "penolong_kelahiran": "bidan_perawat",
        "nik_ibu": MOTHER,
        "bukti_perkawinan": "buku_nikah",
        "nik_ayah": BUDI_NIK,
        "nomor_kk": OLD_KK,
        "bukti_kelahiran": "surat_keterangan_lahir",
        "kode_desa": SURABAYA_DESA,
    }
    answers.update(changes)
    return answers


async def test_the_catalog_lists_the_three_services_with_their_standard_and_form(gql):
    data = await gql.execute(CATALOG, {"family": "adminduk", "region": "35.78.01"})
    services = {s["code"]: s for s in data["services"]["nodes"]}
    assert data["services"]["totalCount"] == 3
    assert set(services) == {"adminduk.kk", "adminduk.ektp", "adminduk.akta_kelahiran"}
    for service in services.values():
        assert service["family"] == "adminduk"
        assert service["perRegion"] is True and service["agency"] is None
        assert service["agencyPattern"] == "dispendukcapil-{regency}"
        assert service["offeredBy"] == {"code": "dispendukcapil-3578"}
        assert service["deliveryOptions"] == ["PICKUP", "HOME_DELIVERY"]
        standard = service["standard"]
        assert standard["fee"]["free"] is True and "79A" in standard["fee"]["legalBasis"]
        assert "LAPOR!" in standard["complaintChannel"]
        assert [s["order"] for s in standard["procedure"]] == list(range(1, len(standard["procedure"]) + 1))
        assert any(c["nameEn"] == "Legal basis" and "Perpres 96/2018" in c["value"] for c in standard["components"])
        assert service["form"]["regionField"] == "kode_desa"
        region = next(f for f in service["form"]["fields"] if f["code"] == "kode_desa")
        assert region["format"] == "desa" and region["required"] is True
    kk_form = {f["code"]: f for f in services["adminduk.kk"]["form"]["fields"]}
    assert kk_form["nik_kepala_keluarga"]["format"] == "nik"
    assert kk_form["nomor_kk_lama"]["format"] == "kk" and kk_form["nomor_kk_lama"]["required"] is False
    assert {v["key"] for v in kk_form["alasan"]["values"]} >= {"pernikahan", "kelahiran", "pindah_datang"}
    assert services["adminduk.ektp"]["standard"]["timeLimitDays"] == 5
    akta = services["adminduk.akta_kelahiran"]
    assert any("SPTJM" in r["nameId"] and r["attachment"] for r in akta["standard"]["requirements"])
    attendant = next(f for f in akta["form"]["fields"] if f["code"] == "penolong_kelahiran")
    assert {v["key"] for v in attendant["values"]} == {"dokter", "bidan_perawat", "dukun", "lainnya"}


async def test_a_kk_goes_from_submission_to_home_delivery(gql):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    answers = kk_answers(rt="3", nik_anggota=f" {MOTHER} ")
    application = submitted(await submit(budi, "adminduk.kk", answers, delivery=home_delivery()))
    assert application["agency"] == {"code": "dispendukcapil-3578"}
    assert application["fee"] == 0 and application["timeLimitDays"] == 3
    assert application["answers"]["rt"] == "003" and application["answers"]["nik_anggota"] == MOTHER
    assert application["dueDate"] == iso(calendar.add_working_days(calendar.today(), 3))

    queue = await officer.execute(QUEUE, {"service": "adminduk.kk"})
    assert [n["trackingNumber"] for n in queue["applicationQueue"]["nodes"]] == [application["trackingNumber"]]
    ready = await walk_to_ready(officer, application["id"])
    assert ready["delivery"]["status"] == "PREPARING"
    for courier_status in ("WITH_COURIER", "OUT_FOR_DELIVERY"):
        await officer.execute(
            UPDATE_DELIVERY,
            {"input": {"applicationId": application["id"], "status": courier_status, "courier": "PT Pos Indonesia"}},
        )
    done = await officer.execute(
        UPDATE_DELIVERY,
        {"input": {"applicationId": application["id"], "status": "DELIVERED", "receivedBy": "Budi Santoso"}},
    )
    final = done["updateDelivery"]["application"]
    assert final["status"] == "DELIVERED" and final["delivery"]["receivedBy"] == "Budi Santoso"
    assert [e["toStatus"] for e in final["timeline"] if e["kind"] == "STATUS_CHANGED"] == [
        "SUBMITTED",
        "VERIFIED",
        "IN_PROCESS",
        "READY",
        "DELIVERED",
    ]
    tracked = (await gql.execute(TRACK, {"n": application["trackingNumber"]}))["trackApplication"]
    assert tracked["status"] == "DELIVERED" and tracked["courierStatus"] == "DELIVERED"
    assert tracked["service"] == {"code": "adminduk.kk"}


async def test_an_ektp_goes_through_a_revision_and_is_picked_up(gql):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = submitted(await submit(budi, "adminduk.ektp", ektp_answers()))
    await move(officer, application["id"], "VERIFIED")
    returned = await move(officer, application["id"], "NEEDS_REVISION", "Foto KK tidak terbaca, unggah ulang.")
    assert returned["statusReason"] == "Foto KK tidak terbaca, unggah ulang."

    # the corrected answers are validated again: a recording date that is not a working day is refused
    saturday = calendar.today() + timedelta(days=(5 - calendar.today().weekday()) % 7 or 7)
    bad = await budi.query(
        RESUBMIT,
        {"input": {"applicationId": application["id"], "answers": ektp_answers(tanggal_perekaman=iso(saturday))}},
    )
    assert bad.codes == ["ADMINDUK_RECORDING_DATE"]
    assert bad.errors[0]["extensions"]["field"] == "input.answers.tanggal_perekaman"
    again = await budi.query(
        RESUBMIT,
        {"input": {"applicationId": application["id"], "answers": ektp_answers(), "attachments": [None]}},
        files={"input.attachments.0": ("kk-baru.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    )
    assert not again.errors, again.errors
    assert again.data["resubmitApplication"]["application"]["revisionCount"] == 1
    await walk_to_ready(officer, application["id"])
    picked = await move(officer, application["id"], "PICKED_UP")
    assert picked["nextStatuses"] == []


async def test_a_birth_certificate_application_can_be_rejected(gql):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = submitted(await submit(budi, "adminduk.akta_kelahiran", birth_answers()))
    await move(officer, application["id"], "VERIFIED")
    rejected = await move(officer, application["id"], "REJECTED", "Kelahiran sudah tercatat dengan akta lain.")
    seen = (await budi.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"]
    assert seen["status"] == "REJECTED" and seen["statusReason"] == rejected["statusReason"]
    assert seen["nextStatuses"] == []


async def test_an_application_goes_to_the_dispendukcapil_of_the_desa_it_names(gql):
    budi = await gql.login("warga.budi")  # NIK of Surabaya, moving to Sidoarjo
    answers = kk_answers(alasan="pindah_datang", nomor_skpwni="SKPWNI/3578/0001", jumlah_anggota=2)
    answers["kode_desa"] = SIDOARJO_DESA
    application = submitted(await submit(budi, "adminduk.kk", answers))
    assert application["agency"] == {"code": "dispendukcapil-3515"}

    surabaya = await gql.login("petugas.surabaya")
    assert (await surabaya.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"] is None
    refused = await surabaya.query(
        """mutation($input: TransitionApplicationInput!) { transitionApplication(input: $input) { application { id } } }""",
        {"input": {"applicationId": application["id"], "status": "VERIFIED"}},
    )
    assert refused.codes == ["NOT_FOUND"]
    siti = await gql.login("warga.siti")
    assert (await siti.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"] is None
    sidoarjo = await gql.login("petugas.sidoarjo")
    queue = await sidoarjo.execute(QUEUE, {"service": "adminduk.kk"})
    assert [n["trackingNumber"] for n in queue["applicationQueue"]["nodes"]] == [application["trackingNumber"]]
    await move(sidoarjo, application["id"], "VERIFIED")


async def test_adminduk_rules_refuse_through_graphql_in_both_languages_and_nothing_is_written(gql):
    budi = await gql.login("warga.budi")
    child = nik(years_before(calendar.today(), 15), sequence=13)
    english = await submit(budi, "adminduk.ektp", ektp_answers(nik=child), language="en")
    assert english.codes == ["ADMINDUK_EKTP_UNDERAGE"]
    assert english.errors[0]["extensions"]["field"] == "input.answers.nik"
    assert "aged 17 or older" in english.errors[0]["message"]
    indonesian = await submit(budi, "adminduk.ektp", ektp_answers(nik=child), language="id")
    assert "telah berusia 17 tahun" in indonesian.errors[0]["message"]

    wrong_mother = await submit(budi, "adminduk.akta_kelahiran", birth_answers(nik_ibu=BUDI_NIK))
    assert wrong_mother.codes == ["ADMINDUK_PARENT_SEX"]
    no_old_card = await submit(budi, "adminduk.kk", kk_answers(nomor_kk_lama=None))
    assert no_old_card.codes == ["ADMINDUK_ANSWER_REQUIRED"]
    assert no_old_card.errors[0]["extensions"]["field"] == "input.answers.nomor_kk_lama"
    bad_card = await submit(budi, "adminduk.kk", kk_answers(nomor_kk_lama="3578010000000001"))
    assert bad_card.codes == ["ADMINDUK_INVALID_KK"]
    assert (await budi.execute(MINE))["myApplications"]["totalCount"] == 0

    anonymous = await submit(gql, "adminduk.kk", kk_answers())
    assert anonymous.codes == ["UNAUTHENTICATED"]
