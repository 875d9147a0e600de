"""Ordinary passports (paspor biasa) at the Kantor Imigrasi Kelas I Khusus TPI Surabaya and, for Malang
Raya, the Kantor Imigrasi Kelas I TPI Malang.

Two services: ``paspor.baru`` (a first passport) and ``paspor.penggantian`` (a new
passport replacing an old one). The applicant books the interview (a working day
within five working days); the passport is ready four working days after it, so the
time limit counted from the application is nine working days. The fee is that of the
passport kind applied for (:func:`fee_for`); the office that of the region (:func:`agency_for`).
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
from plugins.paspor import samples
from plugins.paspor import validation as v

AGENCY = "imigrasi-surabaya"
TIME_LIMIT = v.INTERVIEW_WINDOW_WORKING_DAYS + v.DAYS_AFTER_INTERVIEW


def rupiah(amount: int) -> str:
    return f"Rp{amount:,}".replace(",", ".")


ORDINARY = v.PASSPORT_FEES[v.PassportKind.BIASA_48]
ELECTRONIC = v.PASSPORT_FEES[v.PassportKind.ELEKTRONIK_48]

FEE = Fee(
    amount=ORDINARY,
    legal_basis=(
        "PP tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian Hukum dan HAM (PP 28/2019): "
        "tarif paspor biasa 48 halaman yang telah lama berlaku"
    ),
    description_id=(
        f"PNBP per paspor: {rupiah(ORDINARY)} paspor biasa (non-elektronik) 48 halaman, {rupiah(ELECTRONIC)} "
        "paspor elektronik 48 halaman, dibayar dengan kode billing setelah wawancara. Beban biaya paspor hilang "
        "atau rusak dan layanan percepatan dikenakan terpisah sesuai peraturan yang sama."
    ),
    description_en=(
        f"PNBP per passport: {rupiah(ORDINARY)} for an ordinary (non-electronic) 48-page passport, "
        f"{rupiah(ELECTRONIC)} for an electronic 48-page passport, paid with a billing code after the interview. "
        "Charges for a lost or damaged passport and the express service are separate, under the same regulation."
    ),
)

#: Kinds as an application's fee names them.
KIND_NAMES: dict[v.PassportKind, tuple[str, str]] = {
    v.PassportKind.BIASA_48: ("paspor biasa non-elektronik 48 halaman", "ordinary non-electronic 48-page passport"),
    v.PassportKind.ELEKTRONIK_48: ("paspor elektronik 48 halaman", "electronic 48-page passport"),
}


def fee_for(answers: Mapping[str, Any]) -> Fee:
    """The fee of one application: the PNBP of the passport kind applied for."""
    kind = v.PassportKind(str(answers["jenis_paspor"]))
    name_id, name_en = KIND_NAMES[kind]
    amount = rupiah(v.PASSPORT_FEES[kind])
    return Fee(
        amount=v.PASSPORT_FEES[kind],
        legal_basis=FEE.legal_basis,
        description_id=f"PNBP {name_id}: {amount}, dibayar dengan kode billing setelah wawancara.",
        description_en=f"PNBP for an {name_en}: {amount}, paid with a billing code after the interview.",
    )


#: The Kantor Imigrasi Kelas I TPI Malang serves Malang Raya: Kabupaten Malang, Kota Malang, Kota Batu.
MALANG_OFFICE = "imigrasi-malang"
MALANG_RAYA = frozenset({"35.07", "35.73", "35.79"})


def agency_for(answers: Mapping[str, Any], region_code: str | None) -> str | None:
    """The immigration office for the application's region: Malang for Malang Raya, Surabaya for the rest."""
    if region_code is None:
        return None
    regency = ".".join(region_code.strip().split(".")[:2])
    return MALANG_OFFICE if regency in MALANG_RAYA else AGENCY


COMPLAINTS = (
    "Fitur pengaduan CETTAR; SP4N-LAPOR! (www.lapor.go.id, SMS 1708); "
    "unit layanan pengaduan Kantor Imigrasi Kelas I Khusus TPI Surabaya"
)

