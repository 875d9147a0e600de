"""The ``validate`` of each adminduk service: the rules of Perpres 96/2018 and Permendagri 108/2019
that a form field alone cannot say.

Each function takes the answers the platform has checked field by field and returns
them normalised (No. KK and NIKs as 16 digits, RT/RW as ``001``, names with single
spaces, region codes dotted); ``today`` (WIB) may be given for tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from core import calendar
from core.errors import CettarError
from core.identity.validators import Sex
from plugins.adminduk import rules
from plugins.adminduk.rules import answer_field, present, refuse, require

E = TypeVar("E", bound=StrEnum)


class KkReason(StrEnum):
    """Why a Kartu Keluarga is issued (Permendagri 108/2019)."""

    PERNIKAHAN = "pernikahan"  # a new family after a marriage
    PISAH_KK = "pisah_kk"  # splitting from the family card one is on
    KELAHIRAN = "kelahiran"  # a newborn joins the card
    KEMATIAN = "kematian"  # a member died
    PINDAH_DATANG = "pindah_datang"  # moving in from another kabupaten/kota (SKPWNI)
    PERUBAHAN_DATA = "perubahan_data"  # biodata changed (education, occupation, marital status…)
    HILANG_RUSAK = "hilang_rusak"  # the card was lost or damaged


class EktpKind(StrEnum):
    BARU = "baru"
    HILANG = "hilang"
    RUSAK = "rusak"
    PERUBAHAN_DATA = "perubahan_data"


class MaritalStatus(StrEnum):
    BELUM_KAWIN = "belum_kawin"
    KAWIN = "kawin"
    CERAI_HIDUP = "cerai_hidup"
    CERAI_MATI = "cerai_mati"


class Recorded(StrEnum):
    """Whether the applicant's biometrics (photo, fingerprints, iris) were recorded before."""

    SUDAH = "sudah"
    BELUM = "belum"


class ChildSex(StrEnum):
    LAKI_LAKI = "laki_laki"
    PEREMPUAN = "perempuan"


class BirthPlace(StrEnum):
    RUMAH_SAKIT = "rumah_sakit"
    PUSKESMAS = "puskesmas"
    POLINDES = "polindes"
    RUMAH = "rumah"
    LAINNYA = "lainnya"


class BirthKind(StrEnum):
    TUNGGAL = "tunggal"
    KEMBAR_2 = "kembar_2"
    KEMBAR_3 = "kembar_3"
    LAINNYA = "lainnya"


class BirthAttendant(StrEnum):
    DOKTER = "dokter"
    BIDAN_PERAWAT = "bidan_perawat"
    DUKUN = "dukun"
    LAINNYA = "lainnya"


class BirthProof(StrEnum):
    """Proof of the birth: a letter from the hospital/midwife, or a statement with two witnesses."""

    SURAT_KETERANGAN_LAHIR = "surat_keterangan_lahir"
    SPTJM_KELAHIRAN = "sptjm_kelahiran"


class MarriageProof(StrEnum):
    """Proof of the parents' marriage, which decides whether the father is named."""

    BUKU_NIKAH = "buku_nikah"  # buku nikah / kutipan akta perkawinan
    SPTJM_PASANGAN = "sptjm_pasangan"  # marriage not recorded: a statement of being husband and wife
    TIDAK_ADA = "tidak_ada"  # the certificate names the mother only


def choice(answers: Mapping[str, Any], code: str, kind: type[E]) -> E:
    try:
        return kind(str(answers[code]))
    except (KeyError, ValueError):
        raise CettarError("VALIDATION_FAILED", field=answer_field(code)) from None


def _today(today: date | None) -> date:
    return today or calendar.today()


# --------------------------------------------------------------------------- Kartu Keluarga

OLD_KK = ("Nomor KK lama", "The old family card number")
HEAD = ("NIK kepala keluarga", "The head of the family's NIK")
MEMBERS = ("Daftar NIK anggota keluarga", "The list of family members' NIKs")
MEMBER_COUNT = ("Jumlah anggota keluarga", "The number of family members")
SKPWNI = ("Nomor Surat Keterangan Pindah WNI (SKPWNI)", "The moving certificate (SKPWNI) number")
CHANGE_NOTE = ("Keterangan perubahan data", "The description of the data change")


