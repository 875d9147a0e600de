"""The Open311 services: one per complaint category, each with the same attributes.

``service_code`` is the category's code (a string such as ``infrastruktur``). Every
service has ``metadata: true``: its definition asks for the complaint's desa/kelurahan
(required: a complaint is routed by its kabupaten/kota) and, optionally, a title,
the kind of report, anonymity, confidentiality, the agency and the public service
it concerns. Names and descriptions come in Bahasa Indonesia or English by
``Accept-Language``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.errors import Language
from core.services import Choice, Datatype, FormField, ServiceRegistry
from plugins.pengaduan.categories import CATEGORIES, Category, category
from plugins.pengaduan.open311.models import ResponseMode
from plugins.pengaduan.open311.wire import Open311Error, Problem, not_found

REGION_CODE = "region_code"
TITLE = "title"
KIND = "kind"
ANONYMOUS = "anonymous"
CONFIDENTIAL = "confidential"
AGENCY_CODE = "agency_code"
PUBLIC_SERVICE = "public_service"
PRIVACY = "privacy"

#: Groups of the service list ("a category to group this service type within").
GROUPS: dict[str, str] = {
    "administrasi_kependudukan": "administrasi",
    "perizinan": "administrasi",
    "pajak_daerah": "administrasi",
    "kesehatan": "layanan_dasar",
    "pendidikan": "layanan_dasar",
    "sosial": "layanan_dasar",
    "ketenagakerjaan": "layanan_dasar",
    "infrastruktur": "prasarana_dan_lingkungan",
    "lingkungan": "prasarana_dan_lingkungan",
    "transportasi": "prasarana_dan_lingkungan",
    "dana_desa": "pemerintahan_desa",
    "ketertiban_umum": "ketertiban",
}
DEFAULT_GROUP = "lainnya"

_YES_NO = (Choice("false", "Tidak", "No"), Choice("true", "Ya", "Yes"))

#: The attributes every service asks for, in order (``order`` is the position, from 1).
ATTRIBUTES: tuple[FormField, ...] = (
    FormField(
        PRIVACY,
        Datatype.TEXT,
        "Privasi pelapor",
        "Reporter's privacy",
        "Nama, e-mail, telepon dan ID perangkat pelapor hanya dilihat petugas yang menangani laporan dan tidak "
        "pernah ditampilkan di daftar laporan. Laporan anonim tidak menampilkan identitas pelapor; laporan rahasia "
        "tidak tampil di daftar laporan sama sekali.",
        "The reporter's name, e-mail, phone and device id are seen only by the officers handling the report and "
        "never shown in the list of requests. An anonymous report never shows who filed it; a confidential report "
        "is not listed at all.",
        required=False,
    ),
    FormField(
        REGION_CODE,
        Datatype.STRING,
        "Desa/kelurahan",
        "Desa/kelurahan",
        "Kode Kemendagri desa/kelurahan tempat masalah terjadi, mis. 35.78.01.1001; laporan diteruskan ke "
        "kabupaten/kota-nya.",
        "The Kemendagri code of the desa/kelurahan where the problem is, e.g. 35.78.01.1001; the report goes to "
        "its kabupaten/kota.",
        format="region_code",
        pattern=r"35\.\d{2}\.\d{2}\.\d{4}",
        max_length=13,
    ),
    FormField(
        TITLE,
        Datatype.STRING,
        "Judul",
        "Title",
        "Judul singkat laporan; bila kosong diambil dari awal deskripsi.",
        "A short title; when left out, the start of the description is used.",
        required=False,
        max_length=150,
    ),
    FormField(
        KIND,
        Datatype.SINGLEVALUELIST,
        "Jenis laporan",
        "Kind of report",
        "Pengaduan (bawaan), aspirasi, atau permintaan informasi (SP4N-LAPOR!).",
        "A complaint (the default), an aspiration or a request for information (SP4N-LAPOR!).",
        required=False,
        choices=(
            Choice("complaint", "Pengaduan", "Complaint"),
            Choice("aspiration", "Aspirasi", "Aspiration"),
            Choice("information_request", "Permintaan informasi", "Request for information"),
        ),
    ),
    FormField(
        ANONYMOUS,
        Datatype.SINGLEVALUELIST,
        "Anonim",
        "Anonymous",
        "Ya: laporan tetap publik tetapi identitas pelapor tidak pernah ditampilkan, juga kepada petugas.",
        "Yes: the report stays public but who filed it is never shown, not even to officers.",
        required=False,
        choices=_YES_NO,
    ),
    FormField(
        CONFIDENTIAL,
        Datatype.SINGLEVALUELIST,
        "Rahasia",
        "Confidential",
        "Ya: laporan tidak tampil di daftar publik dan hanya dibaca petugas yang menanganinya.",
        "Yes: the report is not listed publicly and is read only by the officers handling it.",
        required=False,
        choices=_YES_NO,
    ),
    FormField(
        AGENCY_CODE,
        Datatype.STRING,
        "Instansi yang dituju",
        "Agency concerned",
        "Kode instansi yang dilaporkan, bila diketahui, mis. dispendukcapil-3578.",
        "The code of the agency concerned, if known, e.g. dispendukcapil-3578.",
        required=False,
        max_length=64,
    ),
    FormField(
        PUBLIC_SERVICE,
        Datatype.SINGLEVALUELIST,
        "Layanan publik",
        "Public service",
        "Layanan publik yang dilaporkan, bila ada.",
        "The public service concerned, if any.",
        required=False,
    ),
)
BY_CODE = {attribute.code: attribute for attribute in ATTRIBUTES}


@dataclass(frozen=True)
class Catalog:
    """The services and attributes of a running platform (the public services come from ``runtime.services``)."""

    services: ServiceRegistry

    def attributes(self) -> list[tuple[int, FormField]]:
        """``(order, attribute)``; the public-service list only when the platform has services."""
        shown = []
        for attribute in ATTRIBUTES:
            if attribute.code == PUBLIC_SERVICE:
                if not len(self.services):
                    continue
                attribute = dataclasses.replace(attribute, choices=tuple(_service_choices(self.services)))
            shown.append(attribute)
        return list(enumerate(shown, start=1))

    def category(self, service_code: str) -> Category:
        """The category a service code names; 404 for an unknown one."""
        found = category(service_code)
        if found is None:
            raise not_found(
                f"service_code '{service_code}' tidak ditemukan.",
                f"The service_code '{service_code}' was not found.",
            )
        return found


def _service_choices(services: ServiceRegistry) -> list[Choice]:
    return [Choice(s.code, s.name_id, s.name_en) for s in services.all()]


def _keywords(item: Category) -> str:
    words: dict[str, None] = {item.name_id: None, item.name_en: None}
    for part in re.split(r",| dan ", item.description_id.rstrip(".")):
        if part.strip():
            words.setdefault(part.strip(), None)
    return ", ".join(words)


def service_list(language: Language, mode: ResponseMode) -> list[dict[str, Any]]:
    """GET services: every category as a service, in the categories' order."""
    return [
        {
            "service_code": item.code,
            "service_name": item.name_en if language == "en" else item.name_id,
            "description": item.description_en if language == "en" else item.description_id,
            "metadata": True,
            "type": str(mode),
            "keywords": _keywords(item),
            "group": GROUPS.get(item.code, DEFAULT_GROUP),
        }
        for item in CATEGORIES
    ]


