"""GraphQL types of the survey: the index of a scope, a citizen's own survey, the comments for the agency.

``SatisfactionIndex`` is shared with the other kinerja areas: build it with
:meth:`SatisfactionIndex.from_result` from an :class:`~plugins.kinerja.ikm.IkmResult`
(see :func:`plugins.kinerja.survey.stats.satisfaction`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from core.regions.models import Agency as AgencyRow
from plugins.kinerja.ikm import ELEMENTS, GRADE_BY_CODE, IkmResult
from plugins.kinerja.models import SCORE_COLUMNS, SurveyResponse
from plugins.kinerja.survey.service import SubjectKind, SurveyState
from schema import Info, row_loader


@strawberry.enum(name="SatisfactionGrade", description="The quality of service (mutu pelayanan) by the IKM index.")
class SatisfactionGrade(Enum):
    A = strawberry.enum_value("A", description="88.31-100: Sangat Baik (very good).")
    B = strawberry.enum_value("B", description="76.61-88.30: Baik (good).")
    C = strawberry.enum_value("C", description="65.00-76.60: Kurang Baik (less than good).")
    D = strawberry.enum_value("D", description="25.00-64.99: Tidak Baik (not good).")


SatisfactionSubject = strawberry.enum(
    SubjectKind,
    name="SatisfactionSubjectKind",
    description="What a survey answer is about: a completed application or a closed complaint.",
)


def _number(value: Decimal | None) -> float | None:
    """A rounded Decimal as a JSON number: at most four decimals, so the float prints exactly as the Decimal."""
    return None if value is None else float(value)


@strawberry.type(description="One of the nine survey elements (unsur pelayanan, PermenPANRB 14/2017) and its NRR.")
class SatisfactionElement:
    code: str = strawberry.field(description="`U1` … `U9`, in the regulation's order.")
    name_id: str = strawberry.field(description="The element's name in Bahasa Indonesia.")
    name_en: str = strawberry.field(description="The element's name in English.")
    nrr: float | None = strawberry.field(
        description="NRR (nilai rata-rata): the sum of this element's scores / respondents, 1-4, rounded half up to "
        "four decimals; null without respondents."
    )

    @strawberry.field(description="The name in the language of `Accept-Language` (Bahasa Indonesia by default).")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.language == "en" else self.name_id


@strawberry.type(
    description="The community satisfaction index (IKM, PermenPANRB 14/2017) of the survey answers in a scope and "
    "period: NRR per element, IKM = Σ NRR x 1/9 (exactly one ninth), index = IKM x 25, and its grade. Computed "
    "exactly, each figure rounded once half up from its exact value; the grade is that of the index shown "
    "(two decimals), so a value between two bands goes where its rounding lands (76.605 → 76.61 → B)."
)
class SatisfactionIndex:
    respondents: int = strawberry.field(description="How many surveys were answered in the scope and period.")
    elements: list[SatisfactionElement] = strawberry.field(description="The nine elements U1 … U9 with their NRR.")
    ikm: float | None = strawberry.field(
        description="IKM = Σ NRR x 1/9, on the 1-4 scale, rounded half up to four decimals; null without respondents."
    )
    index: float | None = strawberry.field(
        description="The index (nilai IKM konversi) = IKM x 25, 25-100, rounded half up to two decimals from the "
        "exact value; null without respondents."
    )
    grade: SatisfactionGrade | None = strawberry.field(
        description="A (88.31-100), B (76.61-88.30), C (65.00-76.60) or D (25.00-64.99) of `index`; null without "
        "respondents."
    )

    @strawberry.field(
        description="The grade's label in the language of `Accept-Language`: Sangat Baik / Very good, Baik / Good, "
        "Kurang Baik / Less than good, Tidak Baik / Not good."
    )
    def grade_label(self, info: Info) -> str | None:
        if self.grade is None:
            return None
        grade = GRADE_BY_CODE[self.grade.name]
        return grade.label_en if info.context.language == "en" else grade.label_id

    @classmethod
    def from_result(cls, result: IkmResult) -> SatisfactionIndex:
        return cls(
            respondents=result.respondents,
            elements=[
                SatisfactionElement(code=e.code, name_id=e.name_id, name_en=e.name_en, nrr=_number(nrr))
                for e, nrr in zip(ELEMENTS, result.nrr, strict=True)
            ],
            ikm=_number(result.ikm),
            index=_number(result.index),
            grade=None if result.grade is None else SatisfactionGrade[result.grade],
        )


@strawberry.type(description="The nine scores of one answer, each 1 (tidak baik) to 4 (sangat baik).")
class SatisfactionScores:
    u1: int = strawberry.field(description="U1 Persyaratan (requirements).")
    u2: int = strawberry.field(description="U2 Sistem, mekanisme dan prosedur (procedure).")
    u3: int = strawberry.field(description="U3 Waktu penyelesaian (completion time).")
    u4: int = strawberry.field(description="U4 Biaya/tarif (cost).")
    u5: int = strawberry.field(description="U5 Produk spesifikasi jenis pelayanan (product).")
    u6: int = strawberry.field(description="U6 Kompetensi pelaksana (competence of the staff).")
    u7: int = strawberry.field(description="U7 Perilaku pelaksana (behaviour of the staff).")
    u8: int = strawberry.field(description="U8 Penanganan pengaduan, saran dan masukan (complaint handling).")
    u9: int = strawberry.field(description="U9 Sarana dan prasarana (facilities).")

    @classmethod
    def from_row(cls, row: SurveyResponse) -> SatisfactionScores:
        return cls(**{name: getattr(row, name) for name in SCORE_COLUMNS})


@strawberry.type(
    description="The satisfaction survey of one of your completed applications or closed complaints: whether you "
    "answered it, and whether you may still do so (once, after the application was picked up or delivered, or "
    "the complaint closed)."
)
class SatisfactionSurvey:
    state: strawberry.Private[SurveyState]
    kind: SatisfactionSubject = strawberry.field(description="An application or a complaint.")  # type: ignore[valid-type]
    answered: bool = strawberry.field(description="You answered it.")
    can_answer: bool = strawberry.field(
        description="You may answer it now: it is completed or closed and not answered yet."
    )
    answered_at: datetime | None = strawberry.field(description="When you answered it.")
    comment: str | None = strawberry.field(description="Your comment, if you gave one.")

    @strawberry.field(description="Your scores, once answered.")
    def scores(self) -> SatisfactionScores | None:
        row = self.state.response
        return None if row is None else SatisfactionScores.from_row(row)

    @strawberry.field(
        description="Why you cannot answer yet (e.g. the application is not picked up or delivered), in the language "
        "of `Accept-Language`; null when you can or already did."
    )
    def reason(self, info: Info) -> str | None:
        reason = self.state.reason
        if reason is None:
            return None
        return reason.en if info.context.language == "en" else reason.id

    @classmethod
    def build(cls, state: SurveyState) -> SatisfactionSurvey:
        row = state.response
        return cls(
            state=state,
            kind=state.subject.kind,
            answered=state.answered,
            can_answer=state.can_answer,
            answered_at=None if row is None else row.answered_at,
            comment=None if row is None else row.comment,
        )


@strawberry.type(
    description="A citizen's comment in a satisfaction survey, for the staff of the agency that served them and "
    "the province admin. It names no respondent."
)
class SatisfactionComment:
    row: strawberry.Private[SurveyResponse]
    kind: SatisfactionSubject = strawberry.field(description="About an application or a complaint.")  # type: ignore[valid-type]
    service_code: str | None = strawberry.field(description="The application's service (null for a complaint).")
    answered_at: datetime
    comment: str

    @strawberry.field(description="The scores given with the comment.")
    def scores(self) -> SatisfactionScores:
        return SatisfactionScores.from_row(self.row)

    @strawberry.field(description="The code of the agency that served, e.g. `dispendukcapil-3578`.")
    async def agency_code(self, info: Info) -> str:
        agency = await row_loader(info, AgencyRow).load(self.row.agency_id)
        return agency.code if agency is not None else ""

    @strawberry.field(description="The name of the agency that served.")
    async def agency_name(self, info: Info) -> str:
        agency = await row_loader(info, AgencyRow).load(self.row.agency_id)
        return agency.name if agency is not None else ""

    @classmethod
    def from_row(cls, row: SurveyResponse) -> SatisfactionComment:
        return cls(
            row=row,
            kind=SubjectKind.APPLICATION if row.application_id is not None else SubjectKind.COMPLAINT,
            service_code=row.service_code,
            answered_at=row.answered_at,
            comment=row.comment or "",
        )
