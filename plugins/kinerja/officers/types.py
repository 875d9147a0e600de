"""GraphQL types of officer performance (kinerja ASN)."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry
from strawberry.dataloader import DataLoader

from core.identity.models import Account as AccountRow
from core.regions.models import Agency as AgencyRow
from plugins.kinerja.officers.figures import NOTHING, OfficerFigures, officer_figures
from plugins.kinerja.period import Period
from plugins.kinerja.survey.stats import satisfaction
from plugins.kinerja.survey.types import SatisfactionIndex
from schema import Info, encode_global_id, row_loader
from schema.context import Context


def figures_loader(info: Info, period: Period) -> DataLoader[int, OfficerFigures]:
    """Per request and period: every officer of a page in ONE statement (:func:`officer_figures`)."""

    def factory(context: Context) -> DataLoader[int, OfficerFigures]:
        async def load(ids: list[int]) -> list[OfficerFigures]:
            async with context.db() as session:
                found = await officer_figures(session, period, ids)
            return [found.get(i, NOTHING) for i in ids]

        return DataLoader(load_fn=load)

    return info.context.loader(f"kinerja.officer_figures:{period.start}:{period.end}", factory)


@strawberry.type(
    name="OfficerApplicationFigures",
    description="The applications an officer handled in the period. Handled: the officer is assigned to it and it "
    "closed in the period, or the officer recorded one of its status changes in the period. Completed: handled, "
    "picked up or delivered, closed in the period.",
)
class OfficerApplicationFigures:
    handled: int = strawberry.field(description="Applications handled (each counted once).")
    completed: int = strawberry.field(
        description="Handled applications completed (picked up or delivered) in the period."
    )
    completed_within_deadline: int = strawberry.field(
        description="Completed applications closed on or before their due date (WIB date of `closedAt` ≤ `dueDate`)."
    )
    within_deadline_share: float | None = strawberry.field(
        description="completedWithinDeadline / completed, 0-1; null when none was completed."
    )
    median_working_days: float | None = strawberry.field(
        description="The median of the working days from submission to completion of the completed applications "
        "(`core.calendar.working_days_between`, WIB dates); null when none was completed."
    )


@strawberry.type(
    name="OfficerComplaintFigures",
    description="The complaints an officer handled in the period: those on which they took a step as staff "
    "(not an escalation or a moderation). Responses: their verification decisions (verified, held, not our "
    "authority, archived; due within 3 working days of filing) and their follow-ups (due within 5 working days of "
    "the disposition, forwarding or reopening before it), taken in the period.",
)
class OfficerComplaintFigures:
    handled: int = strawberry.field(description="Complaints handled (each counted once).")
    responses: int = strawberry.field(description="Verification decisions and follow-ups by the officer.")
    responses_within_deadline: int = strawberry.field(
        description="Responses on or before their deadline: a decision within 3 working days of filing, a follow-up "
        "within 5 of the disposition before it."
    )
    within_deadline_share: float | None = strawberry.field(
        description="responsesWithinDeadline / responses, 0-1; null without responses."
    )
    median_response_working_days: float | None = strawberry.field(
        description="The median of the working days from the start of each response's clock (filing, or the "
        "disposition) to the response; null without responses."
    )


@dataclass(frozen=True)
class Subject:
    """Whose figures, over which period."""

    account_id: int
    agency_id: int
    period: Period
    #: One officer asked for alone: satisfaction goes through ``survey.stats.satisfaction`` itself.
    alone: bool


@strawberry.type(
    name="OfficerPerformance",
    description="An officer's performance (kinerja ASN) over a period, from what the platform recorded: the "
    "applications and complaints they handled, how many were done within their deadline, the median working days, "
    "and the satisfaction of the citizens they served. Visible only to the officer, an agency admin of the "
    "officer's agency, and the province admin. See docs/plugins/kinerja-officers.md.",
)
class OfficerPerformance:
    subject: strawberry.Private[Subject]

    @strawberry.field(description="The officer's global ID (`node(id:)` gives the `Officer`).")
    def officer_id(self) -> strawberry.ID:
        return strawberry.ID(encode_global_id("Officer", str(self.subject.account_id)))

    @strawberry.field(description="The officer's name.")
    async def name(self, info: Info) -> str:
        row = await row_loader(info, AccountRow).load(self.subject.account_id)
        return "" if row is None else row.name

    @strawberry.field(description="The code of the officer's agency, e.g. `dispendukcapil-3578`.")
    async def agency_code(self, info: Info) -> str:
        row = await row_loader(info, AgencyRow).load(self.subject.agency_id)
        return "" if row is None else row.code

    async def _figures(self, info: Info) -> OfficerFigures:
        return await figures_loader(info, self.subject.period).load(self.subject.account_id)

    @strawberry.field(description="The applications handled in the period.")
    async def applications(self, info: Info) -> OfficerApplicationFigures:
        f = await self._figures(info)
        return OfficerApplicationFigures(
            handled=f.applications_handled,
            completed=f.applications_completed,
            completed_within_deadline=f.applications_on_time,
            within_deadline_share=f.applications_on_time_share,
            median_working_days=f.application_median_working_days,
        )

    @strawberry.field(description="The complaints handled in the period.")
    async def complaints(self, info: Info) -> OfficerComplaintFigures:
        f = await self._figures(info)
        return OfficerComplaintFigures(
            handled=f.complaints_handled,
            responses=f.complaint_responses,
            responses_within_deadline=f.complaint_responses_on_time,
            within_deadline_share=f.complaint_responses_on_time_share,
            median_response_working_days=f.complaint_median_working_days,
        )

    @strawberry.field(
        description="(completed applications within deadline + complaint responses within deadline) / (completed "
        "applications + complaint responses), 0-1; null when there is neither."
    )
    async def within_deadline_share(self, info: Info) -> float | None:
        return (await self._figures(info)).on_time_share

    @strawberry.field(
        description="The satisfaction index (IKM) of the survey answers credited to this officer (the survey's "
        "`officer`: the assigned officer of an application, else the last staff member who moved it; for a "
        "complaint the last staff member who followed it up or resolved it), answered in the period."
    )
    async def satisfaction(self, info: Info) -> SatisfactionIndex:
        if self.subject.alone:
            async with info.context.db() as session:
                result = await satisfaction(session, self.subject.period, officer_id=self.subject.account_id)
        else:  # a page: the sums came with the page's one statement
            result = (await self._figures(info)).satisfaction
        return SatisfactionIndex.from_result(result)
