"""kinerja: the survey area — the citizen satisfaction survey (SKM) and its index (IKM, PermenPANRB 14/2017).

- ``service``: who may answer which case, when, once (no GraphQL);
- ``stats``: :func:`~plugins.kinerja.survey.stats.satisfaction`, the one SQL aggregate every kinerja
  figure of satisfaction goes through;
- ``types`` / ``inputs`` / ``resolvers``: ``answerSatisfactionSurvey``, ``mySatisfactionSurvey``,
  ``satisfactionIndex`` (public) and ``satisfactionComments`` (the served agency's staff, the province admin);
- ``seed``: demo answers. The computation itself is :mod:`plugins.kinerja.ikm`.
"""

from __future__ import annotations

from typing import Any

from core.auth import Role
from core.identity.permissions import Permission
from plugins.kinerja.survey import examples, resolvers, seed
from plugins.kinerja.survey.types import SatisfactionIndex

__all__ = ["PERMISSIONS", "SatisfactionIndex", "register", "seed"]

PERMISSIONS: tuple[Permission, ...] = (
    Permission(
        resolvers.READ_COMMENTS,
        "Membaca komentar survei kepuasan untuk instansi sendiri / Read the satisfaction survey comments about "
        "one's own agency (the province admin: every agency's).",
        [Role.OFFICER, Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN],
        grantable_by=[Role.AGENCY_ADMIN],
    ),
)


def register(builder: Any) -> None:
    """Add this area's types and root fields."""
    builder.query(resolvers.my_satisfaction_survey, resolvers.satisfaction_index, resolvers.satisfaction_comments)
    builder.mutation(resolvers.answer_satisfaction_survey)
    examples.register(builder, seed.open_demo_application())
