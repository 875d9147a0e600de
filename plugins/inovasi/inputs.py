"""Filters, inputs and payloads of the innovation registry."""

from __future__ import annotations

from datetime import date

import strawberry

from plugins.inovasi.types import Innovation, InnovationAward, InnovationStage


@strawberry.input(description="Conditions on an award; every one given must hold for the same award.")
class AwardFilter:
    year: int | None = strawberry.field(default=None, description="The competition's year, e.g. 2020.")
    rank: str | None = strawberry.field(default=None, description="A rank, e.g. `TOP 45` (also `top45`).")
    competition: str | None = strawberry.field(
        default=None,
        description="A competition by name or acronym: `KIPP` and `Kompetisi Inovasi Pelayanan Publik` are the same.",
    )


@strawberry.input(description="Conditions on innovations; all given ones must hold.")
class InnovationFilter:
    region_code: str | None = strawberry.field(
        default=None, description="A region and everything under it: `35.73` is Kota Malang and its kecamatan."
    )
    agency_code: str | None = strawberry.field(default=None, description="The agency that runs it, e.g. `dpmd-jatim`.")
    category: str | None = strawberry.field(default=None, description="e.g. `perdagangan` (case does not matter).")
    stage: InnovationStage | None = strawberry.field(default=None, description="Only innovations at this stage.")
    year_started: int | None = strawberry.field(default=None, description="Only those that started in this year.")
    award: AwardFilter | None = strawberry.field(default=None, description="Only innovations holding such an award.")
    implemented: bool | None = strawberry.field(
        default=None, description="True: only those a plugin implements; false: only those none does."
    )
    plugin: str | None = strawberry.field(default=None, description="Only the one this plugin implements.")
    search: str | None = strawberry.field(default=None, description="Part of the name or of what it stands for.")


@strawberry.input(description="Conditions on awards; all given ones must hold.")
class InnovationAwardFilter:
    year: int | None = strawberry.field(default=None, description="The competition's year, e.g. 2020.")
    rank: str | None = strawberry.field(default=None, description="e.g. `TOP 15`.")
    competition: str | None = strawberry.field(default=None, description="A competition by name or acronym (`KIPP`).")
    region_code: str | None = strawberry.field(
        default=None, description="Awards of innovations in this region or under it."
    )
    agency_code: str | None = strawberry.field(default=None, description="Awards of this agency's innovations.")


@strawberry.input(description="A new innovation in the registry (province admin, or `inovasi.manage` in one's agency).")
class CreateInnovationInput:
    code: str = strawberry.field(description="3-64 characters: a-z, 0-9 and `-`, e.g. `kampung-qris`. Never changes.")
    name: str = strawberry.field(description="2-200 characters.")
    agency_code: str = strawberry.field(description="The agency that runs it, e.g. `diskominfo-3578`.")
    region_code: str = strawberry.field(description="The region it serves: the agency's region or one under it.")
    year_started: int | None = strawberry.field(
        default=None, description="From 1945 up to this year; leave it out (null) when no source gives it."
    )
    category: str = strawberry.field(description="Field of government, e.g. `perdagangan`; stored in lower case.")
    stage: InnovationStage | None = strawberry.field(
        default=None, description="Its stage: initiative, trial or implementation; null when not known."
    )
    description: str = strawberry.field(default="", description="What it does, at most 4000 characters.")
    acronym_meaning: str | None = strawberry.field(default=None, description="What the name stands for, if an acronym.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the innovation the first attempt created."
    )


@strawberry.type(description="The innovation created.")
class CreateInnovationPayload:
    innovation: Innovation = strawberry.field(description="The new innovation.")


@strawberry.input(description="Change an innovation; fields left out stay as they are.")
class UpdateInnovationInput:
    code: str = strawberry.field(description="The innovation to change (codes never change).")
    name: str | None = strawberry.field(default=None, description="A new name.")
    acronym_meaning: str | None = strawberry.field(default=None, description="An empty string clears it.")
    agency_code: str | None = strawberry.field(default=None, description="Another agency (the province admin).")
    region_code: str | None = strawberry.field(default=None, description="Another region within the agency's.")
    year_started: int | None = strawberry.field(default=None, description="Not after the year of its first award.")
    category: str | None = strawberry.field(default=None, description="A new category.")
    stage: InnovationStage | None = strawberry.field(default=None, description="A new stage.")
    description: str | None = strawberry.field(default=None, description="A new description.")


@strawberry.type(description="The innovation as changed.")
class UpdateInnovationPayload:
    innovation: Innovation = strawberry.field(description="The innovation.")


@strawberry.input(description="Record an award an innovation won.")
class AddInnovationAwardInput:
    innovation_code: str = strawberry.field(description="The innovation, e.g. `sepasar-pedas`.")
    competition: str = strawberry.field(description="e.g. `Kompetisi Inovasi Pelayanan Publik (KIPP)`.")
    rank: str = strawberry.field(description="`TOP n` with n from 1 to 999, e.g. `TOP 99`.")
    year: int = strawberry.field(description="Not before the innovation started, not after this year.")
    issuer: str = strawberry.field(description="Who gave it, e.g. `Kementerian PANRB`.")
    category: str | None = strawberry.field(default=None, description="The award's category, if it has one.")
    awarded_on: date | None = strawberry.field(default=None, description="The day it was handed over, in `year`.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the award the first attempt recorded."
    )


@strawberry.type(description="The award recorded and its innovation.")
class AddInnovationAwardPayload:
    award: InnovationAward = strawberry.field(description="The award recorded.")
    innovation: Innovation = strawberry.field(description="Its innovation, with every award.")


@strawberry.input(description="Correct an award; fields left out stay as they are.")
class UpdateInnovationAwardInput:
    award_id: strawberry.ID = strawberry.field(description="The `InnovationAward` to change.")
    competition: str | None = strawberry.field(default=None, description="A corrected competition name.")
    rank: str | None = strawberry.field(default=None, description="A corrected rank, `TOP n`.")
    year: int | None = strawberry.field(
        default=None, description="A corrected year; `awardedOn` must still fall in it."
    )
    issuer: str | None = strawberry.field(default=None, description="A corrected issuer.")
    category: str | None = strawberry.field(default=None, description="A corrected category.")
    awarded_on: date | None = strawberry.field(default=None, description="A corrected date.")


@strawberry.type(description="The award as changed and its innovation.")
class UpdateInnovationAwardPayload:
    award: InnovationAward = strawberry.field(description="The award.")
    innovation: Innovation = strawberry.field(description="Its innovation, with every award.")
