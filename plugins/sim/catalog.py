"""``sim.perpanjangan``: renewing a driving licence at the Satpas of Polrestabes Surabaya.

The Satuan Penyelenggara Administrasi SIM (Satpas) of Polrestabes Surabaya (Satpas
Colombo) takes the applications; SIM data is national, so a SIM issued elsewhere in
Indonesia is renewed there too. The fee is the PNBP of PP 76/2020 for the class
renewed (:data:`plugins.sim.validation.RENEWAL_FEES`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.services import (
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
from plugins.sim.samples import sample_answers
from plugins.sim.validation import CLASS_LABELS, RENEWAL_FEES, SimClass, rupiah, validate_perpanjangan

AGENCY = "polrestabes-surabaya"


def _fee_table(language: str) -> str:
    groups: dict[int, list[str]] = {}
    for sim_class in SimClass:
        groups.setdefault(RENEWAL_FEES[sim_class], []).append(CLASS_LABELS[sim_class][0])
    joiner = " dan " if language == "id" else " and "
    parts = []
    for amount, labels in sorted(groups.items(), reverse=True):
        names = ", ".join(labels[:-1]) + joiner + labels[-1] if len(labels) > 1 else labels[0]
        parts.append(f"{names} {rupiah(amount)}")
    return "; ".join(parts)


LOWEST_FEE = min(RENEWAL_FEES.values())

FEE = Fee(
    amount=LOWEST_FEE,
    legal_basis="PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia",
    description_id=(
        f"PNBP perpanjangan SIM sesuai golongan (mulai {rupiah(LOWEST_FEE)}): {_fee_table('id')}. "
        "Dibayar ke kas negara melalui bank persepsi; biaya pemeriksaan kesehatan dan tes psikologi dibayar "
        "terpisah kepada penyelenggaranya."
    ),
    description_en=(
        f"PNBP for renewing a SIM by class (from {rupiah(LOWEST_FEE)}): {_fee_table('en')}. Paid to the state "
        "treasury through a collecting bank; the health check and psychological test are paid separately to "
        "whoever performs them."
    ),
)


def fee_for(answers: Mapping[str, Any]) -> Fee:
    """The fee of one application: the PNBP of PP 76/2020 for renewing the class it names."""
    sim_class = SimClass(str(answers["golongan_sim"]))
    label, drives_id, drives_en = CLASS_LABELS[sim_class]
    amount = rupiah(RENEWAL_FEES[sim_class])
    return Fee(
        amount=RENEWAL_FEES[sim_class],
        legal_basis=FEE.legal_basis,
        description_id=(
            f"PNBP perpanjangan {label} ({drives_id}): {amount}, dibayar ke kas negara melalui bank persepsi. "
            "Biaya pemeriksaan kesehatan dan tes psikologi dibayar terpisah kepada penyelenggaranya."
        ),
        description_en=(
            f"PNBP for renewing a {label} ({drives_en}): {amount}, paid to the state treasury through a "
            "collecting bank. The health check and psychological test are paid separately to whoever performs them."
        ),
    )


PERPANJANGAN = ServiceDefinition(
    code="sim.perpanjangan",
    name_id="Perpanjangan SIM",
    name_en="Driving licence (SIM) renewal",
    agency_code=AGENCY,
    description_id=(
        "Perpanjangan Surat Izin Mengemudi sebelum masa berlakunya habis, untuk semua golongan SIM perseorangan "
        "dan umum. SIM yang sudah habis masa berlakunya tidak dapat diperpanjang: pemiliknya mengajukan SIM baru "
        "dengan ujian teori dan praktik."
    ),
    description_en=(
        "Renewing a driving licence before it expires, for every personal and public SIM class. An expired SIM "
        "cannot be renewed: its holder applies for a new SIM with the theory and practical tests."
    ),
    time_limit_days=3,
    fee=FEE,
    product_id="SIM baru dengan masa berlaku lima tahun",
    product_en="A new SIM card valid for five years",
    complaint_channel=(
        "Fitur pengaduan CETTAR; Call Center Polri 110; aplikasi Dumas Presisi Polri; "
        "SP4N-LAPOR! (www.lapor.go.id, SMS 1708)"
    ),
    requirements=(
        Requirement("KTP-el pemohon", "The applicant's e-KTP"),
        Requirement("SIM lama yang masih berlaku", "The old SIM, still valid"),
        Requirement(
            "Surat keterangan kesehatan jasmani dari dokter",
            "A physical health certificate from a doctor",
        ),
        Requirement(
            "Surat keterangan lulus tes psikologi",
            "A certificate of passing the psychological test",
        ),
        Requirement(
            "SIM masih berlaku pada hari pengajuan (SIM yang sudah habis masa berlakunya diajukan sebagai SIM baru)",
            "The SIM is still valid on the day of the application (an expired SIM is applied for as a new SIM)",
            attachment=False,
        ),
    ),
    steps=(
        Step(
            "Pemohon mengisi formulir dan mengunggah KTP-el, SIM lama, surat keterangan sehat, dan surat lulus tes "
            "psikologi melalui CETTAR, atau datang ke Satpas",
            "The applicant fills in the form and uploads the e-KTP, old SIM, health certificate and psychological "
            "test certificate through CETTAR, or comes to the Satpas",
        ),
        Step(
            "Petugas Satpas memverifikasi data pada sistem SIM nasional Korlantas Polri",
            "A Satpas officer verifies the data in Korlantas Polri's national SIM system",
        ),
        Step(
            "Pemohon membayar PNBP sesuai golongan SIM melalui bank persepsi",
            "The applicant pays the PNBP for the SIM class through a collecting bank",
        ),
        Step(
            "Pengambilan foto, sidik jari, dan tanda tangan di Satpas, lalu SIM dicetak",
            "Photo, fingerprints and signature are taken at the Satpas, and the SIM is printed",
        ),
        Step(
            "SIM diambil di Satpas atau dikirim ke alamat pemohon",
            "The SIM is picked up at the Satpas or delivered to the applicant",
        ),
    ),
    form=(
        FormField(
            "nik",
            Datatype.STRING,
            "NIK pemegang SIM",
            "SIM holder's NIK",
            "NIK (16 angka) pemegang SIM.",
            "The SIM holder's 16-digit NIK.",
            format="nik",
            max_length=16,
        ),
        FormField(
            "golongan_sim",
            Datatype.SINGLEVALUELIST,
            "Golongan SIM",
            "SIM class",
            "Golongan SIM yang diperpanjang; menentukan PNBP (PP 76/2020).",
            "The class of the SIM renewed; it decides the PNBP fee (PP 76/2020).",
            choices=tuple(
                Choice(
                    sim_class.value,
                    f"{CLASS_LABELS[sim_class][0]}: {CLASS_LABELS[sim_class][1]} ({rupiah(RENEWAL_FEES[sim_class])})",
                    f"{CLASS_LABELS[sim_class][0]}: {CLASS_LABELS[sim_class][2]} ({rupiah(RENEWAL_FEES[sim_class])})",
                )
                for sim_class in SimClass
            ),
        ),
        FormField(
            "nomor_sim",
            Datatype.STRING,
            "Nomor SIM",
            "SIM number",
            "Nomor pada SIM lama: 12-14 angka, atau NIK pemegang (16 angka) pada SIM format baru sejak Juli 2024.",
            "The number on the old SIM: 12-14 digits, or the holder's NIK (16 digits) on new-format cards since "
            "July 2024.",
            max_length=24,
        ),
        FormField(
            "masa_berlaku_sim",
            Datatype.DATETIME,
            "SIM berlaku sampai",
            "SIM valid until",
            "Tanggal akhir masa berlaku SIM lama; harus belum lewat.",
            "The old SIM's expiry date; it must not have passed.",
            format="date",
        ),
        FormField(
            "tanggal_pemeriksaan_kesehatan",
            Datatype.DATETIME,
            "Tanggal pemeriksaan kesehatan",
            "Health check date",
            "Tanggal surat keterangan kesehatan jasmani.",
            "The date of the physical health certificate.",
            format="date",
        ),
        FormField(
            "tanggal_tes_psikologi",
            Datatype.DATETIME,
            "Tanggal tes psikologi",
            "Psychological test date",
            "Tanggal surat keterangan lulus tes psikologi.",
            "The date of the psychological test certificate.",
            format="date",
        ),
    ),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=(
        Component(
            "Dasar hukum",
            "Legal basis",
            "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan (Pasal 77-88); Peraturan Kepolisian Negara Republik "
            "Indonesia 5/2021 tentang Penerbitan dan Penandaan Surat Izin Mengemudi; PP 76/2020 tentang Jenis dan "
            "Tarif atas Jenis PNBP yang Berlaku pada Polri",
        ),
        Component(
            "Sarana dan prasarana",
            "Facilities",
            "Satpas Polrestabes Surabaya: loket, ruang tunggu, alat foto dan sidik jari, pencetak kartu SIM",
        ),
        Component(
            "Kompetensi pelaksana",
            "Staff competence",
            "Personel Satlantas bersertifikat penguji dan petugas administrasi SIM",
        ),
        Component(
            "Pengawasan internal",
            "Internal supervision",
            "Kasat Lantas Polrestabes Surabaya; Ditlantas Polda Jawa Timur; Propam",
        ),
    ),
    validate=validate_perpanjangan,
    fee_for=fee_for,
    sample_answers=sample_answers,
    keywords=("sim", "surat izin mengemudi", "driving licence", "perpanjangan", "satpas", "polisi"),
)

SERVICES: tuple[ServiceDefinition, ...] = (PERPANJANGAN,)
