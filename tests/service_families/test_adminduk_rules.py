"""adminduk's validate functions: every rule, good and bad answers (no database, no HTTP)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core.errors import CettarError
from plugins.adminduk import catalog, rules
from plugins.adminduk.validation import validate_akta_kelahiran, validate_ektp, validate_kk
from tests.service_families.support import BUDI_NIK, MONDAY, SIDOARJO_DESA, SITI_NIK, SURABAYA_DESA, kk, nik

TODAY = MONDAY
OLD_KK = kk(date(2020, 1, 15))
FATHER = BUDI_NIK
MOTHER = nik(date(1990, 5, 20), female=True, sequence=7)
CHILD_BORN = date(2026, 2, 20)


def refused(validate: Any, answers: dict[str, Any], code: str, field: str) -> CettarError:
    with pytest.raises(CettarError) as caught:
        validate(answers, today=TODAY)
    assert (caught.value.code, caught.value.field) == (code, f"input.answers.{field}"), caught.value
    return caught.value


# --------------------------------------------------------------------------- No. KK


def test_a_kk_number_has_a_kecamatan_an_issue_date_and_a_sequence():
    assert rules.parse_kk(OLD_KK, field="f", today=TODAY) == OLD_KK
    assert rules.parse_kk("3578 0115 0120 0003", field="f", today=TODAY) == OLD_KK
    assert rules.parse_kk(kk(date(1998, 7, 1), district="320101"), field="f", today=TODAY)  # another province


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("35780115012000x3", "only the digits"),
        ("357801150120003", "16 digits"),
        ("9978011501200003", "province"),
        ("3599011501200003", "Jawa Timur"),  # no kabupaten 35.99
        ("3578991501200003", "Jawa Timur"),  # no kecamatan 35.78.99
        ("3200001501200003", "must not be 00"),
        ("3578013102200003", "calendar"),  # 31 February
        ("3578011504260003", "future"),  # issued on 15 April 2026, read on 2 March 2026
        ("3578011501200000", "sequence"),
    ],
)
def test_a_bad_kk_number_says_what_is_wrong(number: str, words: str):
    with pytest.raises(CettarError) as caught:
        rules.parse_kk(number, field="input.answers.nomor_kk", today=TODAY)
    assert caught.value.code == "ADMINDUK_INVALID_KK"
    assert caught.value.field == "input.answers.nomor_kk"
    assert words in caught.value.message("en")
    assert caught.value.message("id") != caught.value.message("en")


# --------------------------------------------------------------------------- Kartu Keluarga


def kk_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "alasan": "kelahiran",
        "nomor_kk_lama": OLD_KK,
        "nik_kepala_keluarga": FATHER,
        "jumlah_anggota": 3,
        "nik_anggota": MOTHER,
        "alamat": "Jl.  Mastrip   No. 5",
        "rt": "3",
        "rw": "12",
        "kode_desa": SURABAYA_DESA,
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def test_a_kk_application_is_normalised():
    out = validate_kk(kk_answers(nik_anggota=f"{MOTHER}\n"), today=TODAY)
    assert out["rt"] == "003" and out["rw"] == "012"
    assert out["alamat"] == "Jl. Mastrip No. 5"
    assert out["nik_anggota"] == MOTHER
    assert out["jumlah_anggota"] == 3


def test_members_may_be_separated_by_commas_spaces_or_lines():
    second = nik(date(2012, 4, 2), sequence=9)
    out = validate_kk(kk_answers(nik_anggota=f"{MOTHER}, {second}", jumlah_anggota=4), today=TODAY)
    assert out["nik_anggota"] == f"{MOTHER}\n{second}"


def test_the_old_card_is_required_unless_moving_in_and_the_skpwni_when_moving_in():
    error = refused(validate_kk, kk_answers(nomor_kk_lama=None), "ADMINDUK_ANSWER_REQUIRED", "nomor_kk_lama")
    assert "unless moving in" in error.message("en")
    refused(
        validate_kk, kk_answers(alasan="pindah_datang", nomor_kk_lama=None), "ADMINDUK_ANSWER_REQUIRED", "nomor_skpwni"
    )
    out = validate_kk(
        kk_answers(
            alasan="pindah_datang", nomor_kk_lama=None, nomor_skpwni="SKPWNI/3515/12022026/0004", jumlah_anggota=2
        ),
        today=TODAY,
    )
    assert out["nomor_skpwni"] == "SKPWNI/3515/12022026/0004"
    refused(
        validate_kk,
        kk_answers(alasan="pindah_datang", nomor_skpwni="#?!", jumlah_anggota=2),
        "ADMINDUK_INVALID_ANSWER",
        "nomor_skpwni",
    )


def test_a_data_change_needs_its_description():
    refused(
        validate_kk, kk_answers(alasan="perubahan_data", jumlah_anggota=2), "ADMINDUK_ANSWER_REQUIRED", "keterangan"
    )
    assert validate_kk(kk_answers(alasan="perubahan_data", jumlah_anggota=2, keterangan="Pendidikan: S1"), today=TODAY)


def test_the_old_card_and_the_head_are_checked():
    refused(validate_kk, kk_answers(nomor_kk_lama="3578011504260003"), "ADMINDUK_INVALID_KK", "nomor_kk_lama")
    refused(validate_kk, kk_answers(nik_kepala_keluarga="3578011203850000"), "INVALID_NIK", "nik_kepala_keluarga")


def test_the_member_list_and_count_agree():
    refused(validate_kk, kk_answers(nik_anggota=f"{MOTHER}\n{MOTHER}"), "ADMINDUK_INVALID_ANSWER", "nik_anggota")
    refused(validate_kk, kk_answers(nik_anggota=f"{MOTHER} {FATHER}"), "ADMINDUK_INVALID_ANSWER", "nik_anggota")
    refused(validate_kk, kk_answers(nik_anggota="1234"), "INVALID_NIK", "nik_anggota")
    # a birth: the head, the mother and the newborn (no NIK yet) make at least three
    error = refused(validate_kk, kk_answers(jumlah_anggota=2), "ADMINDUK_INVALID_ANSWER", "jumlah_anggota")
    assert "newborn" in error.message("en") and "bayi" in error.message("id")
    assert validate_kk(kk_answers(alasan="kematian", jumlah_anggota=2), today=TODAY)
    refused(validate_kk, kk_answers(jumlah_anggota=0), "ADMINDUK_OUT_OF_RANGE", "jumlah_anggota")
    refused(validate_kk, kk_answers(jumlah_anggota=31), "ADMINDUK_OUT_OF_RANGE", "jumlah_anggota")


@pytest.mark.parametrize(("code", "value"), [("rt", "0"), ("rw", "1000"), ("rt", "1a")])
def test_rt_and_rw_are_numbers_from_1_to_999(code: str, value: str):
    refused(validate_kk, kk_answers(**{code: value}), "ADMINDUK_INVALID_ANSWER", code)


def test_the_address_is_a_desa_of_jawa_timur():
    refused(validate_kk, kk_answers(kode_desa="35.78.01.9999"), "ADMINDUK_INVALID_REGION", "kode_desa")
    refused(validate_kk, kk_answers(kode_desa="32.01.01.2001"), "ADMINDUK_INVALID_REGION", "kode_desa")
    assert validate_kk(kk_answers(kode_desa=SIDOARJO_DESA), today=TODAY)["kode_desa"] == SIDOARJO_DESA


# --------------------------------------------------------------------------- e-KTP

SEVENTEEN_TODAY = nik(date(2009, 3, 2), sequence=11)
SEVENTEEN_TOMORROW = nik(date(2009, 3, 3), sequence=12)


def ektp_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "jenis_permohonan": "baru",
        "nik": SEVENTEEN_TODAY,
        "nomor_kk": OLD_KK,
        "status_perkawinan": "belum_kawin",
        "sudah_perekaman": "belum",
        "tanggal_perekaman": date(2026, 3, 3),
        "kode_desa": SURABAYA_DESA,
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def test_a_new_ektp_at_17():
    out = validate_ektp(ektp_answers(), today=TODAY)
    assert out["tanggal_perekaman"] == date(2026, 3, 3)


def test_a_new_ektp_before_17_only_when_married():
    error = refused(validate_ektp, ektp_answers(nik=SEVENTEEN_TOMORROW), "ADMINDUK_EKTP_UNDERAGE", "nik")
    assert "16" in error.message("en") and "17 tahun" in error.message("id")
    assert validate_ektp(ektp_answers(nik=SEVENTEEN_TOMORROW, status_perkawinan="kawin"), today=TODAY)
    # a replacement is not a new card: the age rule is for new cards
    assert validate_ektp(ektp_answers(nik=SEVENTEEN_TOMORROW, jenis_permohonan="rusak"), today=TODAY)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 2),  # today: too soon
        date(2026, 3, 6),  # 4 working days ahead: too far
        date(2026, 3, 7),  # a Saturday
    ],
)
def test_the_recording_appointment_is_a_working_day_within_three_working_days(day: date):
    error = refused(validate_ektp, ektp_answers(tanggal_perekaman=day), "ADMINDUK_RECORDING_DATE", "tanggal_perekaman")
    assert "2026-03-03" in error.message("en") and "2026-03-05" in error.message("en")


def test_the_appointment_follows_the_recording_status():
    refused(validate_ektp, ektp_answers(tanggal_perekaman=None), "ADMINDUK_ANSWER_REQUIRED", "tanggal_perekaman")
    refused(validate_ektp, ektp_answers(sudah_perekaman="sudah"), "ADMINDUK_ANSWER_NOT_ALLOWED", "tanggal_perekaman")
    assert validate_ektp(ektp_answers(sudah_perekaman="sudah", tanggal_perekaman=None), today=TODAY)
    assert validate_ektp(ektp_answers(tanggal_perekaman="2026-03-05"), today=TODAY)["tanggal_perekaman"] == date(
        2026, 3, 5
    )


def test_a_lost_ektp_needs_the_police_report_and_a_change_its_description():
    lost = ektp_answers(jenis_permohonan="hilang", nik=BUDI_NIK, sudah_perekaman="sudah", tanggal_perekaman=None)
    refused(validate_ektp, lost, "ADMINDUK_ANSWER_REQUIRED", "nomor_surat_kehilangan")
    out = validate_ektp({**lost, "nomor_surat_kehilangan": "STPLK/123/III/2026/Polsek  Karang Pilang"}, today=TODAY)
    assert out["nomor_surat_kehilangan"] == "STPLK/123/III/2026/Polsek Karang Pilang"
    changed = {**lost, "jenis_permohonan": "perubahan_data"}
    refused(validate_ektp, changed, "ADMINDUK_ANSWER_REQUIRED", "keterangan")


def test_the_holder_and_card_are_checked():
    refused(validate_ektp, ektp_answers(nik="3578011203850000"), "INVALID_NIK", "nik")
    refused(validate_ektp, ektp_answers(nomor_kk="3578011501200000"), "ADMINDUK_INVALID_KK", "nomor_kk")


# --------------------------------------------------------------------------- Akta Kelahiran


def birth_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "nama_anak": "Ahmad  Fauzan Santoso",
        "jenis_kelamin": "laki_laki",
        "tanggal_lahir": CHILD_BORN,
        "tempat_dilahirkan": "rumah_sakit",
        "kota_kelahiran": "Kota  Surabaya",
        "jenis_kelahiran": "tunggal",
        "anak_ke": 2,
        "penolong_kelahiran": "dokter",
        "berat_bayi": 3100,
        "panjang_bayi": 49,
        "nik_ibu": MOTHER,
        "bukti_perkawinan": "buku_nikah",
        "nik_ayah": FATHER,
        "nomor_kk": OLD_KK,
        "bukti_kelahiran": "surat_keterangan_lahir",
        "kode_desa": SURABAYA_DESA,
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def test_a_birth_certificate_application_is_normalised():
    out = validate_akta_kelahiran(birth_answers(), today=TODAY)
    assert out["nama_anak"] == "Ahmad Fauzan Santoso"
    assert out["kota_kelahiran"] == "Kota Surabaya"
    assert out["tanggal_lahir"] == CHILD_BORN


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Fauzan", "two words"),
        ("Ahmad Fauzan 2", "no digits"),
        ("Ahmad F. Santoso", "punctuation"),
        ("Muhammad " + "Abdurrahman " * 5, "60 characters"),
    ],
)
def test_the_childs_name_follows_permendagri_73_2022(name: str, words: str):
    error = refused(validate_akta_kelahiran, birth_answers(nama_anak=name), "ADMINDUK_INVALID_CHILD_NAME", "nama_anak")
    assert words in error.message("en")


def test_the_birth_is_not_in_the_future_and_the_numbers_are_plausible():
    refused(
        validate_akta_kelahiran,
        birth_answers(tanggal_lahir=date(2026, 3, 3)),
        "ADMINDUK_INVALID_ANSWER",
        "tanggal_lahir",
    )
    refused(validate_akta_kelahiran, birth_answers(anak_ke=0), "ADMINDUK_OUT_OF_RANGE", "anak_ke")
    refused(validate_akta_kelahiran, birth_answers(berat_bayi=12000), "ADMINDUK_OUT_OF_RANGE", "berat_bayi")
    refused(validate_akta_kelahiran, birth_answers(panjang_bayi=5), "ADMINDUK_OUT_OF_RANGE", "panjang_bayi")
    refused(validate_akta_kelahiran, birth_answers(kota_kelahiran="12"), "ADMINDUK_INVALID_ANSWER", "kota_kelahiran")
    assert validate_akta_kelahiran(birth_answers(berat_bayi=None, panjang_bayi=None), today=TODAY)


def test_the_parents_sex_and_age_come_from_their_niks():
    error = refused(validate_akta_kelahiran, birth_answers(nik_ibu=FATHER), "ADMINDUK_PARENT_SEX", "nik_ibu")
    assert "mother" in error.message("en") and "perempuan" in error.message("id")
    refused(validate_akta_kelahiran, birth_answers(nik_ayah=SITI_NIK), "ADMINDUK_PARENT_SEX", "nik_ayah")
    young_mother = nik(date(2017, 1, 5), female=True, sequence=2)
    refused(validate_akta_kelahiran, birth_answers(nik_ibu=young_mother), "ADMINDUK_PARENT_AGE", "nik_ibu")


def test_the_father_is_named_exactly_when_a_marriage_is_proven():
    refused(validate_akta_kelahiran, birth_answers(nik_ayah=None), "ADMINDUK_ANSWER_REQUIRED", "nik_ayah")
    refused(
        validate_akta_kelahiran, birth_answers(bukti_perkawinan="tidak_ada"), "ADMINDUK_ANSWER_NOT_ALLOWED", "nik_ayah"
    )
    out = validate_akta_kelahiran(birth_answers(bukti_perkawinan="tidak_ada", nik_ayah=None), today=TODAY)
    assert "nik_ayah" not in out
    assert validate_akta_kelahiran(birth_answers(bukti_perkawinan="sptjm_pasangan"), today=TODAY)


def test_a_sptjm_needs_two_adult_witnesses_who_are_not_the_parents():
    sptjm = birth_answers(bukti_kelahiran="sptjm_kelahiran")
    refused(validate_akta_kelahiran, sptjm, "ADMINDUK_ANSWER_REQUIRED", "nik_saksi_1")
    witness = nik(date(1970, 8, 17), sequence=21)
    refused(validate_akta_kelahiran, {**sptjm, "nik_saksi_1": witness}, "ADMINDUK_ANSWER_REQUIRED", "nik_saksi_2")
    error = refused(
        validate_akta_kelahiran,
        {**sptjm, "nik_saksi_1": witness, "nik_saksi_2": witness},
        "ADMINDUK_WITNESSES_INVALID",
        "nik_saksi_2",
    )
    assert "different" in error.message("en")
    refused(
        validate_akta_kelahiran,
        {**sptjm, "nik_saksi_1": MOTHER, "nik_saksi_2": witness},
        "ADMINDUK_WITNESSES_INVALID",
        "nik_saksi_1",
    )
    teenager = nik(date(2012, 1, 1), sequence=4)
    refused(
        validate_akta_kelahiran,
        {**sptjm, "nik_saksi_1": witness, "nik_saksi_2": teenager},
        "ADMINDUK_WITNESSES_INVALID",
        "nik_saksi_2",
    )
    second = nik(date(1975, 2, 1), female=True, sequence=5)
    assert validate_akta_kelahiran({**sptjm, "nik_saksi_1": witness, "nik_saksi_2": second}, today=TODAY)


# --------------------------------------------------------------------------- the standard


def test_every_adminduk_service_is_free_and_sent_to_the_dispendukcapil_of_its_desa():
    for service in catalog.SERVICES:
        assert service.fee.amount == 0 and "79A" in service.fee.legal_basis
        assert service.agency_code == "dispendukcapil-{regency}"
        assert service.region_field == "kode_desa"
        assert service.validate is not None
        assert [f.code for f in service.form].count("kode_desa") == 1
        codes = [f.code for f in service.form]
        assert len(codes) == len(set(codes))
        assert all(spec.name_id and spec.name_en for spec in service.form)
        assert all(r.name_id != r.name_en for r in service.requirements)


def test_counts_are_whole_numbers():
    assert validate_kk(kk_answers(jumlah_anggota=3.0), today=TODAY)["jumlah_anggota"] == 3
    error = refused(validate_kk, kk_answers(jumlah_anggota=2.5), "ADMINDUK_INVALID_ANSWER", "jumlah_anggota")
    assert "whole number" in error.message("en")
    refused(validate_akta_kelahiran, birth_answers(berat_bayi=True), "ADMINDUK_INVALID_ANSWER", "berat_bayi")
