"""Shared helpers of the service-family tests: NIKs and No. KK built from their parts, dates that move with today."""

from __future__ import annotations

from datetime import date
from typing import Any

from core import calendar

#: A Monday without holidays near it: the rule tests are computed against it.
MONDAY = date(2026, 3, 2)
#: A kelurahan of Kota Surabaya (Karang Pilang) and one of Kabupaten Sidoarjo (Prambon).
SURABAYA_DESA = "35.78.01.1001"
SIDOARJO_DESA = "35.15.02.2001"
#: The demo citizens' NIKs (core.identity.demo).
BUDI_NIK = "3578011203850001"  # man, born 12-03-1985
SITI_NIK = "3515025708920003"  # woman, born 17-08-1992


def nik(born: date, *, female: bool = False, district: str = "357801", sequence: int = 1) -> str:
    """A valid NIK: the kecamatan, the birth date DDMMYY (day + 40 for women) and a sequence."""
    day = born.day + (40 if female else 0)
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{sequence:04d}"


def kk(issued: date, *, district: str = "357801", sequence: int = 3) -> str:
    """A valid No. KK: the kecamatan, the issue date DDMMYY and a sequence."""
    return f"{district}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}{sequence:04d}"


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 3, 1)


def working_day_ahead(days: int, start: date | None = None) -> date:
    """A working day ``days`` working days after ``start`` (today in WIB by default)."""
    return calendar.add_working_days(start or calendar.today(), days)


def iso(day: date) -> str:
    return day.isoformat()


# --------------------------------------------------------------------------- GraphQL, through layanan's API

#: The smallest file `filetype` recognises as a PDF (content decides, not the name).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OFFICER_PASSWORD = "Samudra-Biru-7391!"

SERVICE_FIELDS = """
  code family nameId nameEn perRegion agencyPattern
  agency { code }
  offeredBy(regionCode: $region) { code }
  channels deliveryOptions
  standard {
    timeLimitDays productId productEn complaintChannel
    fee { amount free legalBasis descriptionId descriptionEn }
    feeVaries
    requirements { nameId nameEn attachment required }
    procedure { order nameId nameEn }
    components { nameId nameEn value }
  }
  form { regionField fields { code order datatype required nameId nameEn descriptionId format values { key nameId nameEn } } }
"""

CATALOG = f"""
query Catalog($family: String!, $region: String!) {{
  services(family: $family, first: 20) {{ totalCount nodes {{ {SERVICE_FIELDS} }} }}
}}
"""

APPLICATION_FIELDS = """
  id trackingNumber status dueDate fee timeLimitDays serviceCode answers statusReason revisionCount nextStatuses
  feeDetails { amount free legalBasis descriptionId descriptionEn }
  service { code } agency { code }
  delivery { status courier courierTrackingNumber receivedBy }
  timeline { kind toStatus actorRole text }
"""

SUBMIT = f"""
mutation Submit($input: SubmitApplicationInput!) {{
  submitApplication(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""
RESUBMIT = f"""
mutation Resubmit($input: ResubmitApplicationInput!) {{
  resubmitApplication(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""
TRANSITION = f"""
mutation Move($input: TransitionApplicationInput!) {{
  transitionApplication(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""
UPDATE_DELIVERY = f"""
mutation Courier($input: UpdateDeliveryInput!) {{
  updateDelivery(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""
CONFIRM_DELIVERY = f"""
mutation Received($input: ConfirmDeliveryInput!) {{
  confirmDelivery(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""
APPLICATION = f"""
query One($n: String!) {{ application(trackingNumber: $n) {{ {APPLICATION_FIELDS} }} }}
"""
TRACK = """
query Track($n: String!) {
  trackApplication(trackingNumber: $n) { status deliveryMethod courierStatus service { code } agency { code } timeline { status } }
}
"""
MINE = "query Mine { myApplications(first: 50) { totalCount nodes { trackingNumber status serviceCode } } }"
QUEUE = """
query Queue($service: String) {
  applicationQueue(serviceCode: $service, first: 50) { totalCount nodes { trackingNumber status applicantNik } }
}
"""
CREATE_OFFICER = """
mutation NewOfficer($input: CreateOfficerInput!) { createOfficer(input: $input) { activationCode officer { id } } }
"""
RESET_PASSWORD = "mutation Activate($input: ResetPasswordInput!) { resetPassword(input: $input) { done } }"


async def submit(
    client: Any,
    service_code: str,
    answers: dict[str, Any],
    *,
    delivery: dict[str, Any] | None = None,
    files: int = 1,
    language: str | None = None,
) -> Any:
    """Submit an application with ``files`` PDF attachments (a multipart request when there are any)."""
    variables: dict[str, Any] = {"input": {"serviceCode": service_code, "answers": answers}}
    if delivery is not None:
        variables["input"]["delivery"] = delivery
    uploads = {f"input.attachments.{i}": (f"dokumen-{i}.pdf", PDF, "application/pdf") for i in range(files)}
    return await client.query(SUBMIT, variables, files=uploads or None, language=language)


def submitted(response: Any) -> dict[str, Any]:
    assert not response.errors, response.errors
    application: dict[str, Any] = response.data["submitApplication"]["application"]
    assert application["status"] == "SUBMITTED"
    return application


async def move(officer: Any, application_id: str, status: str, reason: str | None = None) -> dict[str, Any]:
    data = await officer.execute(
        TRANSITION, {"input": {"applicationId": application_id, "status": status, "reason": reason}}
    )
    application: dict[str, Any] = data["transitionApplication"]["application"]
    assert application["status"] == status
    return application


async def walk_to_ready(officer: Any, application_id: str) -> dict[str, Any]:
    """Verified, in process, ready: the agency's part of the work."""
    application: dict[str, Any] = {}
    for status in ("VERIFIED", "IN_PROCESS", "READY"):
        application = await move(officer, application_id, status)
    return application


async def officer_of(gql: Any, agency_code: str, username: str, nip: str) -> Any:
    """A real officer of ``agency_code``: created by the province admin, activated with its code, signed in."""
    admin = await gql.login("admin.provinsi")
    created = await admin.execute(
        CREATE_OFFICER,
        {
            "input": {
                "username": username,
                "name": "Petugas Uji Layanan",
                "nip": nip,
                "agencyCode": agency_code,
                "position": "Petugas Pelayanan",
                "grade": "III/a",
            }
        },
    )
    code = created["createOfficer"]["activationCode"]
    await gql.execute(RESET_PASSWORD, {"input": {"code": code, "newPassword": OFFICER_PASSWORD}})
    return await gql.login(username, OFFICER_PASSWORD)


def home_delivery(region_code: str = SURABAYA_DESA) -> dict[str, Any]:
    return {
        "method": "HOME_DELIVERY",
        "address": {
            "recipientName": "Budi Santoso",
            "phone": "081234500001",
            "street": "Jl. Mastrip No. 5 RT 003 RW 012",
            "regionCode": region_code,
            "postalCode": "60221",
        },
    }