COMPONENTS = (
    Component(
        "Dasar hukum",
        "Legal basis",
        "UU 6/2011 tentang Keimigrasian; PP 31/2013 tentang Peraturan Pelaksanaan UU 6/2011 beserta perubahannya; "
        "Permenkumham 8/2014 tentang Paspor Biasa dan Surat Perjalanan Laksana Paspor beserta perubahannya "
        "(Permenkumham 18/2022: masa berlaku 10 tahun); PP 28/2019 tentang Jenis dan Tarif PNBP Kementerian "
        "Hukum dan HAM",
    ),
    Component(
        "Sarana dan prasarana",
        "Facilities",
        "Loket dan ruang wawancara, perangkat biometrik (foto dan sidik jari), pencetak paspor",
    ),
    Component(
        "Kompetensi pelaksana",
        "Staff competence",
        "Pejabat imigrasi terlatih pemeriksaan dokumen, wawancara, dan adjudikasi paspor",
    ),
    Component(
        "Pengawasan internal",
        "Internal supervision",
        "Kepala Seksi Lalu Lintas Keimigrasian; Kepala Kantor Imigrasi; Inspektorat Jenderal",
    ),
)

STEPS = (
    Step(
        "Pemohon mengisi formulir, mengunggah dokumen, dan memilih jadwal wawancara melalui CETTAR",
        "The applicant fills in the form, uploads the documents and books the interview through CETTAR",
    ),
    Step(
        "Petugas imigrasi memeriksa kelengkapan dokumen dan mengonfirmasi jadwal wawancara",
        "An immigration officer checks the documents and confirms the interview",
    ),
    Step(
        "Pemohon datang membawa dokumen asli: wawancara, foto, dan sidik jari",
        "The applicant comes with the original documents: interview, photo and fingerprints",
    ),
    Step(
        "Pemohon membayar PNBP dengan kode billing",
        "The applicant pays the PNBP with the billing code",
    ),
    Step(
        f"Adjudikasi dan pencetakan paspor, paling lambat {v.DAYS_AFTER_INTERVIEW} hari kerja setelah wawancara",
        f"Adjudication and printing, at most {v.DAYS_AFTER_INTERVIEW} working days after the interview",
    ),
    Step(
        "Paspor diambil di Kantor Imigrasi dengan bukti pembayaran, atau dikirim ke alamat pemohon",
        "The passport is picked up at the office with the payment receipt, or delivered to the applicant",
    ),
)

COMMON_REQUIREMENTS = (
    Requirement("KTP-el", "e-KTP"),
    Requirement("Kartu Keluarga", "Family card"),
    Requirement(
        "Akta kelahiran, ijazah, buku nikah/akta perkawinan, atau surat baptis yang memuat nama, tempat dan tanggal "
        "lahir, dan nama orang tua",
        "Birth certificate, diploma, marriage book/certificate or baptism certificate stating the name, place and "
        "date of birth and the parents' names",
    ),
    Requirement(
        "Surat penetapan ganti nama dari pejabat berwenang (bila nama pernah diganti)",
        "The official name change decision (if the name was changed)",
        required=False,
    ),
    Requirement(
        "Bagi anak di bawah 17 tahun: KTP-el, KK dan paspor orang tua, serta kehadiran ayah atau ibu saat wawancara",
        "For a child under 17: the parents' e-KTP, family card and passports, and a parent at the interview",
        required=False,
    ),
    Requirement(
        "Rekomendasi paspor dari dinas ketenagakerjaan atau BP3MI (calon Pekerja Migran Indonesia)",
        "The passport recommendation of the manpower office or BP3MI (prospective migrant workers)",
        required=False,
    ),
)


def _nik(
    code: str, name_id: str, name_en: str, description_id: str, description_en: str, *, required: bool
) -> FormField:
    return FormField(
        code,
        Datatype.STRING,
        name_id,
        name_en,
        description_id,
        description_en,
        required=required,
        format="nik",
        max_length=16,
    )


