"""GAYATRI's error codes (each listed in ``docs/plugins/gayatri.md``), registered when the plugin is imported."""

from __future__ import annotations

from core.errors import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    "GAYATRI_KELURAHAN_INVALID": (
        "{kelurahan} bukan kode kelurahan di Kota Mojokerto (35.76.xx.xxxx).",
        "{kelurahan} is not the code of a kelurahan in Kota Mojokerto (35.76.xx.xxxx).",
    ),
    "GAYATRI_NOT_A_CADRE": (
        "Hanya kader GAYATRI yang aktif yang dapat melakukan ini.",
        "Only an active GAYATRI cadre can do this.",
    ),
    "GAYATRI_OUTSIDE_KELURAHAN": (
        "Anda kader kelurahan lain; data ini milik kelurahan {kelurahan}.",
        "You are a cadre of another kelurahan; this belongs to kelurahan {kelurahan}.",
    ),
    "GAYATRI_CADRE_ACCOUNT_INVALID": (
        "Akun kader harus akun warga yang aktif.",
        "A cadre's account must be an active citizen account.",
    ),
    "GAYATRI_CADRE_ALREADY_REGISTERED": (
        "Akun ini sudah terdaftar sebagai kader.",
        "This account is already registered as a cadre.",
    ),
    "GAYATRI_CHILD_ALREADY_REGISTERED": (
        "Anak dengan NIK ini sudah terdaftar.",
        "A child with this NIK is already registered.",
    ),
    "GAYATRI_NIK_MISMATCH": (
        "NIK tidak sesuai dengan {what_id}.",
        "The NIK does not match the {what_en}.",
    ),
    "GAYATRI_DATE_INVALID": (
        "Tanggal tidak boleh sebelum tanggal lahir anak atau setelah hari ini.",
        "The date may not be before the child's birth date or after today.",
    ),
    "GAYATRI_AGE_OUT_OF_RANGE": (
        "Standar WHO dan Permenkes 2/2020 berlaku untuk anak usia 0-60 bulan; umur anak {age} bulan.",
        "The WHO standard and Permenkes 2/2020 apply to children aged 0-60 months; the child is {age} months old.",
    ),
    "GAYATRI_IMPLAUSIBLE_MEASUREMENT": (
        "Panjang/tinggi badan {height} cm tidak masuk akal untuk umur {age} bulan (z = {z}); periksa kembali.",
        "A length/height of {height} cm is implausible at {age} months (z = {z}); please check it.",
    ),
    "GAYATRI_DOSE_ALREADY_RECORDED": (
        "Dosis ini sudah tercatat untuk anak tersebut.",
        "This dose is already recorded for the child.",
    ),
    "GAYATRI_INVALID_TRANSITION": (
        "Kasus berstatus {status_id} tidak dapat {step_id}.",
        "A case that is {status_en} cannot be {step_en}.",
    ),
    "GAYATRI_ROUTE_TARGET_INVALID": (
        "Kasus GAYATRI hanya dapat diteruskan ke {agencies}.",
        "GAYATRI cases can only be routed to {agencies}.",
    ),
}

register_messages(MESSAGES)
