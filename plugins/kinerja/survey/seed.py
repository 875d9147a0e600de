"""Demo answers (``cettar seed --demo``): surveys for some of the demo applications and complaints.

Every demo citizen answers the survey of their demo application that was *picked up* at each agency
(``plugins.layanan.seed`` scenario 7), with scores and sometimes a comment derived from its tracking
number; the *delivered* ones (scenario 8) stay unanswered, for the citizen to answer in GraphiQL. The
reporter of the closed demo complaint ``ADU-DEMO-0001`` answers its survey; ``ADU-DEMO-0017`` (closed
after the reopen period) stays unanswered. Each answer goes through :func:`service.answer_survey`, as
its citizen, shortly after the case was completed. Idempotent: a case already answered is skipped.

``kinerja`` requires ``layanan`` and ``pengaduan``, so ``cettar seed`` runs their demo seeds first
(seeds run in dependency order).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Principal, Role
from core.db import utcnow
from core.regions.models import Agency
from plugins.kinerja.survey import service
from plugins.layanan.models import Application
from plugins.layanan.seed import demo_tracking_number
from plugins.pengaduan.models import Complaint

if TYPE_CHECKING:
    from core.runtime import Runtime

#: The demo citizens of ``plugins.layanan.seed``.
CITIZENS = ("warga.budi", "warga.siti", "warga.rina")
#: The layanan demo scenario answered (picked up) and the one left for the citizen (delivered).
ANSWERED_SCENARIO, OPEN_SCENARIO = 7, 8
#: The demo complaints whose reporter answers.
COMPLAINTS = ("ADU-DEMO-0001",)
COMMENTS = (
    "Pelayanan cepat, petugas ramah. Terima kasih.",
    "Mohon informasi persyaratan di aplikasi dibuat lebih jelas.",
    None,
    "Antar ke rumah sangat membantu, tidak perlu antre di kantor.",
    None,
)


def demo_scores(seed_text: str) -> tuple[int, ...]:
    """Nine scores, mostly 3 and 4, fixed by ``seed_text``."""
    digest = hashlib.sha256(f"kinerja-demo:{seed_text}".encode()).digest()
    return tuple((2, 3, 3, 4, 4, 4)[b % 6] for b in digest[:9])


def demo_comment(seed_text: str) -> str | None:
    digest = hashlib.sha256(f"kinerja-demo-comment:{seed_text}".encode()).digest()
    return COMMENTS[digest[0] % len(COMMENTS)]


def open_demo_application(username: str = "warga.budi", agency_code: str = "dispendukcapil-3578") -> str:
    """The tracking number of a completed demo application left unanswered (the GraphiQL example answers it)."""
    return demo_tracking_number(username, agency_code, OPEN_SCENARIO)


def _after(moment: datetime | None, now: datetime) -> datetime:
    return min((moment or now) + timedelta(hours=3), now)


async def seed_demo(session: AsyncSession, runtime: Runtime) -> int:
    """Answer the demo surveys not answered yet; returns how many were added."""
    now = utcnow()
    codes = list((await session.execute(select(col(Agency.code)))).scalars())
    numbers = sorted({demo_tracking_number(user, code, ANSWERED_SCENARIO) for user in CITIZENS for code in codes})
    applications: list[Application] = []
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        stmt = select(Application).where(
            col(Application.tracking_number).in_(chunk), col(Application.status).in_(sorted(service.COMPLETED))
        )
        applications.extend((await session.execute(stmt)).scalars())
    added = 0
    for application in sorted(applications, key=lambda a: a.id or 0):
        principal = Principal(role=Role.CITIZEN, account_id=application.applicant_id)
        ref = service.SubjectRef(application_id=application.id)
        if (await service.state(session, principal, ref)).answered:
            continue
        number = application.tracking_number
        answer = service.Answer(demo_scores(number), demo_comment(number))
        await service.answer_survey(session, runtime, principal, ref, answer, now=_after(application.closed_at, now))
        added += 1
    complaints = (
        await session.execute(select(Complaint).where(col(Complaint.tracking_number).in_(COMPLAINTS)))
    ).scalars()
    for complaint in list(complaints):
        if complaint.reporter_account_id is None:
            continue
        principal = Principal(role=Role.CITIZEN, account_id=complaint.reporter_account_id)
        ref = service.SubjectRef(complaint_id=complaint.id)
        current = await service.state(session, principal, ref)
        if not current.can_answer:
            continue
        answer = service.Answer((4, 4, 4, 4, 4, 3, 4, 4, 3), "Ditangani tuntas, laporan ditanggapi dengan baik.")
        await service.answer_survey(session, runtime, principal, ref, answer, now=_after(complaint.closed_at, now))
        added += 1
    await session.flush()
    return added
