"""kinerja: the officers area — each officer's performance (kinerja ASN) over a period.

- ``figures``: one SQL aggregate for the officers of a page (applications, complaints, deadlines,
  median working days, survey sums); no GraphQL;
- ``types`` / ``resolvers``: ``officerPerformance`` (one officer, default yourself) and
  ``agencyOfficerPerformance`` (an agency's officers, paged), visible only to the officer, an
  agency admin of their agency and the province admin;
- ``synthetic``: survey answers for ``cettar seed --synthetic N``.

Definitions, formulas, visibility and errors: ``docs/plugins/kinerja-officers.md``.
"""

from __future__ import annotations

from typing import Any

from plugins.kinerja.officers import examples, resolvers, synthetic

__all__ = ["register", "synthetic"]


def register(builder: Any) -> None:
    """Add this area's types and root fields."""
    builder.query(resolvers.officer_performance, resolvers.agency_officer_performance)
    examples.register(builder)
