"""Typed errors with a stable code and a message in Bahasa Indonesia and English.

Every error the API shows a client is a :class:`CettarError`. Its ``code`` is a
stable UPPER_SNAKE string (listed in ``docs/errors.md``), ``field`` the input path
at fault when there is one, and the message exists in both languages. Anything
else that escapes a resolver is an internal failure and is masked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from graphql import GraphQLFormattedError

Language = str  # "id" or "en"
LANGUAGES: tuple[Language, ...] = ("id", "en")
DEFAULT_LANGUAGE: Language = "id"

#: The kernel's own codes and their default messages (id, en).
MESSAGES: dict[str, tuple[str, str]] = {
    "UNAUTHENTICATED": ("Anda harus masuk terlebih dahulu.", "You must sign in first."),
    "FORBIDDEN": ("Anda tidak berwenang melakukan ini.", "You are not allowed to do this."),
    "NOT_FOUND": ("Data tidak ditemukan.", "Not found."),
    "VALIDATION_FAILED": ("Masukan tidak valid.", "The input is not valid."),
    "INVALID_ID": ("ID tidak valid.", "The ID is not valid."),
    "INVALID_CURSOR": ("Kursor halaman tidak valid.", "The page cursor is not valid."),
    "PAGE_SIZE_EXCEEDED": (
        "Ukuran halaman maksimal {max}.",
        "The page size may be at most {max}.",
    ),
    "CONFLICT": ("Data bertentangan dengan data yang ada.", "This conflicts with existing data."),
    "RATE_LIMITED": ("Terlalu banyak permintaan, coba lagi nanti.", "Too many requests, try again later."),
    "GRAPHQL_PARSE_FAILED": (
        "Kueri GraphQL tidak dapat diurai: {detail}",
        "The GraphQL query could not be parsed: {detail}",
    ),
    "GRAPHQL_VALIDATION_FAILED": ("Kueri GraphQL tidak valid: {detail}", "The GraphQL query is not valid: {detail}"),
    "BAD_REQUEST": ("Permintaan tidak valid: {detail}", "Bad request: {detail}"),
    "INTERNAL_ERROR": (
        "Terjadi kesalahan internal. Kode permintaan: {request_id}",
        "An internal error occurred. Request id: {request_id}",
    ),
    "INVALID_CREDENTIALS": (
        "Nama pengguna atau kata sandi salah.",
        "The username or password is wrong.",
    ),
    "TOO_MANY_ATTEMPTS": (
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {retry_after} detik.",
        "Too many failed sign-in attempts. Try again in {retry_after} seconds.",
    ),
    "INVALID_TOKEN": (
        "Token tidak valid, kedaluwarsa atau telah dicabut. Silakan masuk kembali.",
        "The token is invalid, expired or revoked. Please sign in again.",
    ),
    "DEMO_ACCOUNT_REFUSED": (
        "Akun demo tidak dapat digunakan di lingkungan produksi.",
        "Demo accounts cannot be used in production.",
    ),
    "ACCOUNT_EXISTS": (
        "{what_id} sudah terdaftar pada akun lain.",
        "This {what_en} is already registered to another account.",
    ),
    "INVALID_USERNAME": (
        "Nama pengguna harus 3 sampai 32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf.",
        "A username has 3 to 32 characters: lower-case letters, digits, dots, underscores or hyphens, starting with a letter.",
    ),
    "CONTACT_REQUIRED": (
        "Isi nomor telepon atau alamat e-mail.",
        "Give a phone number or an e-mail address.",
    ),
    "RESET_TOKEN_INVALID": (
        "Kode atur ulang kata sandi tidak valid atau kedaluwarsa.",
        "The password reset code is invalid or expired.",
    ),
    "IDEMPOTENCY_KEY_REUSED": (
        "Kunci idempotensi ini sudah dipakai untuk permintaan lain.",
        "This idempotency key was already used for a different request.",
    ),
    "PAYLOAD_TOO_LARGE": (
        "Isi permintaan terlalu besar (maksimal {max_mib} MiB).",
        "The request body is too large (at most {max_mib} MiB).",
    ),
    "DEMO_DATA_REFUSED": (
        "Data demo tidak boleh dimuat di lingkungan produksi.",
        "Demo data is refused in production.",
    ),
    # Query limits (schema.limits, docs/limits.md); `extensions.limit` names the limit and its value.
    "QUERY_TOO_DEEP": (
        "Kueri terlalu dalam: kedalaman {found}, maksimal {max}.",
        "The query is too deep: depth {found}, at most {max}.",
    ),
    "TOO_MANY_ALIASES": (
        "Kueri memakai terlalu banyak alias: {found}, maksimal {max}.",
        "The query uses too many aliases: {found}, at most {max}.",
    ),
    "QUERY_TOO_LONG": (
        "Kueri terlalu panjang: lebih dari {max} {what_id}.",
        "The query is too long: more than {max} {what_en}.",
    ),
    "TOO_MANY_DIRECTIVES": (
        "Kueri memakai terlalu banyak direktif: {found}, maksimal {max}.",
        "The query uses too many directives: {found}, at most {max}.",
    ),
    "QUERY_TOO_COSTLY": (
        "Kueri terlalu mahal: dapat mengambil lebih dari {max} objek. Minta halaman lebih kecil (first/last) "
        "atau lebih sedikit daftar bertingkat.",
        "The query is too costly: it may fetch more than {max} objects. Ask for smaller pages (first/last) "
        "or fewer nested lists.",
    ),
    "QUERY_TIMEOUT": (
        "Kueri dihentikan setelah {max} detik; tidak ada perubahan yang disimpan.",
        "The operation was stopped after {max} seconds; nothing was changed.",
    ),
    "BATCH_NOT_ALLOWED": (
        "Beberapa operasi dalam satu permintaan (batch) tidak diizinkan; kirim satu per satu.",
        "Several operations in one request (a batch) are not allowed; send them one at a time.",
    ),
    "BATCH_TOO_LARGE": (
        "Terlalu banyak operasi dalam satu permintaan: {found}, maksimal {max}.",
        "Too many operations in one request: {found}, at most {max}.",
    ),
}


def register_messages(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add a plugin's error codes: ``{"CODE": ("pesan", "message")}``."""
    for code, pair in messages.items():
        existing = MESSAGES.get(code)
        if existing is not None and existing != pair:
            raise ValueError(f"error code {code} is already registered with other messages")
        MESSAGES[code] = pair


