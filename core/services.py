"""Public services: what a plugin gives the catalog — a service and its public service standard.

A plugin (``adminduk``, ``samsat``, a regional team's own) registers its services
by implementing the hook ``cettar_services`` and returning :class:`ServiceDefinition`
objects; ``runtime.services`` holds every enabled plugin's, by code. The catalog,
applications and their workflow are the ``layanan`` plugin's; complaints may name a
service by its code. The standard follows
PermenPANRB 15/2014 (standar pelayanan): the components shown to the public
(requirements, procedure, time limit, fee, product, complaint channel) and the
internal ones (legal basis, facilities, staff competence, supervision…).

The form is described in the spirit of an Open311 service definition: each
:class:`FormField` has a code, an Open311 datatype, whether it is required, a
description, its allowed values and its order, so a frontend can render it from
the API. The platform checks every answer against its field (required, datatype,
allowed values, ``pattern``); the plugin's ``validate`` then checks what only it
knows (a NIK's birth date, a plate's region, one date before another).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Datatype(StrEnum):
    """Open311 GeoReport v2 attribute datatypes."""

    STRING = "string"
    NUMBER = "number"
    DATETIME = "datetime"  # answered as an ISO 8601 date (YYYY-MM-DD) or date-time
    TEXT = "text"
    SINGLEVALUELIST = "singlevaluelist"
    MULTIVALUELIST = "multivaluelist"


class Channel(StrEnum):
    """Where a service can be applied for."""

    APP = "app"
    WEB = "web"
    COUNTER = "counter"


class Delivery(StrEnum):
    """How the product reaches the citizen."""

    PICKUP = "pickup"
    HOME_DELIVERY = "home_delivery"


@dataclass(frozen=True)
class Choice:
    """An allowed value of a list field: ``key`` is what the client sends."""

    key: str
    name_id: str
    name_en: str


@dataclass(frozen=True)
class FormField:
    """One question of the application form (an Open311 attribute); fields are ordered as given."""

    code: str  # snake_case, unique in the form, e.g. "nik_kepala_keluarga"
    datatype: Datatype
    name_id: str
    name_en: str
    description_id: str = ""
    description_en: str = ""
    required: bool = True
    choices: tuple[Choice, ...] = ()  # the allowed values of a list field
    #: A hint for the frontend and a check by the platform on string answers, e.g. ``nik``,
    #: ``kk``, ``plate``, ``date``, ``phone``, ``email``; ``pattern`` is the regular expression.
    format: str | None = None
    pattern: str | None = None
    max_length: int = 500


@dataclass(frozen=True)
class Requirement:
    """A requirement (persyaratan): a document to attach, or a condition to meet."""

    name_id: str
    name_en: str
    attachment: bool = True  # proven by an uploaded file
    required: bool = True


@dataclass(frozen=True)
class Step:
    """One step of the procedure (sistem, mekanisme dan prosedur)."""

    name_id: str
    name_en: str


@dataclass(frozen=True)
class Fee:
    """The fee (biaya/tarif) in rupiah, zero when free, and the regulation that sets it."""

    amount: int
    legal_basis: str
    description_id: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Component:
    """An internal component of the standard (dasar hukum, sarana, kompetensi pelaksana…)."""

    name_id: str
    name_en: str
    value: str


#: ``validate(answers)`` gets the answers the platform has already checked field by field
#: (strings stripped, numbers as int/float, dates as ``datetime.date``) and returns them,
#: normalised if need be; it raises ``core.errors.CettarError(..., field="input.answers.<code>")``.
Validator = Callable[[Mapping[str, Any]], Mapping[str, Any]]
#: ``fee_for(answers)``: the fee of one application when it depends on the answers (a SIM class,
#: a vehicle kind); the checked answers in, a :class:`Fee` out.
FeeRule = Callable[[Mapping[str, Any]], Fee]
#: ``agency_for(answers, region_code)``: the code of the agency that processes one application
#: when the service's ``agency_code`` is not enough (the nearest immigration office, a Satpas);
#: ``region_code`` is the application's region — the desa/kelurahan of the form's ``region_field``,
#: else the kab/kota of the applicant's NIK — or ``None``. Return ``None`` for the default rule.
AgencyRule = Callable[[Mapping[str, Any], str | None], str | None]


@dataclass(frozen=True)
class Applicant:
    """Who a sample application is for: what ``sample_answers`` may fill in."""

    name: str
    nik: str
    region_code: str | None  # a desa/kelurahan of their domicile, when known


#: ``sample_answers(today, applicant)``: a valid set of answers for demo data and examples.
SampleAnswers = Callable[[date, Applicant], Mapping[str, Any]]


@dataclass(frozen=True)
class ServiceDefinition:
    """A public service in the catalog, with its standard and its form."""

    code: str  # "<plugin>.<service>", e.g. "adminduk.kk"; lower case, stable: clients keep it
    name_id: str
    name_en: str
    #: The owning agency's code. ``{regency}`` in it stands for the application's kabupaten/kota
    #: (4 digits, e.g. ``dispendukcapil-{regency}`` → ``dispendukcapil-3578``): every kab/kota's
    #: agency offers the service and each application goes to the one of its region.
    agency_code: str
    description_id: str
    description_en: str
    time_limit_days: int  # working days from submission to ready
    fee: Fee
    product_id: str  # what the citizen receives
    product_en: str
    complaint_channel: str  # where to complain about this service
    requirements: tuple[Requirement, ...]
    steps: tuple[Step, ...]
    form: tuple[FormField, ...]
    channels: tuple[Channel, ...] = (Channel.APP, Channel.WEB, Channel.COUNTER)
    delivery: tuple[Delivery, ...] = (Delivery.PICKUP,)
    components: tuple[Component, ...] = ()
    validate: Validator | None = None
    #: The fee when it depends on the answers; ``fee`` is then the lowest and shown in the catalog.
    fee_for: FeeRule | None = None
    #: The processing agency when it depends on the answers or the region (see ``AgencyRule``).
    agency_for: AgencyRule | None = None
    #: Valid answers for ``cettar seed --demo`` and GraphiQL examples (see ``SampleAnswers``).
    sample_answers: SampleAnswers | None = None
    #: Which form field holds the region (desa/kelurahan code) the application belongs to;
    #: without one, the applicant's domicile (from their NIK) is used.
    region_field: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)


class ServiceRegistry:
    """Every enabled plugin's services, by code (``runtime.services``)."""

    def __init__(self) -> None:
        self._services: dict[str, ServiceDefinition] = {}
        self._owner: dict[str, str] = {}

    def add(self, plugin: str, services: list[ServiceDefinition]) -> None:
        for service in services:
            if not isinstance(service, ServiceDefinition):
                raise ValueError(f"plugin {plugin!r}: cettar_services must return ServiceDefinition objects")
            if service.code in self._services:
                raise ValueError(
                    f"service {service.code!r} is registered by plugins {self._owner[service.code]!r} and {plugin!r}"
                )
            self._services[service.code] = service
            self._owner[service.code] = plugin

    def get(self, code: str) -> ServiceDefinition | None:
        return self._services.get(code)

    def owner(self, code: str) -> str:
        """The plugin that registered ``code``."""
        return self._owner[code]

    def all(self) -> list[ServiceDefinition]:
        """Every service, ordered by code."""
        return [self._services[code] for code in sorted(self._services)]

    def __contains__(self, code: object) -> bool:
        return code in self._services

    def __len__(self) -> int:
        return len(self._services)