def validate_kk(answers: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """Kartu Keluarga: the old card unless moving in, the SKPWNI when moving in, members consistent."""
    today = _today(today)
    out = dict(answers)
    reason = choice(answers, "alasan", KkReason)
    if reason is KkReason.PINDAH_DATANG:
        require(answers, "nomor_skpwni", SKPWNI, ("untuk alasan pindah datang", "when moving in"))
        out["nomor_skpwni"] = rules.document_number(answers, "nomor_skpwni", SKPWNI)
    else:
        require(answers, "nomor_kk_lama", OLD_KK, ("selain untuk pindah datang", "unless moving in"))
    if present(answers, "nomor_kk_lama"):
        out["nomor_kk_lama"] = rules.kk(answers, "nomor_kk_lama", today)
    if reason is KkReason.PERUBAHAN_DATA:
        require(answers, "keterangan", CHANGE_NOTE, ("untuk perubahan data", "for a data change"))
    head = rules.nik(answers, "nik_kepala_keluarga", today)
    out["nik_kepala_keluarga"] = head.nik
    count = rules.in_range(answers["jumlah_anggota"], "jumlah_anggota", 1, rules.MAX_FAMILY_MEMBERS, MEMBER_COUNT)
    out["jumlah_anggota"] = count
    members, _ = rules.niks_list(answers, "nik_anggota", today, MEMBERS)
    if head.nik in members:
        raise CettarError(
            "ADMINDUK_INVALID_ANSWER",
            field=answer_field("nik_anggota"),
            what_id=MEMBERS[0],
            what_en=MEMBERS[1],
            reason_id="NIK kepala keluarga diisi terpisah, jangan diulang di sini",
            reason_en="the head of the family's NIK has its own answer, do not repeat it here",
        )
    # The head counts as a member; a newborn (reason "kelahiran") has no NIK yet and counts too.
    without_nik = 2 if reason is KkReason.KELAHIRAN else 1
    if len(members) + without_nik > count:
        raise CettarError(
            "ADMINDUK_INVALID_ANSWER",
            field=answer_field("jumlah_anggota"),
            what_id=MEMBER_COUNT[0],
            what_en=MEMBER_COUNT[1],
            reason_id=f"harus paling sedikit {len(members) + without_nik} (kepala keluarga, anggota yang NIK-nya "
            "ditulis" + (", dan bayi yang baru lahir" if without_nik == 2 else "") + ")",
            reason_en=f"it must be at least {len(members) + without_nik} (the head, the members whose NIK is "
            "written" + (", and the newborn" if without_nik == 2 else "") + ")",
        )
    out["nik_anggota"] = "\n".join(members)
    out["alamat"] = " ".join(str(answers["alamat"]).split())
    out["rt"] = rules.rt_rw(answers, "rt", ("RT", "The RT"))
    out["rw"] = rules.rt_rw(answers, "rw", ("RW", "The RW"))
    out["kode_desa"] = rules.desa(answers, "kode_desa")
    return out


# --------------------------------------------------------------------------- e-KTP

POLICE_REPORT = ("Nomor surat keterangan kehilangan dari Kepolisian", "The police loss report number")
RECORDING_DATE = ("Jadwal perekaman biometrik", "The biometric recording appointment")


def validate_ektp(answers: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """e-KTP: new at 17 (or married), a police report for a lost card, a recording appointment if not recorded."""
    today = _today(today)
    out = dict(answers)
    kind = choice(answers, "jenis_permohonan", EktpKind)
    holder = rules.nik(answers, "nik", today)
    out["nik"] = holder.nik
    out["nomor_kk"] = rules.kk(answers, "nomor_kk", today)
    status = choice(answers, "status_perkawinan", MaritalStatus)
    age = rules.age_on(holder.birth_date, today)
    if kind is EktpKind.BARU and age < rules.EKTP_AGE and status is MaritalStatus.BELUM_KAWIN:
        raise CettarError("ADMINDUK_EKTP_UNDERAGE", field=answer_field("nik"), age=age)
    if choice(answers, "sudah_perekaman", Recorded) is Recorded.BELUM:
        require(answers, "tanggal_perekaman", RECORDING_DATE, ("bila belum pernah direkam", "when not yet recorded"))
        out["tanggal_perekaman"] = rules.recording_date(answers, "tanggal_perekaman", today)
    else:
        refuse(answers, "tanggal_perekaman", RECORDING_DATE, ("bila sudah pernah direkam", "when already recorded"))
    if kind is EktpKind.HILANG:
        require(answers, "nomor_surat_kehilangan", POLICE_REPORT, ("untuk e-KTP yang hilang", "for a lost e-KTP"))
    if present(answers, "nomor_surat_kehilangan"):
        out["nomor_surat_kehilangan"] = rules.document_number(answers, "nomor_surat_kehilangan", POLICE_REPORT)
    if kind is EktpKind.PERUBAHAN_DATA:
        require(answers, "keterangan", CHANGE_NOTE, ("untuk perubahan data", "for a data change"))
    out["kode_desa"] = rules.desa(answers, "kode_desa")
    return out


# --------------------------------------------------------------------------- Akta Kelahiran

BIRTH_DATE = ("Tanggal lahir", "The date of birth")
BIRTH_ORDER = ("Anak ke-", "The birth order")
WEIGHT = ("Berat bayi (gram)", "The baby's weight (grams)")
LENGTH = ("Panjang bayi (cm)", "The baby's length (cm)")
BIRTH_CITY = ("Kabupaten/kota kelahiran", "The kabupaten/kota of birth")
FATHER_NIK = ("NIK ayah", "The father's NIK")
WITNESS_1 = ("NIK saksi pertama", "The first witness's NIK")
WITNESS_2 = ("NIK saksi kedua", "The second witness's NIK")
MOTHER = ("ibu", "mother")
FATHER = ("ayah", "father")


def validate_akta_kelahiran(answers: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """Akta Kelahiran: the child's name and birth, the parents by their NIKs, witnesses for a SPTJM."""
    today = _today(today)
    out = dict(answers)
    out["nama_anak"] = rules.child_name(answers, "nama_anak")
    born = rules.as_date(answers["tanggal_lahir"], "tanggal_lahir")
    if born > today:
        raise CettarError(
            "ADMINDUK_INVALID_ANSWER",
            field=answer_field("tanggal_lahir"),
            what_id=BIRTH_DATE[0],
            what_en=BIRTH_DATE[1],
            reason_id="tidak boleh di masa depan",
            reason_en="it must not be in the future",
        )
    out["tanggal_lahir"] = born
    city = " ".join(str(answers["kota_kelahiran"]).split())
    if not 3 <= len(city) <= 100 or not any(c.isalpha() for c in city):
        raise CettarError(
            "ADMINDUK_INVALID_ANSWER",
            field=answer_field("kota_kelahiran"),
            what_id=BIRTH_CITY[0],
            what_en=BIRTH_CITY[1],
            reason_id="tulis nama kabupaten/kota, 3-100 karakter",
            reason_en="write the name of the kabupaten/kota, 3-100 characters",
        )
    out["kota_kelahiran"] = city
    out["anak_ke"] = rules.in_range(answers["anak_ke"], "anak_ke", 1, 20, BIRTH_ORDER)
    if present(answers, "berat_bayi"):
        out["berat_bayi"] = rules.in_range(answers["berat_bayi"], "berat_bayi", 200, 7000, WEIGHT)
    if present(answers, "panjang_bayi"):
        out["panjang_bayi"] = rules.in_range(answers["panjang_bayi"], "panjang_bayi", 20, 70, LENGTH)
    mother = rules.parent(answers, "nik_ibu", today, Sex.FEMALE, born, MOTHER)
    out["nik_ibu"] = mother
    parents = {mother}
    if choice(answers, "bukti_perkawinan", MarriageProof) is MarriageProof.TIDAK_ADA:
        refuse(
            answers,
            "nik_ayah",
            FATHER_NIK,
            ("bila akta hanya mencantumkan nama ibu", "when the certificate names the mother only"),
        )
    else:
        require(
            answers,
            "nik_ayah",
            FATHER_NIK,
            ("bila perkawinan orang tua dibuktikan", "when the parents' marriage is proven"),
        )
        father = rules.parent(answers, "nik_ayah", today, Sex.MALE, born, FATHER)
        out["nik_ayah"] = father
        parents.add(father)
    out["nomor_kk"] = rules.kk(answers, "nomor_kk", today)
    if choice(answers, "bukti_kelahiran", BirthProof) is BirthProof.SPTJM_KELAHIRAN:
        case = ("bila kelahiran dibuktikan dengan SPTJM", "when the birth is proven by a SPTJM")
        require(answers, "nik_saksi_1", WITNESS_1, case)
        require(answers, "nik_saksi_2", WITNESS_2, case)
        for code in ("nik_saksi_1", "nik_saksi_2"):
            out[code] = _witness(answers, code, today, parents)
        if out["nik_saksi_1"] == out["nik_saksi_2"]:
            raise CettarError(
                "ADMINDUK_WITNESSES_INVALID",
                field=answer_field("nik_saksi_2"),
                reason_id="dua saksi harus dua orang yang berbeda",
                reason_en="the two witnesses must be two different people",
            )
    out["kode_desa"] = rules.desa(answers, "kode_desa")
    return out


def _witness(answers: Mapping[str, Any], code: str, today: date, parents: set[str]) -> str:
    info = rules.nik(answers, code, today)
    if info.nik in parents:
        raise CettarError(
            "ADMINDUK_WITNESSES_INVALID",
            field=answer_field(code),
            reason_id="saksi tidak boleh orang tua anak itu sendiri",
            reason_en="a witness must not be one of the child's parents",
        )
    if rules.age_on(info.birth_date, today) < rules.EKTP_AGE:
        raise CettarError(
            "ADMINDUK_WITNESSES_INVALID",
            field=answer_field(code),
            reason_id="saksi harus berusia paling sedikit 17 tahun",
            reason_en="a witness must be at least 17 years old",
        )
    return info.nik
