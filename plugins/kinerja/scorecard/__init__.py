"""kinerja: the CETTAR scorecard of an agency, a region or the province; its monthly series; agency rankings.

``figures`` holds the SQL (one aggregate per measure), ``dialect`` what SQLite and PostgreSQL spell
differently (and the working-day calendar as a table), ``scope`` what a scorecard covers,
``audit`` the cached verification of the audit chain, ``card`` and ``ranking`` the GraphQL objects.
Formulas: ``docs/plugins/kinerja-scorecard.md``.
"""

from __future__ import annotations

from typing import Any

from plugins.kinerja.scorecard import examples, resolvers
from plugins.kinerja.scorecard import jobs as jobs  # the job that fills the facts (cettar_jobs)


def register(builder: Any) -> None:
    """Add this area's types and root fields."""
    builder.query(resolvers.cettar_scorecard, resolvers.cettar_agency_ranking)
    examples.register(builder)
