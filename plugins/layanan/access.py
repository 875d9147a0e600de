"""Who may see and do what with an application (one place, used by queries, mutations and subscriptions).

- Everyone who may read the application (``core.access.can_read``: the applicant, staff of
  the processing agency, the province admin) sees its status, service, agency and dates.
- Its answers, attachments, delivery address and the reasons given are personal data: only
  the applicant and staff of the processing agency see them (not the province admin).
- Internal notes and officer names: staff of the processing agency only.
- Processing (verify, advance, return, reject, claim, note, delivery) needs staff of the
  processing agency holding ``layanan.process``.
"""

from __future__ import annotations

from core.access import can_read
from core.auth import Principal
from plugins.layanan.models import Application

PROCESS = "layanan.process"


def may_read(principal: Principal, application: Application) -> bool:
    return can_read(principal, owner_id=application.applicant_id, agency_id=application.agency_id)


def is_agency_staff(principal: Principal, application: Application) -> bool:
    return principal.is_staff and principal.in_agency(application.agency_id)


def may_see_personal(principal: Principal, application: Application) -> bool:
    """The applicant and staff of the processing agency."""
    return principal.owns(application.applicant_id) or is_agency_staff(principal, application)


def may_process(principal: Principal, application: Application) -> bool:
    return is_agency_staff(principal, application) and principal.has(PROCESS)