def pick_language(accept_language: str | None) -> Language:
    """The best of ``id``/``en`` for an ``Accept-Language`` header (default ``id``)."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, index, primary))
    return sorted(ranked)[0][2] if ranked else DEFAULT_LANGUAGE


class CettarError(Exception):
    """An error meant for the client: a stable code, an input field, two languages."""

    code: ClassVar[str] = "BAD_REQUEST"

    def __init__(
        self,
        code: str | None = None,
        *,
        field: str | None = None,
        message_id: str | None = None,
        message_en: str | None = None,
        **params: Any,
    ) -> None:
        self.code = code or type(self).code  # type: ignore[misc]
        self.field = field
        self.params = params
        self._messages = (message_id, message_en)
        super().__init__(self.message("en"))

    def message(self, language: Language = DEFAULT_LANGUAGE) -> str:
        default_id, default_en = MESSAGES.get(self.code, (self.code, self.code))
        given_id, given_en = self._messages
        template = (given_en or default_en) if language == "en" else (given_id or default_id)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template

    @property
    def extensions(self) -> dict[str, Any]:
        ext: dict[str, Any] = {"code": self.code}
        if self.field:
            ext["field"] = self.field
        return ext

    def formatted(self, language: Language = DEFAULT_LANGUAGE) -> GraphQLFormattedError:
        """This error as an entry of a GraphQL response's ``errors``: ``{"message", "extensions"}``."""
        return {"message": self.message(language), "extensions": self.extensions}


def error_body(error: CettarError, language: Language = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The body of a response refused before any GraphQL ran: ``{"errors": [error]}``, no ``data``."""
    return {"errors": [error.formatted(language)]}


class LimitExceeded(CettarError):
    """A request over one of the platform's limits (docs/limits.md): ``extensions.limit`` is
    ``{"name": <the limit>, "max": <its value>}``, e.g. ``{"name": "depth", "max": 15}``."""

    def __init__(self, code: str, *, limit: str, max: float, **params: Any) -> None:
        super().__init__(code, max=max, **params)
        self.limit = limit
        self.max = max

    @property
    def extensions(self) -> dict[str, Any]:
        return {**super().extensions, "limit": {"name": self.limit, "max": self.max}}


class NotFound(CettarError):
    code = "NOT_FOUND"


class Forbidden(CettarError):
    code = "FORBIDDEN"


class Unauthenticated(CettarError):
    code = "UNAUTHENTICATED"


class ValidationFailed(CettarError):
    code = "VALIDATION_FAILED"


class Conflict(CettarError):
    code = "CONFLICT"
