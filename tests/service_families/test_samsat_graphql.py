"""samsat through GraphQL: the vehicle tax service in layanan's catalog, and an application from
submission to pickup as a citizen and a Bapenda officer, with its plate rules as typed errors."""

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
    TRACK,
    iso,
    move,
    officer_of,
    submit,
    submitted,
    walk_to_ready,
    years_before,
)

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "layanan", "samsat"])


def pkb(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nomor_polisi": "l1234ab",
        "nik_pemilik": BUDI_NIK,
        "nama_pemilik": "Budi Santoso",
        "jenis_kendaraan": "sepeda_motor",
        "nomor_rangka": "MH1JM2119KK123456",
        "nomor_mesin": "JM21E-1234567",
        "tahun_pembuatan": 2019,
        "masa_berlaku_stnk": iso(years_before(calendar.today(), -3)),
    }
    answers.update(changes)
    return answers


async def test_the_catalog_shows_the_vehicle_tax_of_bapenda_jatim(gql):
    data = await gql.execute(CATALOG, {"family": "samsat", "region": "35.15"})
    assert data["services"]["totalCount"] == 1
    service = data["services"]["nodes"][0]
    assert service["code"] == "samsat.pkb"
    assert service["perRegion"] is False
    assert service["agency"] == {"code": "bapenda-jatim"} == service["offeredBy"]
    fee = service["standard"]["fee"]
    assert fee["amount"] == 25_000 and fee["free"] is False
    assert service["standard"]["feeVaries"] is True  # the vehicle kind decides each application's fee
    assert "Perda Provinsi Jawa Timur No. 9 Tahun 2023" in fee["legalBasis"]
    assert "SWDKLLJ" in fee["descriptionEn"] and "opsen PKB" in fee["descriptionId"]
    fields = {f["code"]: f for f in service["form"]["fields"]}
    assert fields["nomor_polisi"]["format"] == "plate"
    assert "L, M, N, P, S, W, AE, AG" in fields["nomor_polisi"]["descriptionId"]
    assert fields["nik_pemilik"]["format"] == "nik"
    assert [v["key"] for v in fields["jenis_kendaraan"]["values"]] == [
        "sepeda_motor",
        "mobil_penumpang",
        "mobil_bus",
        "mobil_barang",
    ]
    assert fields["masa_berlaku_stnk"]["datatype"] == "DATETIME"
    assert service["form"]["regionField"] is None


async def test_a_vehicle_tax_application_goes_from_submission_to_pickup(gql):
    budi = await gql.login("warga.budi")
    officer = await officer_of(gql, "bapenda-jatim", "petugas.samsat", "198805122014031001")
    application = submitted(await submit(budi, "samsat.pkb", pkb()))
    assert application["agency"] == {"code": "bapenda-jatim"}
    assert application["answers"]["nomor_polisi"] == "L 1234 AB"
    assert application["answers"]["nomor_mesin"] == "JM21E1234567"
    assert application["fee"] == 25_000
    assert application["feeDetails"]["amount"] == 25_000
    assert application["feeDetails"]["descriptionEn"].startswith("PNBP for the STNK validation of a motorcycle")
    assert "PP 76/2020" in application["feeDetails"]["legalBasis"]

    queue = await officer.execute(QUEUE, {"service": "samsat.pkb"})
    assert queue["applicationQueue"]["nodes"][0]["trackingNumber"] == application["trackingNumber"]
    assert queue["applicationQueue"]["nodes"][0]["applicantNik"] == BUDI_NIK  # the processing agency sees it
    await walk_to_ready(officer, application["id"])
    picked = await move(officer, application["id"], "PICKED_UP")
    assert [e["toStatus"] for e in picked["timeline"] if e["kind"] == "STATUS_CHANGED"] == [
        "SUBMITTED",
        "VERIFIED",
        "IN_PROCESS",
        "READY",
        "PICKED_UP",
    ]
    assert {e["actorRole"] for e in picked["timeline"][1:]} == {"officer"}
    tracked = (await gql.execute(TRACK, {"n": application["trackingNumber"]}))["trackApplication"]
    assert tracked["status"] == "PICKED_UP" and tracked["agency"] == {"code": "bapenda-jatim"}

    # a Dispendukcapil officer and another citizen do not see it
    dispendukcapil = await gql.login("petugas.surabaya")
    assert (await dispendukcapil.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"] is None
    siti = await gql.login("warga.siti")
    assert (await siti.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"] is None


async def test_a_plate_of_another_province_is_a_typed_error_naming_the_field(gql):
    budi = await gql.login("warga.budi")
    response = await submit(budi, "samsat.pkb", pkb(nomor_polisi="B 1234 XYZ"), language="en")
    assert response.codes == ["SAMSAT_PLATE_NOT_JATIM"]
    error = response.errors[0]
    assert error["extensions"]["field"] == "input.answers.nomor_polisi"
    assert error["message"].startswith("Region code B is not a Jawa Timur region")
    malformed = await submit(budi, "samsat.pkb", pkb(nomor_polisi="L 0123 AB"))
    assert malformed.codes == ["SAMSAT_INVALID_PLATE"]
    assert "tanpa nol di depan" in malformed.errors[0]["message"]
    assert (await budi.execute(MINE))["myApplications"]["totalCount"] == 0


async def test_an_expired_stnk_and_bad_vehicle_numbers_are_refused(gql):
    budi = await gql.login("warga.budi")
    yesterday = iso(calendar.today() - timedelta(days=1))
    expired = await submit(budi, "samsat.pkb", pkb(masa_berlaku_stnk=yesterday))
    assert expired.codes == ["SAMSAT_STNK_EXPIRED"]
    assert expired.errors[0]["extensions"]["field"] == "input.answers.masa_berlaku_stnk"
    vin = await submit(budi, "samsat.pkb", pkb(nomor_rangka="MH1JM2119KO123456"))
    assert vin.codes == ["SAMSAT_INVALID_FRAME_NUMBER"]
    owner = await submit(budi, "samsat.pkb", pkb(nik_pemilik="3578011203850000"))
    assert owner.codes == ["INVALID_NIK"]
    assert (await budi.execute(MINE))["myApplications"]["totalCount"] == 0


async def test_a_car_pays_the_four_wheel_stnk_validation_fee(gql):
    budi = await gql.login("warga.budi")
    car = submitted(
        await submit(
            budi,
            "samsat.pkb",
            pkb(nomor_polisi="L 1717 KD", jenis_kendaraan="mobil_penumpang", nomor_rangka="MHKA4DA3J0K123456"),
        )
    )
    assert car["fee"] == car["feeDetails"]["amount"] == 50_000
    assert car["feeDetails"]["descriptionId"].startswith("PNBP pengesahan STNK mobil penumpang (roda 4 atau lebih): ")
    assert "Rp50.000" in car["feeDetails"]["descriptionId"] and "SKPD" in car["feeDetails"]["descriptionId"]
