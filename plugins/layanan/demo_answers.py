"""Answers for demo applications: each service's own ``sample_answers``, or else a guess from its form.

A service family knows what a valid application looks like and says so with
``ServiceDefinition.sample_answers(today, applicant)``. The demo asks it for the day of
the (backdated) submission first, so dates fit the story; a service's ``validate`` checks
against the real today, so when those answers are refused it asks again for today. A
service without ``sample_answers`` (a regional team's, say) gets answers guessed from its
form's definition — choices, datatypes, formats, a few patterns — each refusal naming an
answer moving that answer to its next candidate. Every answer set is checked exactly as
``submitApplication`` checks it before it is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import CettarError
from core.services import Applicant, Datatype, FormField, ServiceDefinition
from plugins.layanan import forms


@dataclass(frozen=True)
class DemoPerson:
    """Whom the demo applies as: what sample answers and guesses draw on."""

    applicant: Applicant  # name, NIK, and the desa/kelurahan they live in
    phone: str | None
    email: str | None
    plate: str  # a vehicle plate of their region, for a guessed ``plate`` answer
    other_niks: tuple[str, ...] = ()  # other demo citizens' NIKs, for a guessed second person


@dataclass(frozen=True)
class DemoAnswers:
    raw: dict[str, Any]  # what a client sends
    checked: dict[str, Any]  # what the platform and the service's validate made of it
    guessed: bool  # True: the service has no (accepted) sample answers


#: Day offsets (from the submission) tried for a date answer: recent past first, then future, then years back.
DATE_OFFSETS = (-30, 7, 14, -7, -365, -1100, -3650, -7300, 30, 365, 1825)
#: Texts tried for a field with a pattern the demo knows nothing else about.
PATTERN_SAMPLES = ("1", "01", "001", "005", "12345", "60221", "A1234567", "X1234567", "1234567890", "MHKA1234567890123")
NUMBER_SAMPLES = (1, 2, 3, 4, 2020, 2018, 3000, 50, 10)
MAX_ATTEMPTS = 40


async def _checked(session: AsyncSession, service: ServiceDefinition, raw: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return await forms.check_answers(session, service, raw)
    except CettarError:
        return None


async def demo_answers(
    session: AsyncSession, service: ServiceDefinition, person: DemoPerson, day: date, today: date
) -> DemoAnswers | None:
    """Answers ``service`` accepts from ``person`` for an application submitted on ``day``; None if none found."""
    if service.sample_answers is not None:
        for when in dict.fromkeys((day, today)):
            raw = dict(service.sample_answers(when, person.applicant))
            checked = await _checked(session, service, raw)
            if checked is not None:
                return DemoAnswers(raw, checked, guessed=False)
    raw_guess = await guess_answers(session, service, person, day)
    if raw_guess is None:
        return None
    checked = await _checked(session, service, raw_guess)
    return None if checked is None else DemoAnswers(raw_guess, checked, guessed=True)


def _candidates(spec: FormField, person: DemoPerson, day: date) -> list[Any]:
    """The answers the guess tries for one field, best first."""
    if spec.choices:
        keys = [c.key for c in spec.choices]
        return keys if spec.datatype is not Datatype.MULTIVALUELIST else [[k] for k in keys]
    if spec.datatype is Datatype.NUMBER:
        return list(NUMBER_SAMPLES)
    dates = [(day + timedelta(days=offset)).isoformat() for offset in DATE_OFFSETS]
    if spec.datatype is Datatype.DATETIME:
        return dates
    nik = person.applicant.nik
    desa = person.applicant.region_code
    fmt, code = (spec.format or "").lower(), spec.code.lower()
    by_format: dict[str, list[Any]] = {
        "nik": [nik, *[n for n in person.other_niks if n != nik]],
        "kk": [nik[:6] + "0101100007", nik[:6] + "1502200011"],
        "date": dates,
        "phone": [person.phone],
        "email": [person.email],
        "desa": [desa],
        "plate": [person.plate],
    }
    if fmt in by_format:
        found = by_format[fmt]
    elif "nama" in code or "name" in code:
        found = [person.applicant.name]
    elif "alamat" in code or "address" in code:
        found = ["Jl. Merdeka No. 17"]
    elif "polisi" in code or "plat" in code:
        found = [person.plate]
    else:
        found = ["Contoh isian data demo", *PATTERN_SAMPLES]
    if spec.pattern:
        found = [v for v in [*found, *PATTERN_SAMPLES] if v is not None and re.fullmatch(spec.pattern, str(v))]
    return [v for v in found if v is not None]


async def guess_answers(
    session: AsyncSession, service: ServiceDefinition, person: DemoPerson, day: date
) -> dict[str, Any] | None:
    """Answers the service accepts, found by trying: each refusal naming an answer moves that answer to its
    next candidate (or adds an optional one the service turns out to want). None when that does not work."""
    options = {spec.code: _candidates(spec, person, day) for spec in service.form}
    if service.region_field:
        options[service.region_field] = [person.applicant.region_code]
    chosen: dict[str, int] = {
        spec.code: 0 for spec in service.form if spec.required or spec.code == service.region_field
    }
    for _ in range(MAX_ATTEMPTS):
        if any(not options[code] for code in chosen):
            return None
        answers = {code: options[code][index] for code, index in chosen.items()}
        try:
            await forms.check_answers(session, service, answers)
        except CettarError as exc:
            code = (exc.field or "").removeprefix("input.answers.")
            if code not in options or not exc.field or not exc.field.startswith("input.answers."):
                return None
            chosen[code] = chosen[code] + 1 if code in chosen else 0
            if chosen[code] >= len(options[code]):
                return None
            continue
        return answers
    return None
