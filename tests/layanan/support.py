"""What the layanan tests share: a test-only plugin offering services, GraphQL documents, helpers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from core.errors import CettarError
from core.plugins import PluginMeta, hookimpl
from core.services import (
    Applicant,
    Channel,
    Choice,
    Component,
    Datatype,
    Delivery,
    Fee,
    FormField,
    Requirement,
    ServiceDefinition,
    Step,
)
from core.testkit.client import GraphQLClient, GraphQLResponse
from plugins.layanan.models import Application, Attachment, HomeDelivery, TimelineEntry

#: The smallest file `filetype` recognises as a PDF (its content, not its name, decides).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17


def _check_members(answers: Mapping[str, Any]) -> Mapping[str, Any]:
    """What only the service knows: a family has 1 to 20 members."""
    if not 1 <= answers["jumlah_anggota"] <= 20:
        raise CettarError(
            "ANSWER_INVALID",
            field="input.answers.jumlah_anggota",
            label_id="Jumlah anggota keluarga",
            label_en="Number of family members",
            reason_id="antara 1 dan 20",
            reason_en="between 1 and 20",
        )
    if "keterangan" in answers:  # the service normalises what it stores
        return {**answers, "keterangan": answers["keterangan"].upper()}
    return answers


def _kk_sample(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """What the family would send: the applicant's own NIK, a change of data ten days ago."""
    return {
        "nik_pemohon": applicant.nik,
        "nomor_kk": applicant.nik[:6] + "0101100007",
        "alasan": "PERUBAHAN",
        "jumlah_anggota": 3,
        "tanggal_kejadian": (today - timedelta(days=10)).isoformat(),
        "keterangan": "Data contoh layanan uji",
    }


KK = ServiceDefinition(
    code="uji.kk",
    name_id="Penerbitan Kartu Keluarga (uji)",
    name_en="Family card issuance (test)",
    agency_code="dispendukcapil-{regency}",
    description_id="Kartu Keluarga baru, perubahan data, atau pengganti yang hilang.",
    description_en="A new family card, a change of data, or a replacement for a lost one.",
    time_limit_days=3,
    fee=Fee(0, "UU 24/2013 Pasal 79A", "Tidak dipungut biaya.", "Free of charge."),
    product_id="Kartu Keluarga",
    product_en="Family card (Kartu Keluarga)",
    complaint_channel="SP4N-LAPOR! dan loket pengaduan Dispendukcapil",
    requirements=(
        Requirement("Kartu Keluarga lama", "The old family card"),
        Requirement("Surat keterangan hilang dari kepolisian", "Police report of loss", required=False),
        Requirement("Hadir sendiri atau dengan kuasa", "In person or by proxy", attachment=False),
    ),
    steps=(
        Step("Pemohon mengisi formulir dan mengunggah dokumen", "The applicant fills the form and uploads documents"),
        Step("Petugas memverifikasi", "An officer verifies"),
        Step("Kartu Keluarga dicetak dan ditandatangani elektronik", "The card is printed and signed electronically"),
    ),
    form=(
        FormField("nik_pemohon", Datatype.STRING, "NIK pemohon", "Applicant's NIK", format="nik"),
        FormField("nomor_kk", Datatype.STRING, "Nomor KK", "Family card number", format="kk"),
        FormField(
            "alasan",
            Datatype.SINGLEVALUELIST,
            "Alasan permohonan",
            "Reason",
            choices=(
                Choice("BARU", "Baru", "New"),
                Choice("PERUBAHAN", "Perubahan data", "Change of data"),
                Choice("HILANG", "Hilang atau rusak", "Lost or damaged"),
            ),
        ),
        FormField("jumlah_anggota", Datatype.NUMBER, "Jumlah anggota keluarga", "Number of family members"),
        FormField("tanggal_kejadian", Datatype.DATETIME, "Tanggal perubahan", "Date of the change", required=False),
        FormField("kode_pos", Datatype.STRING, "Kode pos", "Postal code", required=False, pattern=r"[0-9]{5}"),
        FormField("keterangan", Datatype.TEXT, "Keterangan", "Remarks", required=False, max_length=200),
    ),
    channels=(Channel.APP, Channel.WEB, Channel.COUNTER),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=(Component("Dasar hukum", "Legal basis", "UU 24/2013; Perpres 96/2018"),),
    validate=_check_members,
    sample_answers=_kk_sample,
    keywords=("kk", "kartu keluarga", "adminduk"),
)

DOMISILI = ServiceDefinition(
    code="uji.domisili",
    name_id="Surat Keterangan Domisili (uji)",
    name_en="Certificate of domicile (test)",
    agency_code="dispendukcapil-{regency}",
    description_id="Keterangan tempat tinggal untuk keperluan administrasi.",
    description_en="A statement of residence for administrative purposes.",
    time_limit_days=1,
    fee=Fee(0, "Perda (uji)"),
    product_id="Surat keterangan domisili",
    product_en="Certificate of domicile",
    complaint_channel="SP4N-LAPOR!",
    requirements=(Requirement("KTP-el", "Electronic ID card", attachment=False),),
    steps=(Step("Ajukan", "Apply"), Step("Terbitkan", "Issue")),
    form=(
        FormField(
            "desa", Datatype.STRING, "Desa/kelurahan tempat tinggal", "Desa/kelurahan of residence", format="desa"
        ),
        FormField(
            "keperluan",
            Datatype.MULTIVALUELIST,
            "Keperluan",
            "Purpose",
            choices=(Choice("SEKOLAH", "Sekolah", "School"), Choice("BANK", "Bank", "Bank")),
        ),
    ),
    region_field="desa",
)