COMMON_FORM = (
    _nik(
        "nik",
        "NIK pemohon",
        "Applicant's NIK",
        "NIK (16 angka) orang yang akan memegang paspor.",
        "The 16-digit NIK of the passport's holder.",
        required=True,
    ),
    FormField(
        "jenis_paspor",
        Datatype.SINGLEVALUELIST,
        "Jenis paspor",
        "Passport kind",
        "Paspor biasa 48 halaman tanpa atau dengan cip; menentukan PNBP.",
        "An ordinary 48-page passport without or with a chip; it decides the PNBP fee.",
        choices=(
            Choice(
                v.PassportKind.BIASA_48,
                f"Paspor biasa non-elektronik 48 halaman ({rupiah(ORDINARY)})",
                f"Ordinary non-electronic passport, 48 pages ({rupiah(ORDINARY)})",
            ),
            Choice(
                v.PassportKind.ELEKTRONIK_48,
                f"Paspor elektronik 48 halaman ({rupiah(ELECTRONIC)})",
                f"Electronic passport, 48 pages ({rupiah(ELECTRONIC)})",
            ),
        ),
    ),
    FormField(
        "tujuan",
        Datatype.SINGLEVALUELIST,
        "Tujuan perjalanan",
        "Purpose of travel",
        choices=(
            Choice(v.Purpose.WISATA, "Wisata", "Tourism"),
            Choice(v.Purpose.IBADAH, "Ibadah (umrah, haji, ziarah)", "Pilgrimage (umrah, hajj, other)"),
            Choice(v.Purpose.BELAJAR, "Belajar", "Study"),
            Choice(v.Purpose.KUNJUNGAN_KELUARGA, "Kunjungan keluarga", "Visiting family"),
            Choice(v.Purpose.BISNIS, "Bisnis", "Business"),
            Choice(v.Purpose.BEKERJA, "Bekerja (Pekerja Migran Indonesia)", "Work (Indonesian migrant worker)"),
        ),
    ),
    FormField(
        "nomor_rekomendasi",
        Datatype.STRING,
        "Nomor rekomendasi paspor PMI",
        "Migrant worker recommendation number",
        "Nomor surat rekomendasi dari dinas ketenagakerjaan atau BP3MI; wajib untuk bekerja di luar negeri.",
        "The number of the recommendation of the manpower office or BP3MI; required to work abroad.",
        required=False,
        max_length=64,
    ),
    _nik(
        "nik_orang_tua",
        "NIK ayah atau ibu",
        "Father's or mother's NIK",
        "Wajib bila pemohon belum berusia 17 tahun; orang tua itu hadir saat wawancara.",
        "Required when the applicant is under 17; that parent comes to the interview.",
        required=False,
    ),
    FormField(
        "tanggal_wawancara",
        Datatype.DATETIME,
        "Jadwal wawancara",
        "Interview date",
        f"Hari kerja mulai hari kerja berikutnya sampai {v.INTERVIEW_WINDOW_WORKING_DAYS} hari kerja ke depan.",
        f"A working day from the next working day to {v.INTERVIEW_WINDOW_WORKING_DAYS} working days ahead.",
        format="date",
    ),
)

BARU = ServiceDefinition(
    code="paspor.baru",
    name_id="Paspor biasa baru",
    name_en="New ordinary passport",
    agency_code=AGENCY,
    description_id=(
        "Penerbitan paspor biasa 48 halaman (non-elektronik atau elektronik) bagi WNI yang belum pernah memiliki "
        f"paspor. Paspor selesai {v.DAYS_AFTER_INTERVIEW} hari kerja setelah wawancara."
    ),
    description_en=(
        "A 48-page ordinary passport (non-electronic or electronic) for Indonesian citizens who never had one. "
        f"It is ready {v.DAYS_AFTER_INTERVIEW} working days after the interview."
    ),
    time_limit_days=TIME_LIMIT,
    fee=FEE,
    product_id="Paspor biasa 48 halaman, berlaku 10 tahun (5 tahun bagi anak)",
    product_en="A 48-page ordinary passport valid for 10 years (5 years for children)",
    complaint_channel=COMPLAINTS,
    requirements=COMMON_REQUIREMENTS,
    steps=STEPS,
    form=(
        *COMMON_FORM,
        FormField(
            "dokumen_identitas",
            Datatype.SINGLEVALUELIST,
            "Dokumen pendukung identitas",
            "Supporting identity document",
            "Dokumen yang memuat nama, tempat dan tanggal lahir, dan nama orang tua.",
            "The document stating the name, place and date of birth and the parents' names.",
            choices=(
                Choice(v.IdentityDocument.AKTA_KELAHIRAN, "Akta kelahiran", "Birth certificate"),
                Choice(v.IdentityDocument.IJAZAH, "Ijazah", "Diploma"),
                Choice(v.IdentityDocument.BUKU_NIKAH, "Buku nikah/akta perkawinan", "Marriage book/certificate"),
                Choice(v.IdentityDocument.SURAT_BAPTIS, "Surat baptis", "Baptism certificate"),
            ),
        ),
    ),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=COMPONENTS,
    validate=v.validate_baru,
    fee_for=fee_for,
    agency_for=agency_for,
    sample_answers=samples.first_passport,
    keywords=("paspor", "passport", "imigrasi", "immigration", "umrah"),
)

