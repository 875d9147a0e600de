"""Checking form answers against a service's :class:`core.services.FormField` definitions.

Every answer is checked by the platform first — required, datatype, allowed values,
length, ``pattern`` and the ``format`` hints it knows (``nik``, ``kk``, ``date``,
``phone``, ``email``, ``desa``) — then the service's own ``validate`` gets the checked
values (strings stripped, numbers as ``int``/``float``, dates as ``datetime.date``).
Errors name the answer: ``field="input.answers.<code>"``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import CettarError
from core.identity.validators import normalise_email, normalise_phone, parse_nik
from core.regions.models import Region, RegionKind
from core.services import Datatype, FormField, ServiceDefinition

VILLAGES = frozenset({RegionKind.DESA, RegionKind.KELURAHAN})
KK_LENGTH = 16
_DIGITS = re.compile(r"[0-9]+")
#: Formats the platform checks; any other ``format`` is a hint for the frontend only.
CHECKED_FORMATS = frozenset({"nik", "kk", "date", "phone", "email", "desa"})


def _invalid(spec: FormField, path: str, reason_id: str, reason_en: str) -> CettarError:
    return CettarError(
        "ANSWER_INVALID",
        field=path,
        label_id=spec.name_id,
        label_en=spec.name_en,
        reason_id=reason_id,
        reason_en=reason_en,
    )


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, list) and not value)


async def check_village(session: AsyncSession, code: Any, path: str) -> Region:
    """The desa/kelurahan ``code`` names; ``INVALID_REGION`` (on ``path``) when it names none."""
    text = code.strip() if isinstance(code, str) else ""
    region = await session.get(Region, text) if 0 < len(text) <= 13 else None
    if region is None or region.kind not in VILLAGES:
        raise CettarError("INVALID_REGION", field=path, region=text[:20] or "-")
    return region


async def _string(session: AsyncSession, spec: FormField, value: Any, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _invalid(spec, path, "harus berupa teks", "it must be text")
    text = str(value).strip()
    if len(text) > spec.max_length:
        raise _invalid(
            spec,
            path,
            f"paling banyak {spec.max_length} karakter",
            f"it may have at most {spec.max_length} characters",
        )
    if spec.datatype is Datatype.STRING and ("\n" in text or "\r" in text):
        raise _invalid(spec, path, "harus satu baris", "it must be one line")
    fmt = (spec.format or "").lower()
    if fmt == "nik":
        text = parse_nik(text, field=path).nik
    elif fmt == "kk":
        if len(text) != KK_LENGTH or not _DIGITS.fullmatch(text) or text.startswith("00"):
            raise _invalid(spec, path, "nomor KK terdiri atas 16 angka", "a KK number has 16 digits")
    elif fmt == "date":
        try:
            text = date.fromisoformat(text).isoformat()
        except ValueError:
            raise _invalid(spec, path, "tanggal ditulis TTTT-BB-HH", "a date is written YYYY-MM-DD") from None
    elif fmt == "phone":
        text = normalise_phone(text, field=path)
    elif fmt == "email":
        text = normalise_email(text, field=path)
    elif fmt == "desa":
        text = (await check_village(session, text, path)).code
    if spec.pattern and re.fullmatch(spec.pattern, text) is None:
        raise _invalid(spec, path, "bentuknya tidak sesuai", "it does not have the expected form")
    return text


def _number(spec: FormField, value: Any, path: str) -> int | float:
    number: int | float
    if isinstance(value, bool):
        raise _invalid(spec, path, "harus berupa angka", "it must be a number")
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            number = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                raise _invalid(spec, path, "harus berupa angka", "it must be a number") from None
    else:
        raise _invalid(spec, path, "harus berupa angka", "it must be a number")
    if isinstance(number, float):
        if not math.isfinite(number):
            raise _invalid(spec, path, "harus berupa angka", "it must be a number")
        if number.is_integer():
            number = int(number)
    return number


def _moment(spec: FormField, value: Any, path: str) -> date | datetime:
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            moment = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return moment
    raise _invalid(
        spec,
        path,
        "tanggal ditulis TTTT-BB-HH (atau tanggal dan jam dengan zona waktu)",
        "write a date as YYYY-MM-DD (or a date and time with its offset)",
    )


def _choice(spec: FormField, value: Any, path: str) -> str:
    keys = [c.key for c in spec.choices]
    if not isinstance(value, str) or value.strip() not in keys:
        raise _invalid(
            spec,
            path,
            "pilih salah satu dari: " + ", ".join(keys),
            "choose one of: " + ", ".join(keys),
        )
    return value.strip()


async def check_answer(session: AsyncSession, spec: FormField, value: Any, path: str) -> Any:
    """One checked answer (not empty: the caller handles empty and required)."""
    if spec.datatype in (Datatype.STRING, Datatype.TEXT):
        return await _string(session, spec, value, path)
    if spec.datatype is Datatype.NUMBER:
        return _number(spec, value, path)
    if spec.datatype is Datatype.DATETIME:
        return _moment(spec, value, path)
    if spec.datatype is Datatype.SINGLEVALUELIST:
        return _choice(spec, value, path)
    if not isinstance(value, list):
        value = [value]
    chosen: list[str] = []
    for item in value:
        key = _choice(spec, item, path)
        if key not in chosen:
            chosen.append(key)
    return chosen


async def check_answers(
    session: AsyncSession, service: ServiceDefinition, raw: Any, *, path: str = "input.answers"
) -> dict[str, Any]:
    """Every answer checked against its field, then by the service's ``validate``; Python values."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise CettarError(
            "VALIDATION_FAILED",
            field=path,
            message_id="Jawaban formulir berupa objek: kode isian → nilai.",
            message_en="Form answers are an object: field code → value.",
        )
    codes = {spec.code for spec in service.form}
    for code in raw:
        if code not in codes:
            raise CettarError("ANSWER_UNKNOWN", field=f"{path}.{code}", name=str(code)[:64])
    checked: dict[str, Any] = {}
    for spec in service.form:
        value = raw.get(spec.code)
        field_path = f"{path}.{spec.code}"
        if _empty(value):
            if spec.required:
                raise CettarError("ANSWER_REQUIRED", field=field_path, label_id=spec.name_id, label_en=spec.name_en)
            continue
        checked[spec.code] = await check_answer(session, spec, value, field_path)
    if service.region_field and service.region_field in checked:
        region_path = f"{path}.{service.region_field}"
        checked[service.region_field] = (await check_village(session, checked[service.region_field], region_path)).code
    if service.validate is not None:
        checked = dict(service.validate(MappingProxyType(checked)))
    return checked


def to_json(value: Any) -> Any:
    """Answers as stored and shown: dates and times in ISO 8601, sequences as lists."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
