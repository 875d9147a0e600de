"""Identity validators: NIK, NIP, phone, e-mail, password, and masking (pure functions, no database)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import MESSAGES, CettarError
from core.identity.validators import (
    INDONESIAN_PROVINCE_CODES,
    NikInfo,
    NipInfo,
    Sex,
    check_password,
    jatim_kecamatan_codes,
    jatim_regency_codes,
    mask_email,
    mask_nik,
    mask_nip,
    mask_phone,
    normalise_email,
    normalise_phone,
    parse_nik,
    parse_nip,
)

TODAY = date(2025, 6, 15)
# No example database (it would leave a .hypothesis/ folder behind) and no deadline
# (the first phone number of a region loads the metadata, which is slow once).
PROPERTY = settings(deadline=None, database=None)


def _rejects(code: str, call, *args, **kwargs) -> CettarError:
    with pytest.raises(CettarError) as info:
        call(*args, **kwargs)
    assert info.value.code == code
    return info.value


def _outcome(call, *args, **kwargs):
    """The result of the call, or the CettarError it raised (any other exception propagates)."""
    try:
        return call(*args, **kwargs)
    except CettarError as error:
        return error


def _digits_from(ascii_digits: str, zero: int) -> str:
    """The same digits in another Unicode script whose zero is ``chr(zero)``."""
    return "".join(chr(zero + int(c)) for c in ascii_digits)


def _nik(district: str, birth: date, sex: Sex, sequence: int) -> str:
    day = birth.day + (40 if sex is Sex.FEMALE else 0)
    return f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{sequence:04d}"


# --------------------------------------------------------------------------- NIK


def test_error_codes_are_registered_in_both_languages():
    for code in ("INVALID_NIK", "INVALID_NIP", "INVALID_PHONE", "INVALID_EMAIL", "WEAK_PASSWORD"):
        message_id, message_en = MESSAGES[code]
        assert "{reason_id}" in message_id
        assert "{reason_en}" in message_en


def test_province_list_has_the_38_kemendagri_codes():
    assert len(INDONESIAN_PROVINCE_CODES) == 38
    assert INDONESIAN_PROVINCE_CODES["35"] == "Jawa Timur"
    assert INDONESIAN_PROVINCE_CODES["96"] == "Papua Barat Daya"
    assert "97" not in INDONESIAN_PROVINCE_CODES


def test_region_codes_come_from_the_csv_files():
    assert len(jatim_regency_codes()) == 38
    assert {"35.15", "35.78"} <= jatim_regency_codes()
    assert len(jatim_kecamatan_codes()) == 666
    assert "35.15.01" in jatim_kecamatan_codes()
    assert jatim_regency_codes() is jatim_regency_codes()  # loaded once


def test_nik_of_a_man_in_sidoarjo():
    info = parse_nik("3515010507900002", today=TODAY)
    assert info == NikInfo(
        nik="3515010507900002",
        province_code="35",
        regency_code="35.15",
        district_code="35.15.01",
        birth_date=date(1990, 7, 5),
        sex=Sex.MALE,
        sequence=2,
        in_province=True,
    )


def test_nik_of_a_woman_has_forty_added_to_the_day():
    info = parse_nik("3578044507900123", today=TODAY)
    assert info.sex is Sex.FEMALE
    assert info.birth_date == date(1990, 7, 5)
    assert info.regency_code == "35.78"
    assert info.district_code == "35.78.04"
    assert info.sequence == 123


@pytest.mark.parametrize(
    ("day", "sex", "expected"),
    [("01", Sex.MALE, 1), ("31", Sex.MALE, 31), ("41", Sex.FEMALE, 1), ("71", Sex.FEMALE, 31)],
)
def test_nik_day_bounds(day, sex, expected):
    info = parse_nik(f"351501{day}0190" + "0001", today=TODAY)
    assert (info.sex, info.birth_date) == (sex, date(1990, 1, expected))


def test_nik_surrounding_whitespace_is_ignored():
    assert parse_nik("  3515010507900002\n", today=TODAY).nik == "3515010507900002"


def test_nik_from_another_province_is_accepted_but_not_in_province():
    info = parse_nik("3171010101000001", today=TODAY)
    assert info.in_province is False
    assert (info.province_code, info.regency_code, info.district_code) == ("31", "31.71", "31.71.01")
    assert info.birth_date == date(2000, 1, 1)


def test_nik_from_another_province_needs_no_region_table():
    # 32.99.99 is no real kecamatan, but only Jawa Timur's codes are checked.
    assert parse_nik("3299990101900001", today=TODAY).district_code == "32.99.99"


@pytest.mark.parametrize(
    ("yy", "year"),
    [("25", 2025), ("00", 2000), ("26", 1926), ("99", 1999)],
)
def test_nik_century_follows_todays_two_digit_year(yy, year):
    assert parse_nik(f"3515010101{yy}0001", today=TODAY).birth_date == date(year, 1, 1)


def test_nik_leap_day():
    assert parse_nik("3515016902960001", today=TODAY).birth_date == date(1996, 2, 29)
    assert parse_nik("3515012902000001", today=TODAY).birth_date == date(2000, 2, 29)


def test_nik_without_today_uses_the_current_date():
    assert parse_nik("3515010507900002").birth_date == date(1990, 7, 5)


@pytest.mark.parametrize(
    ("nik", "rule"),
    [
        ("", "length"),
        ("351501050790000", "length"),
        ("35150105079000021", "length"),
        ("35150105079O0002", "digits"),
        ("3515 0105079000 2", "digits"),
        ("3515-01-050790-0002", "digits"),
        (_digits_from("3515010507900002", 0xFF10), "digits"),  # full-width digits
        (_digits_from("3515010507900002", 0x0660), "digits"),  # Arabic-Indic digits
        ("9915010507900002", "province"),
        ("9715010507900002", "province"),
        ("2015010507900002", "province"),
        ("0015010507900002", "province"),
        ("3540010507900002", "regency"),
        ("3500010507900002", "regency"),
        ("3515990507900002", "district"),
        ("3515000507900002", "district"),
        ("3100010101900001", "regency"),
        ("3171000101900001", "district"),
        ("3515010007900002", "birth_day"),
        ("3515013207900002", "birth_day"),
        ("3515014007900002", "birth_day"),
        ("3515017207900002", "birth_day"),
        ("3515010513900002", "birth_month"),
        ("3515010500900002", "birth_month"),
        ("3515013002900002", "birth_date"),
        ("3515017002900002", "birth_date"),
        ("3515012902010001", "birth_date"),
        ("3515013104900001", "birth_date"),
        ("3515011606250001", "birth_future"),
        ("3515015512250001", "birth_future"),
        ("3515010507900000", "sequence"),
    ],
)
def test_nik_rejections(nik, rule):
    error = _rejects("INVALID_NIK", parse_nik, nik, today=TODAY)
    assert error.params["rule"] == rule
    assert error.field == "nik"


def test_nik_born_today_is_accepted():
    assert parse_nik("3515011506250001", today=TODAY).birth_date == TODAY


def test_nik_error_message_is_bilingual_and_reveals_no_digits():
    nik = "3515017207900002"
    error = _rejects("INVALID_NIK", parse_nik, nik, field="input.nik", today=TODAY)
    assert error.extensions == {"code": "INVALID_NIK", "field": "input.nik"}
    message_id, message_en = error.message("id"), error.message("en")
    assert message_id.startswith("NIK tidak valid: tanggal lahir")
    assert message_en.startswith("The NIK is not valid: the birth day")
    assert "{" not in message_id + message_en
    for message in (message_id, message_en, str(error)):
        assert nik not in message
        assert re.search(r"\d{3,}", message) is None


@pytest.mark.parametrize(
    "nik",
    ["351501050790000", "35150105079O0002", "9915010507900002", "3540010507900002", "3515990507900002",
     "3515010007900002", "3515010513900002", "3515013002900002", "3515011606250001", "3515010507900000"],
)  # fmt: skip
def test_every_nik_message_differs_by_language_and_hides_the_nik(nik):
    error = _rejects("INVALID_NIK", parse_nik, nik, today=TODAY)
    message_id, message_en = error.message("id"), error.message("en")
    assert message_id.startswith("NIK tidak valid: ")
    assert message_en.startswith("The NIK is not valid: ")
    assert message_id != message_en
    assert error.params["reason_id"] in message_id
    assert error.params["reason_en"] in message_en
    assert re.search(r"\d{3,}", message_id + " " + message_en) is None


_birth_dates = st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=TODAY)


@PROPERTY
@given(
    district=st.sampled_from(sorted(jatim_kecamatan_codes())),
    birth=_birth_dates,
    sex=st.sampled_from(Sex),
    sequence=st.integers(1, 9999),
)
def test_any_valid_jatim_nik_parses_back_to_its_parts(district, birth, sex, sequence):
    nik = _nik(district, birth, sex, sequence)
    info = parse_nik(nik, today=TODAY)
    assert info == NikInfo(
        nik=nik,
        province_code="35",
        regency_code=district[:5],
        district_code=district,
        birth_date=birth,
        sex=sex,
        sequence=sequence,
        in_province=True,
    )


@PROPERTY
@given(
    province=st.sampled_from(sorted(set(INDONESIAN_PROVINCE_CODES) - {"35"})),
    regency=st.integers(1, 99),
    district=st.integers(1, 99),
    birth=_birth_dates,
    sex=st.sampled_from(Sex),
    sequence=st.integers(1, 9999),
)
def test_any_valid_nik_from_another_province_is_accepted(province, regency, district, birth, sex, sequence):
    nik = _nik(f"{province}{regency:02d}{district:02d}", birth, sex, sequence)
    info = parse_nik(nik, today=TODAY)
    assert info.in_province is False
    assert info.district_code == f"{province}.{regency:02d}.{district:02d}"
    assert (info.birth_date, info.sex, info.sequence) == (birth, sex, sequence)


def _not_ascii_digits(length: int) -> st.SearchStrategy[str]:
    """Text of ``length`` characters that is not ``length`` ASCII digits: mostly digits with a stray character."""
    stray = st.characters().filter(lambda c: c not in "0123456789")
    almost = st.tuples(
        st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1),
        stray,
        st.integers(0, length - 1),
    ).map(lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :])
    anything = st.text(min_size=length, max_size=length).filter(lambda s: not (s.isascii() and s.isdigit()))
    return st.one_of(almost, anything)


@PROPERTY
@given(_not_ascii_digits(16))
def test_any_16_characters_that_are_not_16_digits_are_an_invalid_nik(text):
    assert len(text) == 16
    _rejects("INVALID_NIK", parse_nik, text, today=TODAY)


@PROPERTY
@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_any_16_digits_parse_or_are_an_invalid_nik(text):
    outcome = _outcome(parse_nik, text, today=TODAY)
    if isinstance(outcome, CettarError):
        assert outcome.code == "INVALID_NIK"
        assert text not in outcome.message("id") + outcome.message("en")
    else:
        assert outcome.nik == text


# --------------------------------------------------------------------------- NIP


def test_nip_of_a_woman():
    assert parse_nip("199003152015032001", today=TODAY) == NipInfo(
        nip="199003152015032001",
        birth_date=date(1990, 3, 15),
        appointed=date(2015, 3, 1),
        sex=Sex.FEMALE,
        sequence=1,
    )


def test_nip_of_a_man():
    info = parse_nip(" 198501012010011002 ", today=TODAY)
    assert (info.nip, info.sex, info.sequence) == ("198501012010011002", Sex.MALE, 2)


def test_nip_appointed_on_the_eighteenth_birthday_is_accepted():
    assert parse_nip("200001012018011001", today=TODAY).appointed == date(2018, 1, 1)
    assert parse_nip("200001022018021001", today=TODAY).appointed == date(2018, 2, 1)


def test_nip_appointed_this_month_is_accepted():
    assert parse_nip("199001012025061001", today=TODAY).appointed == date(2025, 6, 1)


@pytest.mark.parametrize(
    ("nip", "rule"),
    [
        ("", "length"),
        ("19850101201001100", "length"),
        ("1985010120100110021", "length"),
        ("19850101201001100X", "digits"),
        ("19850101 201001 1 002", "digits"),
        ("198502302010011002", "birth_date"),
        ("198513012010011002", "birth_date"),
        ("000001012010011002", "birth_date"),
        ("203001012010011002", "birth_future"),
        ("198501012010131002", "appointment_month"),
        ("198501012010001002", "appointment_month"),
        ("198501012025071002", "appointment_future"),
        ("200001022018011001", "appointment_age"),
        ("198501012000011002", "appointment_age"),
        ("198501012010013002", "sex"),
        ("198501012010010002", "sex"),
        ("198501012010011000", "sequence"),
    ],
)
def test_nip_rejections(nip, rule):
    error = _rejects("INVALID_NIP", parse_nip, nip, field="input.nip", today=TODAY)
    assert error.params["rule"] == rule
    assert error.extensions == {"code": "INVALID_NIP", "field": "input.nip"}
    message_id, message_en = error.message("id"), error.message("en")
    assert message_id.startswith("NIP tidak valid: ")
    assert message_en.startswith("The NIP is not valid: ")
    assert re.search(r"\d{3,}", message_id + " " + message_en) is None


@PROPERTY
@given(
    birth=st.dates(min_value=date(1950, 1, 1), max_value=TODAY - timedelta(days=19 * 366)),
    months_after=st.integers(0, 40 * 12),
    sex=st.sampled_from(Sex),
    sequence=st.integers(1, 999),
)
def test_any_valid_nip_parses_back_to_its_parts(birth, months_after, sex, sequence):
    first = birth.year * 12 + birth.month - 1 + 18 * 12 + 1  # the first whole month after the 18th birthday
    month_index = min(first + months_after, TODAY.year * 12 + TODAY.month - 1)
    appointed = date(month_index // 12, month_index % 12 + 1, 1)
    nip = f"{birth:%Y%m%d}{appointed:%Y%m}{1 if sex is Sex.MALE else 2}{sequence:03d}"
    assert parse_nip(nip, today=TODAY) == NipInfo(nip, birth, appointed, sex, sequence)


@PROPERTY
@given(_not_ascii_digits(18))
def test_any_18_characters_that_are_not_18_digits_are_an_invalid_nip(text):
    _rejects("INVALID_NIP", parse_nip, text, today=TODAY)


@PROPERTY
@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_any_18_digits_parse_or_are_an_invalid_nip(text):
    outcome = _outcome(parse_nip, text, today=TODAY)
    if isinstance(outcome, CettarError):
        assert outcome.code == "INVALID_NIP"
    else:
        assert outcome.nip == text


# --------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62 (812) 3456-7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("62 812-3456-7890", "+6281234567890"),
        ("  0812-3456-7890  ", "+6281234567890"),
        (_digits_from("081234567890", 0xFF10), "+6281234567890"),  # full-width digits from a phone keyboard
        ("(031) 5678901", "+62315678901"),
        ("021 1234567", "+62211234567"),
        ("+1 650 253 0000", "+16502530000"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(text, e164):
    assert normalise_phone(text) == e164


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("12345", "area_code"),
        ("0812", "too_short"),
        ("+62 81", "too_short"),
        ("0812-FLOWERS", "characters"),
        ("nomor saya 0812", "characters"),
        ("abc", "characters"),
        ("0812+34567890", "characters"),
        ("0812/3456/7890", "characters"),
        ("+62 812 3456 7890 ext 12", "characters"),
        ("+999 1234 5678", "country_code"),
        ("+", "not_a_number"),
        ("0" * 33, "too_long"),
        ("0812 3456 7890 1234 5", "not_valid"),
        ("0000 0000 000", "not_valid"),
    ],
)
def test_phone_rejections(text, rule):
    error = _rejects("INVALID_PHONE", normalise_phone, text, field="input.phone")
    assert error.params["rule"] == rule
    assert error.field == "input.phone"
    assert error.message("id").startswith("Nomor telepon tidak valid: ")
    assert error.message("en").startswith("The phone number is not valid: ")
    if len(text.strip()) >= 4:
        assert text.strip() not in error.message("id") + error.message("en")


_phone_like = st.text(alphabet="0123456789+-(). ", max_size=40)


@PROPERTY
@given(st.one_of(st.text(), _phone_like))
def test_normalise_phone_raises_nothing_but_invalid_phone(text):
    outcome = _outcome(normalise_phone, text)
    if isinstance(outcome, CettarError):
        assert outcome.code == "INVALID_PHONE"
    else:
        assert re.fullmatch(r"\+[1-9][0-9]{6,14}", outcome)
        assert normalise_phone(outcome) == outcome


@PROPERTY
@given(st.text(alphabet="0123456789", min_size=8, max_size=9))
def test_national_and_international_forms_of_a_mobile_number_agree(rest):
    national = "0812" + rest
    outcome = _outcome(normalise_phone, national)
    if isinstance(outcome, CettarError):
        assert outcome.code == "INVALID_PHONE"
        return
    assert outcome == "+62812" + rest
    spaced = " ".join(rest[i : i + 4] for i in range(0, len(rest), 4))
    for form in (f"+62 812 {spaced}", f"62812{rest}", f"0812-{rest[:4]}-{rest[4:]}", f"(0812) {spaced}"):
        assert normalise_phone(form) == outcome


# --------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("budi@jatimprov.go.id", "budi@jatimprov.go.id"),
        ("  Budi.Santoso@JatimProv.GO.ID ", "budi.santoso@jatimprov.go.id"),
        ("siti+lapor@mail.co.id", "siti+lapor@mail.co.id"),
        ("budi@bücher.de", "budi@bücher.de"),
    ],
)
def test_emails_are_normalised(text, normal):
    assert normalise_email(text) == normal


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "empty"),
        ("budi", "no_at"),
        ("budi.jatimprov.go.id", "no_at"),
        ("@jatimprov.go.id", "local_empty"),
        ("budi@", "domain_empty"),
        ("budi@@jatimprov.go.id", "domain"),
        ("bu di@jatimprov.go.id", "local_characters"),
        (".budi@jatimprov.go.id", "local_characters"),
        ("budi.@jatimprov.go.id", "local_characters"),
        ("bu..di@jatimprov.go.id", "periods"),
        ("budi@localhost", "domain_period"),
        ("budi@surabaya.test", "domain_reserved"),
        ("budi@-jatimprov.go.id", "domain"),
        ("budi@jatimprov.go.id.", "domain"),
        ("Budi <budi@jatimprov.go.id>", "syntax"),
        ("b" * 60 + "@" + ".".join(["d" * 60] * 4) + ".id", "too_long"),
        ("b" * 400 + "@jatimprov.go.id", "too_long"),
    ],
)
def test_email_rejections(text, rule):
    error = _rejects("INVALID_EMAIL", normalise_email, text)
    assert error.params["rule"] == rule
    assert error.field == "email"
    assert error.message("id").startswith("Alamat e-mail tidak valid: ")
    assert error.message("en").startswith("The e-mail address is not valid: ")
    assert "{" not in error.message("id") + error.message("en")


@PROPERTY
@given(st.one_of(st.text(), st.emails().map(lambda e: f" {e} ")))
def test_normalise_email_raises_nothing_but_invalid_email(text):
    outcome = _outcome(normalise_email, text)
    if isinstance(outcome, CettarError):
        assert outcome.code == "INVALID_EMAIL"
    else:
        assert "@" in outcome
        assert normalise_email(outcome) == outcome


# --------------------------------------------------------------------------- password


@pytest.mark.parametrize("password", ["kopi tubruk", "a" * 10, "x" * 128, "1234567890a", "Rawon-Setan-2025"])
def test_good_passwords_pass(password):
    assert check_password(password, avoid=["budisantoso", "3515010507900002", "budi.santoso"]) is None


@pytest.mark.parametrize(
    ("password", "avoid", "rule"),
    [
        ("", (), "too_short"),
        ("pendek", (), "too_short"),
        ("a" * 9, (), "too_short"),
        ("x" * 129, (), "too_long"),
        ("1234567890", (), "digits_only"),
        ("3515010507900002", (), "digits_only"),
        ("BudiSantoso2025!", ["budisantoso"], "personal_data"),
        ("rahasia-BUDI.SANTOSO", ["budi.santoso"], "personal_data"),
        ("kunci 3515010507900002", ["3515010507900002"], "personal_data"),
        ("saya-budi-rahasia", ["  Budi  "], "personal_data"),
    ],
)
def test_weak_passwords(password, avoid, rule):
    error = _rejects("WEAK_PASSWORD", check_password, password, field="input.password", avoid=avoid)
    assert error.params["rule"] == rule
    assert error.field == "input.password"
    assert error.message("id").startswith("Kata sandi terlalu lemah: ")
    assert error.message("en").startswith("The password is too weak: ")
    for word in avoid:
        assert word.strip() not in error.message("id") + error.message("en")


def test_short_avoid_strings_are_ignored():
    check_password("kopi-abc-tubruk", avoid=["abc", "", "kop"])


@PROPERTY
@given(
    word=st.text(alphabet="abcdefghijklmnopqrstuvwxyz.", min_size=4, max_size=20), pad=st.text(min_size=10, max_size=20)
)
def test_a_password_containing_an_avoided_word_is_weak(word, pad):
    password = pad + word.upper()
    error = _rejects("WEAK_PASSWORD", check_password, password, avoid=[word])
    assert error.params["rule"] == "personal_data"


# --------------------------------------------------------------------------- masking


def test_masks():
    assert mask_nik("3515012345670002") == "3515**********02"
    assert mask_nip("199003152015032001") == "1990************01"
    assert mask_phone("+6281234567890") == "+62812*****890"
    assert mask_phone("+16502530000") == "+1650****000"
    assert mask_email("budi.santoso@example.com") == "b***o@example.com"


@pytest.mark.parametrize(
    ("email", "masked"),
    [("ab@x.id", "*@x.id"), ("a@x.id", "*@x.id"), ("abc@x.id", "a***c@x.id"), ("tanpa-at", "t***t")],
)
def test_mask_email_short_local_parts(email, masked):
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    ("e164", "masked"),
    [
        ("+62315678901", "+62315***901"),  # national 315678901: 9 digits
        ("+2991234", "+2991***"),  # national 1234: never fewer than 3 hidden
        ("+62 812 3456 7890", "+62 ***********90"),  # not E.164: only its ends are kept
        ("081234567890", "0812******90"),
        ("123", "***"),
    ],
)
def test_mask_phone_edge_cases(e164, masked):
    assert mask_phone(e164) == masked


def test_masks_of_short_or_odd_values_hide_everything():
    assert mask_nik("35150") == "*****"
    assert mask_nip("") == ""


@PROPERTY
@given(st.one_of(st.text(alphabet="0123456789", min_size=16, max_size=16), st.text()))
def test_mask_nik_never_reveals_more_than_six_digits(nik):
    masked = mask_nik(nik)
    assert sum(c.isdigit() for c in masked) <= 6
    assert len(masked) == len(nik.strip())


@PROPERTY
@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_mask_nip_keeps_the_length_and_six_digits(nip):
    masked = mask_nip(nip)
    assert len(masked) == 18
    assert masked[:4] == nip[:4]
    assert masked[-2:] == nip[-2:]
    assert set(masked[4:-2]) == {"*"}


@PROPERTY
@given(st.text(alphabet="0123456789", min_size=9, max_size=12).map(lambda n: "+628" + n))
def test_mask_phone_hides_the_middle(e164):
    masked = mask_phone(e164)
    assert len(masked) == len(e164)
    assert masked.count("*") >= 3
    assert sum(c.isdigit() for c in masked) <= len(e164) - 1 - 3