PENGGANTIAN = ServiceDefinition(
    code="paspor.penggantian",
    name_id="Penggantian paspor biasa",
    name_en="Replacement ordinary passport",
    agency_code=AGENCY,
    description_id=(
        "Penerbitan paspor biasa 48 halaman baru untuk mengganti paspor yang habis masa berlakunya, halamannya "
        "penuh, hilang, rusak, atau datanya berubah. Paspor hilang atau rusak diperiksa lebih dahulu (berita acara "
        f"pemeriksaan). Paspor selesai {v.DAYS_AFTER_INTERVIEW} hari kerja setelah wawancara."
    ),
    description_en=(
        "A new 48-page ordinary passport replacing one that expired, is full, was lost or damaged, or whose data "
        "changed. A lost or damaged passport is examined first (an examination report). It is ready "
        f"{v.DAYS_AFTER_INTERVIEW} working days after the interview."
    ),
    time_limit_days=TIME_LIMIT,
    fee=FEE,
    product_id="Paspor biasa 48 halaman pengganti, berlaku 10 tahun (5 tahun bagi anak)",
    product_en="A replacement 48-page ordinary passport valid for 10 years (5 years for children)",
    complaint_channel=COMPLAINTS,
    requirements=(
        *COMMON_REQUIREMENTS,
        Requirement("Paspor lama (kecuali hilang)", "The old passport (unless lost)", required=False),
        Requirement(
            "Surat keterangan kehilangan dari Kepolisian (paspor hilang)",
            "Police loss report (lost passport)",
            required=False,
        ),
    ),
    steps=STEPS,
    form=(
        *COMMON_FORM,
        FormField(
            "alasan_penggantian",
            Datatype.SINGLEVALUELIST,
            "Alasan penggantian",
            "Reason for the replacement",
            choices=(
                Choice(
                    v.ReplacementReason.HABIS_BERLAKU, "Habis atau hampir habis masa berlaku", "Expired or expiring"
                ),
                Choice(v.ReplacementReason.HALAMAN_PENUH, "Halaman penuh", "Pages full"),
                Choice(v.ReplacementReason.HILANG, "Hilang", "Lost"),
                Choice(v.ReplacementReason.RUSAK, "Rusak", "Damaged"),
                Choice(v.ReplacementReason.PERUBAHAN_DATA, "Perubahan data", "Changed data"),
            ),
        ),
        FormField(
            "nomor_paspor_lama",
            Datatype.STRING,
            "Nomor paspor lama",
            "Old passport number",
            "1-2 huruf diikuti 6-7 angka, seperti di halaman data paspor; wajib kecuali paspor hilang.",
            "1-2 letters followed by 6-7 digits, as on the data page; required unless the passport was lost.",
            required=False,
            max_length=12,
        ),
        FormField(
            "masa_berlaku_paspor_lama",
            Datatype.DATETIME,
            "Paspor lama berlaku sampai",
            "Old passport valid until",
            required=False,
            format="date",
        ),
        FormField(
            "nomor_surat_kehilangan",
            Datatype.STRING,
            "Nomor surat keterangan kehilangan",
            "Police loss report number",
            "Nomor surat keterangan kehilangan dari Kepolisian; wajib bila paspor hilang.",
            "The number of the police loss report; required for a lost passport.",
            required=False,
            max_length=64,
        ),
    ),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=COMPONENTS,
    validate=v.validate_penggantian,
    fee_for=fee_for,
    agency_for=agency_for,
    sample_answers=samples.replacement,
    keywords=("paspor", "passport", "imigrasi", "perpanjang paspor", "paspor hilang"),
)

SERVICES: tuple[ServiceDefinition, ...] = (BARU, PENGGANTIAN)