def service_definition(catalog: Catalog, service_code: str, language: Language) -> dict[str, Any]:
    """GET services/{code}: the attributes of one service; 404 for an unknown code."""
    item = catalog.category(service_code)
    english = language == "en"
    return {
        "service_code": item.code,
        "attributes": [
            {
                "variable": attribute.code != PRIVACY,
                "code": attribute.code,
                "datatype": str(attribute.datatype),
                "required": attribute.required,
                "datatype_description": _datatype_description(attribute, english),
                "order": order,
                "description": (attribute.description_en if english else attribute.description_id)
                if attribute.code == PRIVACY
                else _described(attribute, english),
                "values": [{"key": c.key, "name": c.name_en if english else c.name_id} for c in attribute.choices],
            }
            for order, attribute in catalog.attributes()
        ],
    }


def _described(attribute: FormField, english: bool) -> str:
    name, text = (
        (attribute.name_en, attribute.description_en) if english else (attribute.name_id, attribute.description_id)
    )
    return f"{name}: {text}"


def _datatype_description(attribute: FormField, english: bool) -> str | None:
    if attribute.code == REGION_CODE:
        return "35.KK.CC.DDDD (Kepmendagri 300.2.2-2138/2025)"
    if attribute.datatype is Datatype.STRING:
        return (
            f"at most {attribute.max_length} characters"
            if english
            else f"paling banyak {attribute.max_length} karakter"
        )
    return None


def check_answers(catalog: Catalog, answers: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The ``attribute[code]`` answers checked against the definition; every problem is one 400.

    Returns one value per answered code. An unknown code, a missing required
    attribute, a value not in a list's ``values``, several values for a single
    value, a line break in a string or a too long string are refused.
    """
    problems: list[Problem] = []
    attributes = {attribute.code: attribute for _order, attribute in catalog.attributes()}
    checked: dict[str, str] = {}
    for code in answers:
        if code not in attributes or code == PRIVACY:
            problems.append(
                Problem(400, f"attribute[{code}] tidak dikenal layanan ini.", f"attribute[{code}] is not known.")
            )
    for code, attribute in attributes.items():
        values = list(answers.get(code, ()))
        if not values:
            if attribute.required and attribute.code != PRIVACY:
                problems.append(Problem(400, f"attribute[{code}] wajib diisi.", f"attribute[{code}] is required."))
            continue
        problem = _check_value(attribute, values)
        if problem is None:
            checked[code] = values[0]
        else:
            problems.append(Problem(400, f"attribute[{code}]: {problem[0]}", f"attribute[{code}]: {problem[1]}"))
    if problems:
        raise Open311Error(*problems)
    return checked


def _check_value(attribute: FormField, values: list[str]) -> tuple[str, str] | None:
    if len(values) > 1:
        return ("hanya satu nilai yang boleh dikirim.", "only one value may be sent.")
    value = values[0]
    if attribute.datatype is Datatype.SINGLEVALUELIST:
        keys = [c.key for c in attribute.choices]
        if value not in keys:
            return (f"nilai harus salah satu dari {', '.join(keys)}.", f"the value must be one of {', '.join(keys)}.")
        return None
    if "\n" in value or "\r" in value:
        return ("tidak boleh berisi baris baru.", "must not contain line breaks.")
    if len(value) > attribute.max_length:
        return (
            f"paling banyak {attribute.max_length} karakter.",
            f"at most {attribute.max_length} characters.",
        )
    if attribute.pattern is not None and not re.fullmatch(attribute.pattern, value):
        return ("formatnya tidak sesuai, mis. 35.78.01.1001.", "has the wrong format, e.g. 35.78.01.1001.")
    return None
