"""sim through GraphQL: SIM renewal in layanan's catalog with its fee by class, and an application from
submission to home delivery as a citizen and a Satpas officer; an expired SIM is refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from core import calendar
from tests.service_families.support import (
    APPLICATION,
    BUDI_NIK,
    CATALOG,
    CONFIRM_DELIVERY,
    MINE,
    TRACK,
    UPDATE_DELIVERY,
    home_delivery,
    iso,
    move,
    officer_of,
    submit,
    submitted,
    walk_to_ready,
)

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "layanan", "sim"])


def renewal(**changes: Any) -> dict[str, Any]:
    today = calendar.today()
    answers: dict[str, Any] = {
        "nik": BUDI_NIK,
        "golongan_sim": "a",
        "nomor_sim": BUDI_NIK,  # a new-format card carries its holder's NIK
        "masa_berlaku_sim": iso(today + timedelta(days=20)),
        "tanggal_pemeriksaan_kesehatan": iso(today),
        "tanggal_tes_psikologi": iso(today - timedelta(days=1)),
    }
    answers.update(changes)
    return answers


async def test_the_catalog_shows_sim_renewal_with_the_fee_of_each_class(gql):
    data = await gql.execute(CATALOG, {"family": "sim", "region": "35.78"})
    service = data["services"]["nodes"][0]
    assert (data["services"]["totalCount"], service["code"]) == (1, "sim.perpanjangan")
    assert service["agency"] == {"code": "polrestabes-surabaya"}
    fee = service["standard"]["fee"]
    assert fee["amount"] == 30_000 and "PP 76/2020" in fee["legalBasis"]
    assert "SIM C, SIM C I dan SIM C II Rp75.000" in fee["descriptionId"]
    assert service["standard"]["feeVaries"] is True  # each application pays for its class
    classes = {v["key"]: v for f in service["form"]["fields"] if f["code"] == "golongan_sim" for v in f["values"]}
    assert classes["a"]["nameId"].endswith("(Rp80.000)") and classes["c"]["nameEn"].endswith("(Rp75.000)")
    assert set(classes) == {"a", "a_umum", "b_i", "b_i_umum", "b_ii", "b_ii_umum", "c", "c_i", "c_ii", "d", "d_i"}
    requirements = {r["nameEn"] for r in service["standard"]["requirements"]}
    assert "A physical health certificate from a doctor" in requirements
    assert "A certificate of passing the psychological test" in requirements


async def test_a_sim_renewal_goes_from_submission_to_home_delivery_confirmed_by_the_citizen(gql):
    budi = await gql.login("warga.budi")
    officer = await officer_of(gql, "polrestabes-surabaya", "petugas.satpas", "199002152015031002")
    application = submitted(await submit(budi, "sim.perpanjangan", renewal(), delivery=home_delivery(), files=4))
    assert application["agency"] == {"code": "polrestabes-surabaya"}
    assert application["delivery"]["status"] == "PREPARING"
    assert application["fee"] == 80_000  # SIM A, not the catalog's lowest (SIM D, Rp30.000)
    assert application["feeDetails"]["descriptionEn"].startswith("PNBP for renewing a SIM A (cars and vans")
    assert "PP 76/2020" in application["feeDetails"]["legalBasis"]
    await walk_to_ready(officer, application["id"])
    await officer.execute(
        UPDATE_DELIVERY,
        {
            "input": {
                "applicationId": application["id"],
                "status": "WITH_COURIER",
                "courier": "PT Pos Indonesia",
                "courierTrackingNumber": "P2603020012345",
            }
        },
    )
    received = await budi.execute(CONFIRM_DELIVERY, {"input": {"applicationId": application["id"]}})
    final = received["confirmDelivery"]["application"]
    assert final["status"] == "DELIVERED"
    assert final["delivery"]["courierTrackingNumber"] == "P2603020012345"
    tracked = (await gql.execute(TRACK, {"n": application["trackingNumber"]}))["trackApplication"]
    assert [s["status"] for s in tracked["timeline"]] == ["SUBMITTED", "VERIFIED", "IN_PROCESS", "READY", "DELIVERED"]


async def test_an_expired_sim_is_refused_with_the_advice_to_apply_for_a_new_one(gql):
    budi = await gql.login("warga.budi")
    expired = iso(calendar.today() - timedelta(days=1))
    response = await submit(budi, "sim.perpanjangan", renewal(masa_berlaku_sim=expired), language="en")
    assert response.codes == ["SIM_EXPIRED"]
    error = response.errors[0]
    assert error["extensions"]["field"] == "input.answers.masa_berlaku_sim"
    assert f"expired on {expired}" in error["message"] and "apply for a new SIM" in error["message"]
    other_nik = await submit(budi, "sim.perpanjangan", renewal(nomor_sim="3515025708920003"))
    assert other_nik.codes == ["SIM_INVALID_NUMBER"]
    later_test = await submit(
        budi, "sim.perpanjangan", renewal(tanggal_tes_psikologi=iso(calendar.today() + timedelta(days=2)))
    )
    assert later_test.codes == ["SIM_INVALID_DATE"]
    assert (await budi.execute(MINE))["myApplications"]["totalCount"] == 0


async def test_only_the_satpas_processes_it(gql):
    budi = await gql.login("warga.budi")
    application = submitted(await submit(budi, "sim.perpanjangan", renewal(golongan_sim="c", nomor_sim="850315210001")))
    assert application["answers"]["nomor_sim"] == "850315210001"
    assert (
        application["fee"] == 75_000
        and "SIM C (sepeda motor s.d. 250 cc)" in application["feeDetails"]["descriptionId"]
    )
    dispendukcapil = await gql.login("petugas.surabaya")
    assert (await dispendukcapil.execute(APPLICATION, {"n": application["trackingNumber"]}))["application"] is None
    refused = await dispendukcapil.query(
        "mutation($input: TransitionApplicationInput!) { transitionApplication(input: $input) { application { id } } }",
        {"input": {"applicationId": application["id"], "status": "VERIFIED"}},
    )
    assert refused.codes == ["NOT_FOUND"]
    officer = await officer_of(gql, "polrestabes-surabaya", "petugas.satpas2", "199105202016032003")
    rejected = await move(officer, application["id"], "REJECTED", "Data SIM tidak ditemukan di sistem Korlantas.")
    assert rejected["statusReason"] == "Data SIM tidak ditemukan di sistem Korlantas."
