"""Inputs and payloads of the layanan mutations (one ``input`` in, one payload out)."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from core.services import Delivery
from plugins.layanan.catalog_types import DeliveryMethod
from plugins.layanan.types import Application, ApplicationStatusEnum, ApplicationTimelineEntry, CourierStatusEnum
from schema import Upload


@strawberry.input(description="Where to deliver the product (home delivery).")
class DeliveryAddressInput:
    recipient_name: str = strawberry.field(description="Who receives it.")
    phone: str = strawberry.field(description="A phone number the courier can call (0812…, +62…).")
    street: str = strawberry.field(description="Street, number, RT/RW (at most 300 characters).")
    region_code: str = strawberry.field(description="The desa/kelurahan code, e.g. `35.78.01.1001`.")
    postal_code: str | None = strawberry.field(default=None, description="5 digits.")
    note: str | None = strawberry.field(default=None, description="Directions for the courier.")


@strawberry.input(description="How the product reaches the citizen.")
class DeliveryInput:
    method: DeliveryMethod = Delivery.PICKUP  # type: ignore[valid-type]
    address: DeliveryAddressInput | None = strawberry.field(default=None, description="Required for HOME_DELIVERY.")


@strawberry.input(description="An application for a public service. Send files as a GraphQL multipart request.")
class SubmitApplicationInput:
    service_code: str = strawberry.field(description="The service, e.g. `adminduk.kk` (see `services`).")
    answers: JSON = strawberry.field(
        description='The form answers by field code: `{"nik_pemohon": "3578…", "alasan": "BARU"}` (see '
        "`service { form { fields } }`)."
    )
    attachments: list[Upload] | None = strawberry.field(
        default=None,
        description="The requirement documents (PDF, JPEG or PNG, each at most `CETTAR_MAX_ATTACHMENT_MIB`), checked "
        "by their content.",
    )
    delivery: DeliveryInput | None = strawberry.field(default=None, description="Default: pickup at the agency.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the application the first attempt created."
    )


@strawberry.type(description="The application submitted.")
class SubmitApplicationPayload:
    application: Application


@strawberry.input(description="Corrected answers and files for an application returned for revision.")
class ResubmitApplicationInput:
    application_id: strawberry.ID
    answers: JSON = strawberry.field(description="The complete answers again, corrected.")
    attachments: list[Upload] | None = strawberry.field(default=None, description="Files to add.")
    withdraw_attachment_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Earlier files (`ApplicationAttachment` IDs) that no longer apply."
    )
    idempotency_key: str | None = None


@strawberry.type(description="The application, submitted again.")
class ResubmitApplicationPayload:
    application: Application


@strawberry.input(description="Move an application to its next status (agency staff), with a reason where needed.")
class TransitionApplicationInput:
    application_id: strawberry.ID
    status: ApplicationStatusEnum = strawberry.field(  # type: ignore[valid-type]
        description="VERIFIED, IN_PROCESS, READY, PICKED_UP, NEEDS_REVISION or REJECTED (see `nextStatuses`)."
    )
    reason: str | None = strawberry.field(
        default=None, description="Required for NEEDS_REVISION and REJECTED: the applicant reads it."
    )


@strawberry.type(description="The application after the change.")
class TransitionApplicationPayload:
    application: Application


@strawberry.input(description="The applicant withdraws an application not yet verified (or returned to them).")
class CancelApplicationInput:
    application_id: strawberry.ID
    reason: str | None = None


@strawberry.type(description="The cancelled application.")
class CancelApplicationPayload:
    application: Application


@strawberry.input
class ClaimApplicationInput:
    application_id: strawberry.ID


@strawberry.type(description="The application, now handled by you.")
class ClaimApplicationPayload:
    application: Application


@strawberry.input(description="An internal note: only the processing agency's staff read it.")
class AddApplicationNoteInput:
    application_id: strawberry.ID
    text: str = strawberry.field(description="At most 2000 characters.")


@strawberry.type
class AddApplicationNotePayload:
    application: Application
    note: ApplicationTimelineEntry


@strawberry.input(description="Where a home delivery is (agency staff). DELIVERED completes the application.")
class UpdateDeliveryInput:
    application_id: strawberry.ID
    status: CourierStatusEnum  # type: ignore[valid-type]
    courier: str | None = strawberry.field(default=None, description="The courier company.")
    courier_tracking_number: str | None = strawberry.field(default=None, description="The courier's tracking number.")
    received_by: str | None = strawberry.field(default=None, description="With DELIVERED: who received it.")


@strawberry.type
class UpdateDeliveryPayload:
    application: Application


@strawberry.input(description="The applicant confirms the product reached them.")
class ConfirmDeliveryInput:
    application_id: strawberry.ID
    received_by: str | None = strawberry.field(default=None, description="Who received it, if not you.")


@strawberry.type
class ConfirmDeliveryPayload:
    application: Application
