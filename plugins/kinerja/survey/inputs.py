"""Inputs and payloads of the survey mutation (one ``input`` in, one payload out)."""

from __future__ import annotations

import strawberry

from plugins.kinerja.survey.types import SatisfactionSurvey

SUBJECT = (
    "Give exactly one of `applicationId` (global ID of your `Application`), `complaintId` (global ID of your "
    "`Complaint`) or `trackingNumber` (`LYN-…` or `ADU-…`)."
)


@strawberry.input(description="The nine scores, each 1 (tidak baik) to 4 (sangat baik).")
class SatisfactionScoresInput:
    u1: int = strawberry.field(description="U1 Persyaratan: were the requirements reasonable and clear?")
    u2: int = strawberry.field(description="U2 Sistem, mekanisme dan prosedur: was the procedure easy?")
    u3: int = strawberry.field(description="U3 Waktu penyelesaian: was it done on time?")
    u4: int = strawberry.field(description="U4 Biaya/tarif: was the fee fair (4 if free of charge)?")
    u5: int = strawberry.field(description="U5 Produk: did you get what the service standard promises?")
    u6: int = strawberry.field(description="U6 Kompetensi pelaksana: were the officers competent?")
    u7: int = strawberry.field(description="U7 Perilaku pelaksana: were the officers courteous?")
    u8: int = strawberry.field(description="U8 Penanganan pengaduan, saran dan masukan: are complaints handled?")
    u9: int = strawberry.field(description="U9 Sarana dan prasarana: were the facilities (app, office) good?")

    def values(self) -> tuple[int, ...]:
        return (self.u1, self.u2, self.u3, self.u4, self.u5, self.u6, self.u7, self.u8, self.u9)


@strawberry.input(
    description="Your answer to the satisfaction survey (SKM) of a completed application or a closed complaint. "
    + SUBJECT
)
class AnswerSatisfactionSurveyInput:
    scores: SatisfactionScoresInput = strawberry.field(description="The nine scores.")
    application_id: strawberry.ID | None = strawberry.field(default=None, description="Your completed application.")
    complaint_id: strawberry.ID | None = strawberry.field(default=None, description="Your closed complaint.")
    tracking_number: str | None = strawberry.field(
        default=None, description="Or its tracking number: `LYN-XXXXX-XXXXX-C` or `ADU-XXXX-XXXX`."
    )
    comment: str | None = strawberry.field(
        default=None, description="Anything to tell the agency (suggestions, thanks): at most 1000 characters."
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="A retry with the same key returns the first answer instead of an error."
    )


@strawberry.type(description="The survey once answered.")
class AnswerSatisfactionSurveyPayload:
    survey: SatisfactionSurvey = strawberry.field(description="The survey as it is now (answered).")
