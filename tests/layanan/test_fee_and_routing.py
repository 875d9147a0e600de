"""A service's own fee and routing rules (``fee_for``, ``agency_for``) through GraphQL: in the catalog, at
submission, at resubmission, and when a rule names an agency that does not exist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from sqlalchemy import func, select

from core.auth import Role
from core.notifications import NotificationRow
from core.plugins import PluginMeta, hookimpl
from core.regions.models import Agency
from core.services import Choice, Datatype, Fee, FormField, ServiceDefinition, Step
from plugins.layanan.models import Application
from tests.layanan.support import PDF, submit_multipart

RATES = {"BIASA": 100_000, "KILAT": 250_000}
LEGAL_BASIS = "PP 28/2019 (uji)"


def _fee(answers: Mapping[str, Any]) -> Fee:
    kind = answers["layanan"]
    return Fee(RATES[kind], LEGAL_BASIS, f"Tarif {kind.lower()} (uji)", f"The {kind.lower()} rate (test)")


def _office(answers: Mapping[str, Any], region_code: str | None) -> str | None:
    """An office chosen in the form wins; else Malang Raya goes to Malang; else the default (None)."""
    chosen = answers.get("kantor")
    if chosen == "ATLANTIS":
        return "imigrasi-atlantis"  # no such agency
    if chosen == "MALANG":
        return "imigrasi-malang"
    if region_code and region_code[:5] in ("35.07", "35.73", "35.79"):
        return "imigrasi-malang"
    return None


SURAT = ServiceDefinition(
    code="rute.surat",
    name_id="Surat perjalanan (uji)",
    name_en="Travel document (test)",
    agency_code="imigrasi-surabaya",
    description_id="Biaya menurut jenis layanan; kantor menurut wilayah.",
    description_en="The fee by kind of service; the office by region.",
    time_limit_days=4,
    fee=Fee(RATES["BIASA"], LEGAL_BASIS, "Mulai Rp100.000 (uji)", "From Rp100,000 (test)"),
    product_id="Surat perjalanan",
    product_en="Travel document",
    complaint_channel="SP4N-LAPOR!",
    requirements=(),
    steps=(Step("Ajukan", "Apply"),),
    form=(
        FormField("desa", Datatype.STRING, "Desa/kelurahan", "Desa/kelurahan", format="desa"),
        FormField(
            "layanan",
            Datatype.SINGLEVALUELIST,
            "Jenis layanan",
            "Kind of service",
            choices=(Choice("BIASA", "Biasa", "Ordinary"), Choice("KILAT", "Kilat", "Express")),
        ),
        FormField(
            "kantor",
            Datatype.SINGLEVALUELIST,
            "Kantor pilihan",
            "Preferred office",
            required=False,
            choices=(
                Choice("MALANG", "Malang", "Malang"),
                Choice("ATLANTIS", "Atlantis", "Atlantis"),
            ),
        ),
    ),
    region_field="desa",
    fee_for=_fee,
    agency_for=_office,
)


def _referral(answers: Mapping[str, Any], region_code: str | None) -> str | None:
    return "dinkes-jatim" if answers["rujukan"] == "PROVINSI" else None


RUJUKAN = ServiceDefinition(
    code="rute.rujukan",
    name_id="Rujukan (uji)",
    name_en="Referral (test)",
    agency_code="dinkes-{regency}",
    description_id="Dinkes kabupaten/kota, atau Dinkes provinsi untuk rujukan provinsi.",
    description_en="The kab/kota health office, or the province's for a provincial referral.",
    time_limit_days=2,
    fee=Fee(0, "Gratis (uji)"),
    product_id="Surat rujukan",
    product_en="Referral letter",
    complaint_channel="SP4N-LAPOR!",
    requirements=(),
    steps=(Step("Ajukan", "Apply"),),
    form=(
        FormField(
            "rujukan",
            Datatype.SINGLEVALUELIST,
            "Tingkat rujukan",
            "Referral level",
            choices=(Choice("KABUPATEN", "Kabupaten/kota", "Kab/kota"), Choice("PROVINSI", "Provinsi", "Province")),
        ),
    ),
    agency_for=_referral,  # needs an answer: in the catalog (no answers yet) the default rule speaks
    sample_answers=lambda today, applicant: {"rujukan": "KABUPATEN"},
)


class UjiRute:
    """Services with their own fee and routing rules, for these tests only."""

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="rute", version="0.0.1", title="Layanan uji rute (tests only)")

    @hookimpl
    def cettar_services(self) -> list[ServiceDefinition]:
        return [SURAT, RUJUKAN]


pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "layanan", "rute"], extra_plugins=[UjiRute])

CATALOG = """
query {
  services(first: 10) { nodes {
    code standard { feeVaries fee { amount legalBasis } }
    agency { code }
    surabaya: offeredBy(regionCode: "35.78") { code }
    malang: offeredBy(regionCode: "35.73.05.1002") { code }
    batu: offeredBy(regionCode: "35.79") { code }
  } }
}
"""
FIELDS = "id status fee feeDetails { amount free legalBasis descriptionId descriptionEn } agency { code } revisionCount"
SUBMIT = (
    f"mutation($input: SubmitApplicationInput!) {{ submitApplication(input: $input) {{ application {{ {FIELDS} }} }} }}"
)
TRANSITION = f"mutation($input: TransitionApplicationInput!) {{ transitionApplication(input: $input) {{ application {{ {FIELDS} }} }} }}"
RESUBMIT = f"mutation($input: ResubmitApplicationInput!) {{ resubmitApplication(input: $input) {{ application {{ {FIELDS} }} }} }}"
ONE = f"query($n: ID!) {{ node(id: $n) {{ ... on Application {{ {FIELDS} }} }} }}"
MALANG_DESA = "35.73.05.1002"
SURABAYA_DESA = "35.78.01.1001"


async def _submit(client, service: str, answers: dict[str, Any]):
    return await submit_multipart(
        client,
        {"input": {"serviceCode": service, "answers": answers}},
        [("a.pdf", PDF, "application/pdf")],
        query=SUBMIT,
    )


async def _applications(runtime) -> int:
    async with runtime.database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Application)) or 0)


async def test_the_catalog_hints_a_varying_fee_and_routes_by_region(gql):
    nodes = {n["code"]: n for n in (await gql.execute(CATALOG))["services"]["nodes"]}
    surat, rujukan = nodes["rute.surat"], nodes["rute.rujukan"]
    assert surat["standard"] == {"feeVaries": True, "fee": {"amount": 100_000, "legalBasis": LEGAL_BASIS}}
    assert rujukan["standard"]["feeVaries"] is False
    assert surat["agency"] == {"code": "imigrasi-surabaya"}  # the owning agency as registered
    assert surat["surabaya"] == {"code": "imigrasi-surabaya"}  # the rule says "default"
    assert surat["malang"] == surat["batu"] == {"code": "imigrasi-malang"}  # the rule routes Malang Raya
    # A rule that needs answers cannot speak before there are any: the {regency} pattern does.
    assert rujukan["surabaya"] == {"code": "dinkes-3578"} and rujukan["batu"] == {"code": "dinkes-3579"}


async def test_the_fee_of_the_answers_is_recorded_and_shown(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    response = await _submit(budi, "rute.surat", {"desa": SURABAYA_DESA, "layanan": "KILAT"})
    assert not response.errors, response.errors
    application = response.data["submitApplication"]["application"]
    assert application["fee"] == 250_000
    assert application["feeDetails"] == {
        "amount": 250_000,
        "free": False,
        "legalBasis": LEGAL_BASIS,
        "descriptionId": "Tarif kilat (uji)",
        "descriptionEn": "The kilat rate (test)",
    }
    assert application["agency"] == {"code": "imigrasi-surabaya"}
    async with cettar_runtime.database.session() as session:
        bodies = list((await session.execute(select(NotificationRow.body_id, NotificationRow.body_en))).all())
    assert any("Biaya: Rp250.000." in body_id and "Fee: Rp250.000." in body_en for body_id, body_en in bodies)


async def test_the_agency_rule_routes_by_region_and_by_answers_before_the_default(gql):
    budi = await gql.login("warga.budi")
    by_region = await _submit(budi, "rute.surat", {"desa": MALANG_DESA, "layanan": "BIASA"})
    assert by_region.data["submitApplication"]["application"]["agency"] == {"code": "imigrasi-malang"}
    assert by_region.data["submitApplication"]["application"]["fee"] == 100_000
    by_answer = await _submit(budi, "rute.surat", {"desa": SURABAYA_DESA, "layanan": "BIASA", "kantor": "MALANG"})
    assert by_answer.data["submitApplication"]["application"]["agency"] == {"code": "imigrasi-malang"}
    # The rule comes before the {regency} pattern: a provincial referral skips the kab/kota's Dinkes.
    provincial = await _submit(budi, "rute.rujukan", {"rujukan": "PROVINSI"})
    assert provincial.data["submitApplication"]["application"]["agency"] == {"code": "dinkes-jatim"}
    local = await _submit(budi, "rute.rujukan", {"rujukan": "KABUPATEN"})
    assert local.data["submitApplication"]["application"]["agency"] == {"code": "dinkes-3578"}
    # Budi's Surabaya officer does not see what went to Malang; nobody at Surabaya's Dispendukcapil does either.
    officer = await gql.login("petugas.surabaya")
    hidden = await officer.execute(ONE, {"n": by_region.data["submitApplication"]["application"]["id"]})
    assert hidden["node"] is None


async def test_a_rule_naming_no_agency_refuses_the_application_and_writes_nothing(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    before = await _applications(cettar_runtime)
    response = await _submit(budi, "rute.surat", {"desa": SURABAYA_DESA, "layanan": "BIASA", "kantor": "ATLANTIS"})
    assert response.codes == ["SERVICE_NOT_OFFERED"]
    assert response.errors[0]["extensions"]["field"] == "input.answers.desa"
    assert await _applications(cettar_runtime) == before


async def test_a_resubmission_with_other_answers_charges_their_fee(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    created = await _submit(budi, "rute.surat", {"desa": SURABAYA_DESA, "layanan": "KILAT"})
    application = created.data["submitApplication"]["application"]
    async with cettar_runtime.database.session() as session:
        agency_id = await session.scalar(select(Agency.id).where(Agency.code == "imigrasi-surabaya"))
    officer = gql.as_role(Role.OFFICER, agency_id=agency_id, permissions=frozenset({"layanan.process"}))
    returned = await officer.execute(
        TRANSITION,
        {"input": {"applicationId": application["id"], "status": "NEEDS_REVISION", "reason": "Pilih layanan biasa"}},
    )
    assert returned["transitionApplication"]["application"]["status"] == "NEEDS_REVISION"
    again = (
        await submit_multipart(  # with a corrected file too
            budi,
            {"input": {"applicationId": application["id"], "answers": {"desa": SURABAYA_DESA, "layanan": "BIASA"}}},
            [("b.pdf", PDF, "application/pdf")],
            query=RESUBMIT,
        )
    ).data
    resubmitted = again["resubmitApplication"]["application"]
    assert resubmitted["status"] == "SUBMITTED" and resubmitted["revisionCount"] == 1
    assert resubmitted["fee"] == 100_000 and resubmitted["feeDetails"]["descriptionEn"] == "The biasa rate (test)"
    assert resubmitted["agency"] == {"code": "imigrasi-surabaya"}  # it stays with the office that returned it
