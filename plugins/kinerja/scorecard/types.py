"""GraphQL types of the CETTAR scorecard. Each field's description gives its formula (``docs/plugins/kinerja-scorecard.md``)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from plugins.kinerja.scorecard.figures import ApplicationFigures, Share, VerificationFigures
from plugins.kinerja.scorecard.scope import CettarScopeKind
from plugins.kinerja.survey.types import SatisfactionIndex


@strawberry.type(description="A share: `numerator` of `denominator`, and `ratio` = numerator / denominator.")
class CettarShare:
    numerator: int = strawberry.field(description="How many meet the measure.")
    denominator: int = strawberry.field(description="How many count for the measure.")
    ratio: float | None = strawberry.field(
        description="numerator / denominator, between 0 and 1, unrounded; null when the denominator is 0."
    )

    @classmethod
    def of(cls, share: Share) -> CettarShare:
        return cls(numerator=share.numerator, denominator=share.denominator, ratio=share.ratio)


@strawberry.type(
    description="What a scorecard covers: an agency, a region (rolled up from its agencies) or the province."
)
class CettarScope:
    kind: CettarScopeKind = strawberry.field(description="AGENCY, REGION or PROVINCE.")
    code: str = strawberry.field(
        description="The agency's code (`dispendukcapil-3578`) or the region's (`35.78`, `35`)."
    )
    name: str = strawberry.field(description="The agency's or the region's name.")


@strawberry.type(description="Cepat (fast): applications completed within their time limit, and how long they took.")
class CettarCepat:
    on_time: CettarShare = strawberry.field(
        description="Applications completed in the period (status PICKED_UP or DELIVERED, `closedAt` in the period) "
        "whose WIB date of completion (`closedAt`) is on or before their `dueDate` / all applications completed in "
        "the period."
    )
    median_working_days: float | None = strawberry.field(
        description="The median, over the applications completed in the period, of the working days from the WIB "
        "date of submission to the WIB date of completion (`core.calendar.working_days_between`: Monday-Friday minus "
        "national holidays); the mean of the two middle values for an even count; null without completions."
    )

    @classmethod
    def of(cls, figures: ApplicationFigures) -> CettarCepat:
        return cls(
            on_time=CettarShare.of(Share(figures.on_time, figures.completed)),
            median_working_days=figures.median_working_days,
        )


@strawberry.type(
    description="Efektif/Efisien: every application is submitted online; the only visit left is collecting the "
    "product at the counter, which home delivery avoids."
)
class CettarEfektif:
    without_counter_visit: CettarShare = strawberry.field(
        description="Applications completed in the period by home delivery (status DELIVERED) / all applications "
        "completed in the period (DELIVERED or PICKED_UP at the counter)."
    )
    office_visits_avoided: int = strawberry.field(
        description="Visits to an office the applications completed in the period did not need: one per online "
        "submission (1 + each online resubmission after a revision request: `1 + revisionCount`) plus one per home "
        "delivery. Σ (1 + revision_count) + number DELIVERED."
    )

    @classmethod
    def of(cls, figures: ApplicationFigures) -> CettarEfektif:
        return cls(
            without_counter_visit=CettarShare.of(Share(figures.delivered, figures.completed)),
            office_visits_avoided=figures.visits_avoided,
        )


@strawberry.type(
    description="Tanggap (responsive): complaints verified and followed up within the SP4N-LAPOR! deadlines."
)
class CettarTanggap:
    verified_in_time: CettarShare = strawberry.field(
        description="Complaints filed in the period to the scope's complaint units whose verification decision (the "
        "first step VERIFIED, HELD, NOT_OUR_AUTHORITY or ARCHIVED) fell on or before the 3rd working day after the WIB "
        "date of filing / complaints filed in the period that have a decision or whose 3 working days have passed "
        "(those still within their 3 days are left out)."
    )
    followed_up_in_time: CettarShare = strawberry.field(
        description="Dispositions (verification or forwarding) made in the period to the scope's agencies that were "
        "followed up (a FOLLOWED_UP step after the disposition and before any next disposition) on or before the 5th "
        "working day after the WIB date of the disposition / dispositions followed up, or forwarded onwards after "
        "their 5 working days, or still waiting past them (a disposition forwarded onwards within its 5 days, or "
        "still within them, is left out)."
    )
    median_hours_to_first_response: float | None = strawberry.field(
        description="The median, over the complaints filed in the period to the scope's complaint units that have "
        "been answered, of the hours from filing to the first response: the verification decision or the first "
        "staff message, whichever came first; null when none was answered."
    )

    @classmethod
    def of(cls, verification: VerificationFigures, follow_up: Share) -> CettarTanggap:
        return cls(
            verified_in_time=CettarShare.of(verification.verified),
            followed_up_in_time=CettarShare.of(follow_up),
            median_hours_to_first_response=verification.median_hours_to_first_response,
        )


@strawberry.type(description="Transparan: applications and complaints whose public timeline is complete.")
class CettarTransparan:
    applications: CettarShare = strawberry.field(
        description="Applications closed in the period (PICKED_UP, DELIVERED, REJECTED or CANCELLED; `closedAt` in "
        "the period) whose status-change timeline entries, in time order, form one unbroken chain — the first from "
        "nothing to SUBMITTED, each next one starting from the status the previous one reached, the last reaching "
        "the application's status — / all applications closed in the period."
    )
    complaints: CettarShare = strawberry.field(
        description="Complaints closed in the period (CLOSED, NOT_OUR_AUTHORITY or ARCHIVED; `closedAt` in the "
        "period; counted for the agency handling them, else their complaint unit) whose steps (all but ESCALATED, "
        "HIDDEN, RESTORED, REMOVED), in time order, form one unbroken chain from FILED (to SUBMITTED) to the "
        "complaint's status / all complaints closed in the period."
    )
    overall: CettarShare = strawberry.field(
        description="`applications` and `complaints` together: the sum of the numerators / the sum of the denominators."
    )

    @classmethod
    def of(cls, applications: Share, complaints: Share) -> CettarTransparan:
        return cls(
            applications=CettarShare.of(applications),
            complaints=CettarShare.of(complaints),
            overall=CettarShare.of(applications + complaints),
        )


@strawberry.type(description="The last verification of the platform's audit hash chain (platform-wide, not per scope).")
class CettarAuditChain:
    verified: bool = strawberry.field(
        description="True when `core.audit.chain.verify` found every record linked to the previous one and matching "
        "its hash, up to the head."
    )
    checked_records: int = strawberry.field(description="How many records the verification walked.")
    checked_at: datetime = strawberry.field(
        description="When it was verified. The result is reused while the chain's head is unchanged, for at most 15 "
        "minutes; then the next request verifies again."
    )


@strawberry.type(description="Akuntabel: status changes with a recorded actor and reason; the audit chain.")
class CettarAkuntabel:
    transitions: CettarShare = strawberry.field(
        description="Status changes made in the period (application timeline entries STATUS_CHANGED; complaint steps "
        "but ESCALATED, HIDDEN, RESTORED, REMOVED) with a recorded actor (an application entry's actor account; a "
        "complaint step by staff with its account — a reporter's or the system's step is recorded by its kind, "
        "never by account) and, where a reason is required (applications: NEEDS_REVISION, REJECTED; complaints: "
        "HELD, NOT_OUR_AUTHORITY, ARCHIVED, FORWARDED, FOLLOWED_UP, RESOLVED, REOPENED), a non-blank reason / all "
        "those status changes."
    )
    audit_chain: CettarAuditChain | None = strawberry.field(
        description="Whether the audit chain verifies (see `CettarAuditChain`); null in the monthly series."
    )


@strawberry.type(description="The CETTAR measures of one WIB month of the period.")
class CettarMonth:
    month: str = strawberry.field(description="`YYYY-MM`, a WIB calendar month.")
    cepat: CettarCepat = strawberry.field(description="Cepat, for the applications completed in this month.")
    efektif: CettarEfektif = strawberry.field(
        description="Efektif/Efisien, for the applications completed in this month."
    )
    tanggap: CettarTanggap = strawberry.field(
        description="Tanggap, for the complaints filed and the dispositions made in this month."
    )
    transparan: CettarTransparan = strawberry.field(
        description="Transparan, for the applications and complaints closed in this month."
    )
    akuntabel: CettarAkuntabel = strawberry.field(description="Akuntabel, for the status changes made in this month.")
    responsif: SatisfactionIndex = strawberry.field(
        description="Responsif: the IKM of the surveys answered in this month."
    )


@strawberry.enum(description="The measure agencies are ranked by (its headline value, highest first).")
class CettarMeasure(Enum):
    CEPAT = strawberry.enum_value("cepat", description="`cepat.onTime.ratio`.")
    EFEKTIF = strawberry.enum_value("efektif", description="`efektif.withoutCounterVisit.ratio`.")
    TANGGAP = strawberry.enum_value(
        "tanggap",
        description="`verifiedInTime` and `followedUpInTime` together: the sum of their numerators / the sum of "
        "their denominators.",
    )
    TRANSPARAN = strawberry.enum_value("transparan", description="`transparan.overall.ratio`.")
    AKUNTABEL = strawberry.enum_value("akuntabel", description="`akuntabel.transitions.ratio`.")
    RESPONSIF = strawberry.enum_value(
        "responsif", description="The IKM index (25-100); ties and order by its exact value."
    )


@strawberry.type(description="An agency as the scorecard names it (fetch the full `Agency` with `node(id: agencyId)`).")
class CettarAgency:
    agency_id: strawberry.ID = strawberry.field(description="Global ID of the `Agency`.")
    code: str = strawberry.field(description="The agency's code.")
    name: str = strawberry.field(description="The agency's name.")
    region_code: str = strawberry.field(description="The region the agency sits in.")


@strawberry.type(description="One agency's place in a ranking of the agencies of a region.")
class CettarRankedAgency:
    position: int = strawberry.field(description="1, 2, 3 … in ranking order (ties and agencies without data by code).")
    rank: int | None = strawberry.field(
        description="Competition rank by `value`, highest first (equal values share a rank: 1, 2, 2, 4); null "
        "without a value."
    )
    agency: CettarAgency = strawberry.field(description="The agency.")
    value: float | None = strawberry.field(
        description="The measure's headline value (see `CettarMeasure`): a ratio 0-1, or the IKM index 25-100 for "
        "RESPONSIF; null when the agency has nothing to measure in the period."
    )
    numerator: int | None = strawberry.field(description="The share's numerator; null for RESPONSIF.")
    denominator: int = strawberry.field(description="The share's denominator, or the respondents for RESPONSIF.")


__all__ = [
    "CettarAgency",
    "CettarAkuntabel",
    "CettarAuditChain",
    "CettarCepat",
    "CettarEfektif",
    "CettarMeasure",
    "CettarMonth",
    "CettarRankedAgency",
    "CettarScope",
    "CettarShare",
    "CettarTanggap",
    "CettarTransparan",
]
