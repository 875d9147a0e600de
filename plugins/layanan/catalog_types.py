"""GraphQL types of the service catalog: a service, its public service standard and its form.

Texts come in both languages side by side (``nameId`` / ``nameEn``), so a response does
not depend on ``Accept-Language`` and an app can switch language without a new request.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from core.regions.models import Agency as AgencyRow
from core.services import Channel, Datatype, Delivery, FormField, ServiceDefinition
from plugins.layanan import catalog
from schema import Info, Node, encode_global_id, row_loader

ServiceChannel = strawberry.enum(Channel, name="ServiceChannel", description="Where a service can be applied for.")
DeliveryMethod = strawberry.enum(
    Delivery, name="DeliveryMethod", description="How the product reaches the citizen: collected or brought home."
)
FormDatatype = strawberry.enum(
    Datatype,
    name="FormDatatype",
    description="The datatype of a form field, as in an Open311 (GeoReport v2) service definition.",
)


@strawberry.type(description="An agency that offers a service or processes an application.")
class ServiceAgency:
    code: str = strawberry.field(description="The agency's code, e.g. `dispendukcapil-3578`.")
    name: str = strawberry.field(description="The agency's name.")
    region_code: str = strawberry.field(description="The region it serves, e.g. `35.78`.")

    @strawberry.field(description="Global ID of the `Agency` (fetch it with `node(id:)`).")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_global_id("Agency", self.code))

    @classmethod
    def from_row(cls, row: AgencyRow) -> ServiceAgency:
        return cls(code=row.code, name=row.name, region_code=row.region_code)


async def load_agency_by_code(info: Info, code: str | None) -> ServiceAgency | None:
    if code is None:
        return None
    row = await row_loader(info, AgencyRow, AgencyRow.code).load(code)
    return ServiceAgency.from_row(row) if row else None


async def load_agency(info: Info, agency_id: int) -> ServiceAgency | None:
    row = await row_loader(info, AgencyRow).load(agency_id)
    return ServiceAgency.from_row(row) if row else None


@strawberry.type(description="A requirement (persyaratan): a document to attach, or a condition to meet.")
class ServiceRequirement:
    name_id: str = strawberry.field(description="In Bahasa Indonesia.")
    name_en: str = strawberry.field(description="In English.")

    @strawberry.field(description="The name in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.language == "en" else self.name_id

    attachment: bool = strawberry.field(description="Proven by attaching a file (scan or photo).")
    required: bool = strawberry.field(description="False for a requirement that applies only in some cases.")


@strawberry.type(description="One step of the procedure (sistem, mekanisme dan prosedur).")
class ServiceStep:
    order: int = strawberry.field(description="1 for the first step.")
    name_id: str = strawberry.field(description="In Bahasa Indonesia.")
    name_en: str = strawberry.field(description="In English.")

    @strawberry.field(description="The name in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.language == "en" else self.name_id


@strawberry.type(description="The fee (biaya/tarif) and the regulation that sets it.")
class ServiceFee:
    amount: int = strawberry.field(description="Rupiah; 0 when the service is free.")
    legal_basis: str = strawberry.field(description="The regulation that sets the fee (or makes it free).")
    description_id: str = strawberry.field(description="How the fee is computed or paid, in Bahasa Indonesia.")
    description_en: str = strawberry.field(description="How the fee is computed or paid, in English.")

    @strawberry.field(description="The description in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def description(self, info: Info) -> str:
        return self.description_en if info.context.language == "en" else self.description_id

    @strawberry.field(description="True when the service costs nothing.")
    def free(self) -> bool:
        return self.amount == 0


@strawberry.type(description="An internal component of the standard (legal basis, facilities, staff competence…).")
class ServiceStandardComponent:
    name_id: str = strawberry.field(description="In Bahasa Indonesia.")
    name_en: str = strawberry.field(description="In English.")

    @strawberry.field(description="The name in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.language == "en" else self.name_id

    value: str = strawberry.field(description="What the standard says.")


@strawberry.type(
    description="The public service standard (standar pelayanan, PermenPANRB 15/2014): what the public is promised."
)
class ServiceStandard:
    requirements: list[ServiceRequirement] = strawberry.field(description="Persyaratan.")
    procedure: list[ServiceStep] = strawberry.field(description="Sistem, mekanisme dan prosedur, in order.")
    time_limit_days: int = strawberry.field(description="Jangka waktu: working days from submission to ready.")
    fee: ServiceFee = strawberry.field(
        description="Biaya/tarif. When `feeVaries`, `amount` is the lowest and `descriptionId`/`descriptionEn` say "
        "what decides it."
    )
    fee_varies: bool = strawberry.field(
        description="True when an application's fee depends on its answers (a SIM class, a vehicle kind, an "
        "electronic passport): each application then shows its own in `Application.fee` and `feeDetails`."
    )
    product_id: str = strawberry.field(description="Produk layanan: what the citizen receives (Bahasa Indonesia).")
    product_en: str = strawberry.field(description="The product, in English.")

    @strawberry.field(description="The product in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def product(self, info: Info) -> str:
        return self.product_en if info.context.language == "en" else self.product_id

    complaint_channel: str = strawberry.field(description="Penanganan pengaduan: where to complain about the service.")
    components: list[ServiceStandardComponent] = strawberry.field(
        description="The internal components recorded (dasar hukum, sarana, kompetensi pelaksana…)."
    )


@strawberry.type(description="An allowed value of a list field: send its `key`.")
class ServiceFormChoice:
    key: str = strawberry.field(description="What the client sends as the answer.")
    name_id: str = strawberry.field(description="Label in Bahasa Indonesia.")
    name_en: str = strawberry.field(description="Label in English.")

    @strawberry.field(description="The name in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.language == "en" else self.name_id


@strawberry.type(description="One question of an application form (an Open311 attribute).")
class ServiceFormField:
    code: str = strawberry.field(description="The key of the answer in `answers`, e.g. `nik_pemohon`.")
    order: int = strawberry.field(description="Position in the form, from 1.")
    datatype: FormDatatype  # type: ignore[valid-type]
    required: bool = strawberry.field(description="An empty answer is refused with `ANSWER_REQUIRED`.")
    name_id: str = strawberry.field(description="Label in Bahasa Indonesia.")
    name_en: str = strawberry.field(description="Label in English.")

    @strawberry.field(description="The name in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.language == "en" else self.name_id

    description_id: str = strawberry.field(description="Help text in Bahasa Indonesia.")
    description_en: str = strawberry.field(description="Help text in English.")

    @strawberry.field(description="The description in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def description(self, info: Info) -> str:
        return self.description_en if info.context.language == "en" else self.description_id

    values: list[ServiceFormChoice] = strawberry.field(
        description="Allowed values of a `SINGLEVALUELIST` or `MULTIVALUELIST` field; empty otherwise."
    )
    format: str | None = strawberry.field(
        description="A hint for the input widget, checked by the platform when it is `nik`, `kk`, `date`, `phone`, "
        "`email` or `desa`."
    )
    pattern: str | None = strawberry.field(description="A regular expression the whole answer must match.")
    max_length: int = strawberry.field(description="Longest text answer accepted.")

    @classmethod
    def build(cls, spec: FormField, order: int) -> ServiceFormField:
        return cls(
            code=spec.code,
            order=order,
            datatype=spec.datatype,
            required=spec.required,
            name_id=spec.name_id,
            name_en=spec.name_en,
            description_id=spec.description_id,
            description_en=spec.description_en,
            values=[ServiceFormChoice(key=c.key, name_id=c.name_id, name_en=c.name_en) for c in spec.choices],
            format=spec.format,
            pattern=spec.pattern,
            max_length=spec.max_length,
        )


@strawberry.type(description="The application form: render it from here, send the answers to `submitApplication`.")
class ServiceForm:
    fields: list[ServiceFormField] = strawberry.field(description="The questions, in order.")
    region_field: str | None = strawberry.field(
        description="The field whose desa/kelurahan code decides the processing agency; null: the applicant's "
        "kabupaten/kota (from their NIK) does."
    )


@strawberry.type(description="A public service in the catalog, with its service standard and its application form.")
class Service(Node):
    definition: strawberry.Private[ServiceDefinition]
    code: str = strawberry.field(description="Stable code `<family>.<service>`, e.g. `adminduk.kk`.")
    family: str = strawberry.field(description="The plugin that offers it, e.g. `adminduk`.")
    name_id: str = strawberry.field(description="Name in Bahasa Indonesia.")
    name_en: str = strawberry.field(description="Name in English.")

    @strawberry.field(description="The name in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.language == "en" else self.name_id

    description_id: str = strawberry.field(description="Description in Bahasa Indonesia.")
    description_en: str = strawberry.field(description="Description in English.")

    @strawberry.field(description="The description in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def description(self, info: Info) -> str:
        return self.description_en if info.context.language == "en" else self.description_id

    keywords: list[str] = strawberry.field(description="Search words.")
    channels: list[ServiceChannel] = strawberry.field(description="Where it can be applied for.")  # type: ignore[valid-type]
    delivery_options: list[DeliveryMethod] = strawberry.field(  # type: ignore[valid-type]
        description="How the product can reach the citizen."
    )
    agency_pattern: str = strawberry.field(
        description="The owning agency's code as registered; `{regency}` in it (`dispendukcapil-{regency}`) stands "
        "for the 4-digit kabupaten/kota code of the application's region."
    )
    per_region: bool = strawberry.field(
        description="True when every kabupaten/kota's agency of a kind offers it (see `offeredBy`)."
    )

    def node_key(self) -> str:
        return self.code

    @classmethod
    def build(cls, definition: ServiceDefinition, family: str) -> Service:
        return cls(
            definition=definition,
            code=definition.code,
            family=family,
            name_id=definition.name_id,
            name_en=definition.name_en,
            description_id=definition.description_id,
            description_en=definition.description_en,
            keywords=list(definition.keywords),
            channels=list(definition.channels),
            delivery_options=list(definition.delivery),
            agency_pattern=definition.agency_code,
            per_region=catalog.per_region(definition),
        )

    @strawberry.field(description="The owning agency when it is one fixed agency; null when it depends on the region.")
    async def agency(self, info: Info) -> ServiceAgency | None:
        if self.per_region:
            return None
        return await load_agency_by_code(info, self.definition.agency_code)

    @strawberry.field(
        description="The agency that processes an application from a region (a kabupaten/kota such as `35.78`, or "
        "a kecamatan or desa/kelurahan code under it): the service's own routing by region (the nearest "
        "immigration office, say), else the fixed agency or the pattern filled with that kabupaten/kota; null "
        "when none does. A service that routes by the answers may still send one application elsewhere."
    )
    async def offered_by(
        self, info: Info, region_code: Annotated[str, strawberry.argument(description="e.g. `35.78`.")]
    ) -> ServiceAgency | None:
        return await load_agency_by_code(info, catalog.catalog_agency_code(self.definition, region_code))

    @strawberry.field(description="The service standard (standar pelayanan, PermenPANRB 15/2014).")
    def standard(self) -> ServiceStandard:
        d = self.definition
        return ServiceStandard(
            requirements=[
                ServiceRequirement(name_id=r.name_id, name_en=r.name_en, attachment=r.attachment, required=r.required)
                for r in d.requirements
            ],
            procedure=[
                ServiceStep(order=i, name_id=s.name_id, name_en=s.name_en) for i, s in enumerate(d.steps, start=1)
            ],
            time_limit_days=d.time_limit_days,
            fee=ServiceFee(
                amount=d.fee.amount,
                legal_basis=d.fee.legal_basis,
                description_id=d.fee.description_id,
                description_en=d.fee.description_en,
            ),
            fee_varies=d.fee_for is not None,
            product_id=d.product_id,
            product_en=d.product_en,
            complaint_channel=d.complaint_channel,
            components=[
                ServiceStandardComponent(name_id=c.name_id, name_en=c.name_en, value=c.value) for c in d.components
            ],
        )

    @strawberry.field(description="The application form, as an Open311-style service definition.")
    def form(self) -> ServiceForm:
        return ServiceForm(
            fields=[ServiceFormField.build(spec, i) for i, spec in enumerate(self.definition.form, start=1)],
            region_field=self.definition.region_field,
        )


def service_of(info: Info, code: str) -> Service | None:
    """The catalog entry for ``code`` (None when no enabled plugin offers it any more)."""
    registry = info.context.runtime.services
    definition = registry.get(code)
    return None if definition is None else Service.build(definition, registry.owner(code))
