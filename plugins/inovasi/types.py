"""GraphQL types of the innovation registry. The registry is public: anyone may read it."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from core.innovations import Stage
from core.regions.models import Agency as AgencyRow
from core.regions.models import Region as RegionRow
from core.regions.models import RegionKind
from plugins.inovasi.models import Award as AwardRow
from plugins.inovasi.models import Innovation as InnovationRow
from plugins.inovasi.models import Source
from schema import Info, Node, encode_global_id, group_loader, row_loader


def region_label(row: RegionRow) -> str:
    """``Kota Malang`` and ``Kabupaten Malang`` rather than ``Malang`` twice."""
    prefix = {RegionKind.PROVINSI: "Provinsi", RegionKind.KABUPATEN: "Kabupaten", RegionKind.KOTA: "Kota"}.get(row.kind)
    return f"{prefix} {row.name}" if prefix and not row.name.startswith(prefix) else row.name


@strawberry.enum(
    name="InnovationStage",
    description="Stage of an innovation, as in the Indeks Inovasi Daerah: initiative, trial, implementation.",
)
class InnovationStage(Enum):
    INISIATIF = Stage.INISIATIF.value
    UJI_COBA = Stage.UJI_COBA.value
    PENERAPAN = Stage.PENERAPAN.value

    @classmethod
    def of(cls, stage: Stage | None) -> InnovationStage | None:
        return None if stage is None else cls(stage.value)

    @property
    def stage(self) -> Stage:
        return Stage(self.value)


InnovationSource = strawberry.enum(
    Source,
    name="InnovationSource",
    description="Where a registry entry comes from: reference data, a plugin (kept up to date from it), "
    "a mutation, or demo data.",
)


@strawberry.type(description="The plugin of this platform that implements an innovation.")
class InnovationImplementation:
    plugin: str = strawberry.field(description="The plugin's name, e.g. `sepasar_pedas`.")
    enabled: bool = strawberry.field(description="Whether the plugin is enabled on this platform now.")
    title: str | None = strawberry.field(description="The plugin's title; null when it is not installed.")
    version: str | None = strawberry.field(description="The installed version; null when it is not installed.")


@strawberry.type(description="An award an innovation won: a competition, a rank, a year and who gave it.")
class InnovationAward(Node):
    award_id: strawberry.Private[int]
    innovation_id: strawberry.Private[int]
    competition: str = strawberry.field(description="e.g. `Kompetisi Inovasi Pelayanan Publik (KIPP)`.")
    rank: str = strawberry.field(description="`TOP n`, e.g. `TOP 45`, `TOP 99`, `TOP 15`.")
    rank_number: int = strawberry.field(description="The n of `TOP n` (a smaller number is a better rank).")
    year: int = strawberry.field(description="The competition's year.")
    issuer: str = strawberry.field(description="Who gave it, e.g. `Kementerian PANRB dan Ombudsman RI`.")
    category: str | None = strawberry.field(description="The award's category within the competition, if any.")
    awarded_on: date | None = strawberry.field(description="The day it was handed over, when known.")
    source: InnovationSource = strawberry.field(description="Where this entry comes from.")  # type: ignore[valid-type]

    def node_key(self) -> str:
        return str(self.award_id)

    @classmethod
    def from_row(cls, row: AwardRow) -> InnovationAward:
        assert row.id is not None
        return cls(
            award_id=row.id,
            innovation_id=row.innovation_id,
            competition=row.competition,
            rank=row.rank,
            rank_number=row.rank_number,
            year=row.year,
            issuer=row.issuer,
            category=row.category,
            awarded_on=row.awarded_on,
            source=row.source,
        )

    @strawberry.field(description="The innovation that won it.")
    async def innovation(self, info: Info) -> Innovation:
        row = await row_loader(info, InnovationRow).load(self.innovation_id)
        assert row is not None
        return Innovation.from_row(row)


@strawberry.type(
    description="A public-service innovation of an agency in Jawa Timur, the plugin implementing it (if any) "
    "and its awards."
)
class Innovation(Node):
    row_id: strawberry.Private[int]
    agency_row_id: strawberry.Private[int]
    plugin_name: strawberry.Private[str | None]
    code: str = strawberry.field(description="Stable code, e.g. `sepasar-pedas`; `innovation(code:)` finds it.")
    name: str = strawberry.field(description="The innovation's name, e.g. `SEPASAR PEDAS`.")
    acronym_meaning: str | None = strawberry.field(
        description="What the name stands for when it is an acronym, e.g. `Sekolah Pasar Pedagang Cerdas`."
    )
    region_code: str = strawberry.field(description="Kemendagri code of the region it serves, e.g. `35.73`.")
    year_started: int | None = strawberry.field(description="The year it started; null when not known.")
    category: str = strawberry.field(description="Field of government, lower case, e.g. `perdagangan`, `kesehatan`.")
    stage: InnovationStage | None = strawberry.field(description="Its stage; null when not known.")
    description: str = strawberry.field(description="What it does, in Bahasa Indonesia.")
    source: InnovationSource = strawberry.field(description="Where this entry comes from.")  # type: ignore[valid-type]
    updated_at: datetime = strawberry.field(description="When the entry last changed.")

    def node_key(self) -> str:
        return self.code

    @classmethod
    def from_row(cls, row: InnovationRow) -> Innovation:
        assert row.id is not None
        return cls(
            row_id=row.id,
            agency_row_id=row.agency_id,
            plugin_name=row.plugin,
            code=row.code,
            name=row.name,
            acronym_meaning=row.acronym_meaning,
            region_code=row.region_code,
            year_started=row.year_started,
            category=row.category,
            stage=InnovationStage.of(row.stage),
            description=row.description,
            source=row.source,
            updated_at=row.updated_at,
        )

    async def _agency(self, info: Info) -> AgencyRow:
        row = await row_loader(info, AgencyRow).load(self.agency_row_id)
        assert row is not None
        return row

    @strawberry.field(description="Code of the agency that runs it, e.g. `disdag-3573`.")
    async def agency_code(self, info: Info) -> str:
        return (await self._agency(info)).code

    @strawberry.field(description="Name of the agency that runs it.")
    async def agency_name(self, info: Info) -> str:
        return (await self._agency(info)).name

    @strawberry.field(description="Global ID of the agency (fetch it with `node(id:)`).")
    async def agency_id(self, info: Info) -> strawberry.ID:
        return strawberry.ID(encode_global_id("Agency", (await self._agency(info)).code))

    @strawberry.field(description="Name of the region it serves, e.g. `Kota Malang`, `Provinsi Jawa Timur`.")
    async def region_name(self, info: Info) -> str:
        row = await row_loader(info, RegionRow).load(self.region_code)
        assert row is not None
        return region_label(row)

    @strawberry.field(description="Global ID of the region (fetch it with `node(id:)`).")
    def region_id(self) -> strawberry.ID:
        return strawberry.ID(encode_global_id("Region", self.region_code))

    @strawberry.field(description="The plugin implementing it on this platform; null when no plugin does.")
    def implementation(self, info: Info) -> InnovationImplementation | None:
        if self.plugin_name is None:
            return None
        manager = info.context.runtime.plugins
        enabled = {p.name for p in manager.plugins}
        installed = {p.name: p for p in manager.installed}
        found = installed.get(self.plugin_name)
        return InnovationImplementation(
            plugin=self.plugin_name,
            enabled=self.plugin_name in enabled,
            title=found.meta.title if found else None,
            version=found.meta.version if found else None,
        )

    @strawberry.field(description="Its awards, newest first, the better rank first within a year.")
    async def awards(self, info: Info) -> list[InnovationAward]:
        rows = await group_loader(
            info,
            AwardRow,
            AwardRow.innovation_id,
            order_by=[AwardRow.year.desc(), AwardRow.rank_number, AwardRow.id],  # type: ignore[attr-defined]
        ).load(self.row_id)
        return [InnovationAward.from_row(r) for r in rows]
