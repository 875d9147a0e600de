"""Tables for regions and agencies."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Field, SQLModel

from core.db import StrEnumType


class RegionKind(StrEnum):
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    DESA = "desa"


class AgencyKind(StrEnum):
    """Kinds of perangkat daerah (OPD) and vertical offices."""

    SEKRETARIAT = "sekretariat"
    DINAS = "dinas"
    BADAN = "badan"
    INSPEKTORAT = "inspektorat"
    KANTOR = "kantor"
    RUMAH_SAKIT = "rumah_sakit"
    KECAMATAN = "kecamatan"
    INSTANSI_VERTIKAL = "instansi_vertikal"
    UNIT = "unit"


class Region(SQLModel, table=True):
    __tablename__ = "core_region"

    code: str = Field(primary_key=True, max_length=13)
    kind: RegionKind = Field(sa_type=StrEnumType(RegionKind, 16), index=True)
    name: str = Field(max_length=120)
    parent_code: str | None = Field(default=None, foreign_key="core_region.code", index=True, max_length=13)


class Agency(SQLModel, table=True):
    __tablename__ = "core_agency"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    name: str = Field(max_length=200)
    kind: AgencyKind = Field(sa_type=StrEnumType(AgencyKind, 32))
    region_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    parent_id: int | None = Field(default=None, foreign_key="core_agency.id", index=True)
