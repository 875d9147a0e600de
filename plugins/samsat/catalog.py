"""``samsat.pkb``: paying the annual vehicle tax (Pajak Kendaraan Bermotor) with the yearly STNK validation.

Samsat (Sistem Administrasi Manunggal Satu Atap, Perpres 5/2015) joins three
offices at one counter: Bapenda Provinsi Jawa Timur (the tax, through its UPT
Pelayanan Pendapatan Daerah), Polri (the STNK validation) and Jasa Raharja (the
road-accident fund contribution, SWDKLLJ). The amount a vehicle owes is assessed
per vehicle (SKPD); the service's fixed fee is the PNBP for the STNK validation.
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
from plugins.samsat.plates import JATIM_CODES_TEXT
from plugins.samsat.samples import sample_answers
from plugins.samsat.validation import STNK_VALIDATION_PNBP, VehicleType, validate_pkb

AGENCY = "bapenda-jatim"


def _rupiah(amount: int) -> str:
    return f"Rp{amount:,}".replace(",", ".")


FEE = Fee(
    amount=STNK_VALIDATION_PNBP[VehicleType.SEPEDA_MOTOR],
    legal_basis=(
        "PP 76/2020 tentang Jenis dan Tarif PNBP pada Kepolisian Negara Republik Indonesia (pengesahan STNK); "
        "Perda Provinsi Jawa Timur No. 9 Tahun 2023 tentang Pajak Daerah dan Retribusi Daerah (PKB); "
        "UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah (opsen PKB); "
        "PMK 16/PMK.010/2017 (SWDKLLJ)"
    ),
    description_id=(
        f"Biaya tetap: PNBP pengesahan STNK {_rupiah(STNK_VALIDATION_PNBP[VehicleType.SEPEDA_MOTOR])} untuk "
        f"kendaraan roda 2/3 atau {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_PENUMPANG])} untuk roda 4 atau "
        "lebih. Ditambah pajak yang ditetapkan per kendaraan dalam SKPD: PKB (dasar pengenaan NJKB x bobot, "
        "dikali tarif Perda Jatim 9/2023) dan opsen PKB untuk kabupaten/kota, denda bila terlambat, serta "
        "SWDKLLJ Jasa Raharja sesuai jenis dan isi silinder kendaraan (misalnya Rp35.000 sepeda motor "
        "50-250 cc, Rp143.000 mobil penumpang pribadi)."
    ),
    description_en=(
        f"Fixed fee: the PNBP for the STNK validation, {_rupiah(STNK_VALIDATION_PNBP[VehicleType.SEPEDA_MOTOR])} "
        f"for two/three wheels or {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_PENUMPANG])} for four wheels "
        "or more. Plus the taxes assessed per vehicle in the SKPD: the vehicle tax (NJKB x weight, times the "
        "rate of Perda Jatim 9/2023) and the kabupaten/kota surcharge (opsen PKB), late penalties, and Jasa "
        "Raharja's SWDKLLJ by vehicle kind and engine size (e.g. Rp35.000 for a 50-250 cc motorcycle, "
        "Rp143.000 for a private passenger car)."
    ),
)

#: How each vehicle kind is named in an application's fee.
KIND_NAMES: dict[VehicleType, tuple[str, str]] = {
    VehicleType.SEPEDA_MOTOR: ("sepeda motor (roda 2/3)", "motorcycle (two/three wheels)"),
    VehicleType.MOBIL_PENUMPANG: ("mobil penumpang (roda 4 atau lebih)", "passenger car (four wheels or more)"),
    VehicleType.MOBIL_BUS: ("mobil bus (roda 4 atau lebih)", "bus (four wheels or more)"),
    VehicleType.MOBIL_BARANG: ("mobil barang (roda 4 atau lebih)", "goods vehicle (four wheels or more)"),
}


def fee_for(answers: Mapping[str, Any]) -> Fee:
    """The fixed fee of one application: the PNBP for validating the STNK of that vehicle kind (PP 76/2020)."""
    kind = VehicleType(str(answers["jenis_kendaraan"]))
    amount = _rupiah(STNK_VALIDATION_PNBP[kind])
    name_id, name_en = KIND_NAMES[kind]
    return Fee(
        amount=STNK_VALIDATION_PNBP[kind],
        legal_basis=FEE.legal_basis,
        description_id=(
            f"PNBP pengesahan STNK {name_id}: {amount}. Ditambah pajak yang ditetapkan untuk kendaraan ini dalam "
            "SKPD: PKB dan opsen PKB, denda bila terlambat, dan SWDKLLJ Jasa Raharja, dibayar dengan kode bayar."
        ),
        description_en=(
            f"PNBP for the STNK validation of a {name_en}: {amount}. Plus the taxes assessed for this vehicle in "
            "the SKPD: the vehicle tax and its surcharge, late penalties and Jasa Raharja's SWDKLLJ, paid with "
            "the payment code."
        ),
    )


COMPLAINTS = (
    "Fitur pengaduan CETTAR; SP4N-LAPOR! (www.lapor.go.id, SMS 1708); "
    "loket pengaduan UPT Pelayanan Pendapatan Daerah (Samsat) Bapenda Provinsi Jawa Timur"
)

PKB = ServiceDefinition(
    code="samsat.pkb",
    name_id="Pajak Kendaraan Bermotor tahunan dan pengesahan STNK",
    name_en="Annual vehicle tax and yearly STNK validation",
    agency_code=AGENCY,
    description_id=(
        "Pembayaran Pajak Kendaraan Bermotor (PKB) tahunan, SWDKLLJ, dan pengesahan STNK tahunan untuk kendaraan "
        f"bernomor polisi Jawa Timur ({JATIM_CODES_TEXT}) selama STNK lima tahunan masih berlaku. Perpanjangan "
        "STNK lima tahunan (ganti pelat) memerlukan cek fisik di kantor Samsat."
    ),
    description_en=(
        "Paying the annual vehicle tax (PKB), the road-accident contribution (SWDKLLJ) and the yearly STNK "
        f"validation for vehicles with Jawa Timur plates ({JATIM_CODES_TEXT}) while the five-year STNK is "
        "valid. The five-yearly STNK renewal (new plates) needs a physical check at a Samsat office."
    ),
    time_limit_days=3,
    fee=FEE,
    product_id="SKPD dan tanda bukti pelunasan (TBPKP), STNK yang telah disahkan untuk satu tahun",
    product_en="The tax assessment (SKPD) and payment receipt (TBPKP), the STNK validated for one year",
    complaint_channel=COMPLAINTS,
    requirements=(
        Requirement("KTP-el pemilik kendaraan sesuai nama di STNK", "The owner's e-KTP matching the STNK"),
        Requirement("STNK asli yang masih berlaku", "The original STNK, still valid"),
        Requirement(
            "Surat kuasa bermeterai bila diwakilkan",
            "A stamped power of attorney if someone else applies",
            required=False,
        ),
        Requirement(
            "Kendaraan tidak dalam status blokir (dicuri, sengketa, atau dijual tanpa balik nama)",
            "The vehicle is not blocked (stolen, disputed, or sold without transfer)",
            attachment=False,
        ),
    ),
    steps=(
        Step(
            "Pemohon mengisi data kendaraan dan mengunggah KTP-el dan STNK melalui CETTAR, atau datang ke loket",
            "The applicant fills in the vehicle data and uploads the e-KTP and STNK through CETTAR, or comes to "
            "the counter",
        ),
        Step(
            "Petugas memeriksa data kendaraan pada data registrasi Polri dan data pajak Bapenda, lalu menerbitkan "
            "SKPD (PKB, opsen PKB, denda, SWDKLLJ, PNBP) dengan kode bayar",
            "An officer checks the vehicle against the Polri registration and Bapenda tax records and issues the "
            "assessment (SKPD: tax, surcharge, penalties, SWDKLLJ, PNBP) with a payment code",
        ),
        Step(
            "Pemohon membayar dengan kode bayar di bank, kantor pos, QRIS, atau loket Samsat",
            "The applicant pays with the payment code at a bank, post office, QRIS, or the Samsat counter",
        ),
        Step(
            "Petugas Polri di Samsat mengesahkan STNK dan TBPKP dicetak",
            "A Polri officer at Samsat validates the STNK and the payment receipt is printed",
        ),
        Step(
            "STNK yang telah disahkan dan TBPKP diambil di UPT Samsat atau dikirim ke alamat pemohon",
            "The validated STNK and receipt are picked up at the UPT Samsat or delivered to the applicant",
        ),
    ),
    form=(
        FormField(
            "nomor_polisi",
            Datatype.STRING,
            "Nomor polisi",
            "Registration plate",
            f"Nomor polisi kendaraan Jawa Timur (kode wilayah {JATIM_CODES_TEXT}), misalnya L 1234 AB atau W 1 A.",
            f"A Jawa Timur registration plate (region codes {JATIM_CODES_TEXT}), e.g. L 1234 AB or W 1 A.",
            format="plate",
            max_length=16,
        ),
        FormField(
            "nik_pemilik",
            Datatype.STRING,
            "NIK pemilik",
            "Owner's NIK",
            "NIK (16 angka) pemilik kendaraan sesuai STNK.",
            "The 16-digit NIK of the owner on the STNK.",
            format="nik",
            max_length=16,
        ),
        FormField(
            "nama_pemilik",
            Datatype.STRING,
            "Nama pemilik",
            "Owner's name",
            "Nama pemilik seperti tertulis di STNK.",
            "The owner's name as written on the STNK.",
            max_length=100,
        ),
        FormField(
            "jenis_kendaraan",
            Datatype.SINGLEVALUELIST,
            "Jenis kendaraan",
            "Vehicle kind",
            "Jenis kendaraan seperti di STNK; menentukan PNBP pengesahan STNK.",
            "The vehicle kind as on the STNK; it decides the STNK validation fee.",
            choices=(
                Choice(
                    VehicleType.SEPEDA_MOTOR,
                    f"Sepeda motor (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.SEPEDA_MOTOR])})",
                    f"Motorcycle (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.SEPEDA_MOTOR])})",
                ),
                Choice(
                    VehicleType.MOBIL_PENUMPANG,
                    f"Mobil penumpang (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_PENUMPANG])})",
                    f"Passenger car (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_PENUMPANG])})",
                ),
                Choice(
                    VehicleType.MOBIL_BUS,
                    f"Mobil bus (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_BUS])})",
                    f"Bus (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_BUS])})",
                ),
                Choice(
                    VehicleType.MOBIL_BARANG,
                    f"Mobil barang/pikap/truk (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_BARANG])})",
                    f"Goods vehicle/pick-up/truck (PNBP {_rupiah(STNK_VALIDATION_PNBP[VehicleType.MOBIL_BARANG])})",
                ),
            ),
        ),
        FormField(
            "nomor_rangka",
            Datatype.STRING,
            "Nomor rangka",
            "Frame number (VIN)",
            "17 karakter seperti di STNK/BPKB, tanpa huruf I, O, dan Q.",
            "17 characters as on the STNK/BPKB, never the letters I, O and Q.",
            max_length=24,
        ),
        FormField(
            "nomor_mesin",
            Datatype.STRING,
            "Nomor mesin",
            "Engine number",
            "6-20 huruf dan angka seperti di STNK.",
            "6-20 letters and digits as on the STNK.",
            max_length=24,
        ),
        FormField(
            "tahun_pembuatan",
            Datatype.NUMBER,
            "Tahun pembuatan",
            "Year of manufacture",
            "Tahun pembuatan kendaraan seperti di STNK.",
            "The year of manufacture as on the STNK.",
        ),
        FormField(
            "masa_berlaku_stnk",
            Datatype.DATETIME,
            "STNK berlaku sampai",
            "STNK valid until",
            "Tanggal akhir masa berlaku STNK lima tahunan; STNK yang sudah habis masa berlakunya diperpanjang di "
            "kantor Samsat dengan cek fisik.",
            "The end of the STNK's five-year validity; an expired STNK is renewed at a Samsat office with a "
            "physical check.",
            format="date",
        ),
    ),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=(
        Component(
            "Dasar hukum",
            "Legal basis",
            "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan; UU 1/2022 tentang Hubungan Keuangan antara "
            "Pemerintah Pusat dan Pemerintahan Daerah; Perpres 5/2015 tentang Penyelenggaraan Sistem Administrasi "
            "Manunggal Satu Atap Kendaraan Bermotor; PP 76/2020 tentang PNBP Polri; Perda Provinsi Jawa Timur "
            "No. 9 Tahun 2023 tentang Pajak Daerah dan Retribusi Daerah; UU 34/1964 dan PMK 16/PMK.010/2017 "
            "(SWDKLLJ)",
        ),
        Component(
            "Sarana dan prasarana",
            "Facilities",
            "Kantor bersama Samsat (Bapenda, Polri, Jasa Raharja); loket, ruang tunggu, kanal pembayaran bank",
        ),
        Component(
            "Kompetensi pelaksana",
            "Staff competence",
            "Petugas UPT PPD Bapenda (ASN) untuk penetapan pajak; petugas Polri untuk pengesahan STNK",
        ),
        Component(
            "Pengawasan internal",
            "Internal supervision",
            "Kepala UPT PPD; Inspektorat Provinsi Jawa Timur; Tim Pembina Samsat",
        ),
    ),
    validate=validate_pkb,
    fee_for=fee_for,
    sample_answers=sample_answers,
    keywords=("pajak kendaraan", "pkb", "stnk", "samsat", "vehicle tax", "motor", "mobil"),
)

SERVICES: tuple[ServiceDefinition, ...] = (PKB,)
