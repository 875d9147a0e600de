"""Synthetic survey answers for ``cettar seed --synthetic N``: about three in ten completed cases answer.

Runs after ``layanan`` and ``pengaduan`` have loaded theirs (the plugin requires both). The
answered cases are picked in SQL (``id`` modulo 10), the scores drawn from the run's ``rng``
around a quality that differs from officer to officer, so officers and agencies come out with
different indexes. Each answer is credited as the survey credits it: the assigned officer of
an application (else the last staff member who moved it), the last staff member who followed
up or resolved a complaint.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from core.runtime import Runtime
from core.synthetic import SyntheticPeople, SyntheticProgress, bulk_insert, fix_sequences, next_id
from plugins.kinerja.models import SCORE_COLUMNS, SurveyResponse

#: Cases whose ``id % 10`` is below this answer the survey.
ANSWERING = 3
COLUMNS = ("id", "application_id", "complaint_id", "agency_id", "service_code", "officer_id", "answered_at",
           *SCORE_COLUMNS, "comment")  # fmt: skip
COMMENTS = (
    None, None, None, "Pelayanan cepat dan ramah.", "Antrean di loket masih lama.", "Petugas sangat membantu.",
    "Informasi persyaratan kurang jelas.",
)  # fmt: skip
APPLICATIONS = text(
    "SELECT a.id, a.agency_id, a.service_code, COALESCE(a.assigned_officer_id, (SELECT t.actor_id FROM layanan_timeline t"
    " WHERE t.application_id = a.id AND t.kind = 'status_changed' AND t.actor_role <> 'citizen'"
    " ORDER BY t.id DESC LIMIT 1)), a.closed_at FROM layanan_application a"
    f" WHERE a.status IN ('picked_up', 'delivered') AND a.id % 10 < {ANSWERING}"
    " AND NOT EXISTS (SELECT 1 FROM kinerja_survey_response r WHERE r.application_id = a.id) ORDER BY a.id"
)
COMPLAINTS = text(
    "SELECT c.id, c.agency_id, (SELECT s.actor_account_id FROM pengaduan_step s WHERE s.complaint_id = c.id"
    " AND s.actor_kind = 'staff' AND s.action IN ('followed_up', 'resolved') ORDER BY s.id DESC LIMIT 1), c.closed_at"
    f" FROM pengaduan_complaint c WHERE c.status = 'closed' AND c.agency_id IS NOT NULL AND c.id % 10 < {ANSWERING}"
    " AND NOT EXISTS (SELECT 1 FROM kinerja_survey_response r WHERE r.complaint_id = c.id) ORDER BY c.id"
)


def _moment(value: Any) -> datetime:
    if isinstance(value, str):  # SQLite hands a timestamp back as its text in a raw statement
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _scores(rng: random.Random, officer_id: int | None) -> tuple[int, ...]:
    quality = 2.7 + ((officer_id or 0) * 37 % 100) / 100  # 2.7 … 3.69: officers differ
    return tuple(max(1, min(4, round(rng.gauss(quality, 0.55)))) for _ in SCORE_COLUMNS)


async def seed_synthetic(
    runtime: Runtime,
    rng: random.Random,
    progress: SyntheticProgress,
    people: SyntheticPeople,
    now: datetime,
) -> None:
    """Survey answers for about 30% of the picked-up or delivered applications and the closed complaints."""
    async with runtime.database.engine.connect() as connection:
        applications = (await connection.execute(APPLICATIONS)).all()
        complaints = (await connection.execute(COMPLAINTS)).all()
    table = SurveyResponse.__table__  # type: ignore[attr-defined]
    first = await next_id(runtime, table)

    def rows() -> Any:
        number = first
        for application_id, agency_id, service_code, officer_id, closed_at in applications:
            answered = min(now, _moment(closed_at) + timedelta(hours=rng.uniform(0.1, 72)))
            comment = rng.choice(COMMENTS)
            yield (number, application_id, None, agency_id, service_code, officer_id, answered,
                   *_scores(rng, officer_id), comment)  # fmt: skip
            number += 1
        for complaint_id, agency_id, officer_id, closed_at in complaints:
            answered = min(now, _moment(closed_at) + timedelta(hours=rng.uniform(0.1, 72)))
            yield (number, None, complaint_id, agency_id, None, officer_id, answered,
                   *_scores(rng, officer_id), None)  # fmt: skip
            number += 1

    total = len(applications) + len(complaints)
    await bulk_insert(runtime, table, COLUMNS, rows(), advance=progress("kinerja: survey answers", total))
    await fix_sequences(runtime, table)