PAJAK = ServiceDefinition(
    code="uji.pajak",
    name_id="Pembayaran pajak kendaraan (uji)",
    name_en="Vehicle tax payment (test)",
    agency_code="bapenda-jatim",
    description_id="Pajak kendaraan bermotor tahunan.",
    description_en="Annual motor vehicle tax.",
    time_limit_days=2,
    fee=Fee(50_000, "Perda Jatim 9/2023", "Sesuai nilai jual kendaraan.", "By the vehicle's value."),
    product_id="Bukti bayar",
    product_en="Receipt",
    complaint_channel="Bapenda Jatim",
    requirements=(),
    steps=(Step("Bayar", "Pay"),),
    form=(
        FormField(
            "nomor_polisi", Datatype.STRING, "Nomor polisi", "Plate", pattern=r"[A-Z]{1,2} [0-9]{1,4} [A-Z]{0,3}"
        ),
    ),
    channels=(Channel.APP, Channel.COUNTER),
)

LOKET = ServiceDefinition(
    code="uji.loket",
    name_id="Legalisasi dokumen (uji)",
    name_en="Document legalisation (test)",
    agency_code="dispendukcapil-{regency}",
    description_id="Hanya di loket.",
    description_en="Counter only.",
    time_limit_days=1,
    fee=Fee(0, "-"),
    product_id="Dokumen terlegalisasi",
    product_en="Legalised document",
    complaint_channel="Loket",
    requirements=(),
    steps=(),
    form=(),
    channels=(Channel.COUNTER,),
)


class UjiLayanan:
    """A service family used only by these tests (the real families come from other plugins)."""

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="uji", version="0.0.1", title="Layanan uji (tests only)")

    @hookimpl
    def cettar_services(self) -> list[ServiceDefinition]:
        return [KK, DOMISILI, PAJAK, LOKET]


PLUGINS = ["akun", "wilayah", "layanan", "uji"]
MARK = pytest.mark.cettar(plugins=PLUGINS, extra_plugins=[UjiLayanan])


def kk_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nik_pemohon": "3578011203850001",
        "nomor_kk": "3578010101100007",
        "alasan": "PERUBAHAN",
        "jumlah_anggota": 4,
        "tanggal_kejadian": "2026-05-02",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


APPLICATION_FIELDS = """
  id trackingNumber status dueDate submittedAt deliveryMethod serviceCode revisionCount
  overdue workingDaysLeft statusReason answers applicantName applicantNik assignedOfficerName nextStatuses
  service { code nameId }
  agency { code name }
  attachments { id filename contentType size sha256 round }
  delivery { status recipientName phone street regionCode regionName courier courierTrackingNumber receivedBy }
  timeline { kind fromStatus toStatus actorRole actorName text at }
"""

SUBMIT = f"""
mutation Submit($input: SubmitApplicationInput!) {{
  submitApplication(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""

TRANSITION = f"""
mutation Move($input: TransitionApplicationInput!) {{
  transitionApplication(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""

TRACK = """
query Track($n: String!) {
  trackApplication(trackingNumber: $n) {
    trackingNumber status dueDate overdue deliveryMethod courierStatus
    service { code } agency { code } timeline { status at }
  }
}
"""


async def submit_multipart(
    client: GraphQLClient,
    variables: dict[str, Any],
    files: list[tuple[str, bytes, str]],
    *,
    query: str = SUBMIT,
    path: str = "input.attachments",
) -> GraphQLResponse:
    """A GraphQL multipart request (operations + map + files), as a browser or app sends it; without files a
    plain JSON request."""
    if not files:
        return await client.query(query, variables)
    target = variables
    for part in path.split(".")[:-1]:
        target = target[part]
    target[path.split(".")[-1]] = [None] * len(files)
    operations = json.dumps({"query": query, "variables": variables})
    mapping = json.dumps({str(i): [f"variables.{path}.{i}"] for i in range(len(files))})
    parts = {str(i): (name, data, declared) for i, (name, data, declared) in enumerate(files)}
    async with client.http() as http:
        response = await http.post("/graphql", data={"operations": operations, "map": mapping}, files=parts)
    body = response.json()
    return GraphQLResponse(response.status_code, body, response.headers)


async def submit(
    client: GraphQLClient, input: dict[str, Any], files: list[tuple[str, bytes, str]] | None = None
) -> dict[str, Any]:
    """Submit (with files as multipart); the application, failing the test on errors."""
    response = await submit_multipart(
        client, {"input": input}, files if files is not None else [("kk.pdf", PDF, "application/pdf")]
    )
    assert not response.errors, response.errors
    return response.data["submitApplication"]["application"]


async def counts(runtime: Any) -> dict[str, int]:
    """How many rows each layanan table holds."""
    found = {}
    async with runtime.database.session() as session:
        for model in (Application, TimelineEntry, Attachment, HomeDelivery):
            found[model.__tablename__] = int(await session.scalar(select(func.count()).select_from(model)) or 0)
    return found


def stored_files(runtime: Any) -> list[Path]:
    root = Path(runtime.settings.storage_dir)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
