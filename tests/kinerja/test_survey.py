"""The satisfaction survey through GraphQL: once, only by the citizen served, only when completed or closed;
an anonymous reporter stays unidentifiable; bad input is refused and writes nothing; the index of a dataset
known in advance, by agency, region, service and period; the comments only for the served agency's staff."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import col

from core.audit.models import AuditRecord
from core.events.models import OutboxEvent
from plugins.kinerja.models import SurveyResponse
from plugins.kinerja.period import Period
from plugins.kinerja.survey.stats import satisfaction
from plugins.layanan.workflow import ApplicationStatus
from tests.kinerja.support import (
    ANSWER,
    COMMENTS,
    INDEX,
    MARK,
    MINE,
    account_id,
    add_response,
    agency_id,
    closed_complaint,
    completed_application,
    row_id,
    scores,
    served_application,
    statements,
    survey_count,
    wib_moment,
)
from tests.layanan.support import TRANSITION

pytestmark = MARK


async def _row(runtime, **where) -> SurveyResponse:
    async with runtime.database.session() as session:
        stmt = select(SurveyResponse)
        for name, value in where.items():
            stmt = stmt.where(getattr(SurveyResponse, name) == value)
        found = (await session.execute(stmt)).scalars().one()
    return found


# -- answering ---------------------------------------------------------------------------------------


async def test_the_applicant_answers_once_the_application_is_picked_up_and_only_once(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = await served_application(budi, officer, until="READY")
    app_id = application["id"]

    before = (await budi.execute(MINE, {"applicationId": app_id}))["mySatisfactionSurvey"]
    assert before["answered"] is False and before["canAnswer"] is False and before["kind"] == "APPLICATION"
    assert before["reason"] == "permohonan belum selesai (belum diambil atau diterima)"
    english = await budi.with_headers(**{"accept-language": "en"}).execute(MINE, {"applicationId": app_id})
    assert (
        english["mySatisfactionSurvey"]["reason"] == "the application is not completed yet (not picked up or delivered)"
    )
    early = await budi.query(ANSWER, {"input": {"applicationId": app_id, "scores": scores(4)}})
    assert early.codes == ["KINERJA_SURVEY_NOT_ALLOWED"]
    assert early.errors[0]["extensions"]["field"] == "input.applicationId"
    assert await survey_count(cettar_runtime) == 0

    await officer.execute(TRANSITION, {"input": {"applicationId": app_id, "status": "PICKED_UP"}})
    ready = (await budi.execute(MINE, {"trackingNumber": application["trackingNumber"]}))["mySatisfactionSurvey"]
    assert ready == {**before, "canAnswer": True, "reason": None}

    answer = {
        "applicationId": app_id,
        "scores": scores(4, 3, 4, 4, 3, 3, 4, 2, 3),
        "comment": "  Cepat, terima kasih.  ",
    }
    survey = (await budi.execute(ANSWER, {"input": answer}))["answerSatisfactionSurvey"]["survey"]
    assert survey["answered"] is True and survey["canAnswer"] is False and survey["reason"] is None
    assert survey["scores"] == scores(4, 3, 4, 4, 3, 3, 4, 2, 3)
    assert survey["comment"] == "Cepat, terima kasih."

    again = await budi.query(ANSWER, {"input": {**answer, "scores": scores(1), "comment": "diubah"}})
    assert again.codes == ["KINERJA_SURVEY_ALREADY_ANSWERED"]
    assert await survey_count(cettar_runtime) == 1
    after = (await budi.execute(MINE, {"applicationId": app_id}))["mySatisfactionSurvey"]
    assert after["answered"] is True and after["canAnswer"] is False and after["scores"]["u8"] == 2

    row = await _row(cettar_runtime, application_id=row_id(app_id))
    assert row.complaint_id is None and row.service_code == "uji.kk"
    assert row.agency_id == await agency_id(cettar_runtime, "dispendukcapil-3578")
    assert row.officer_id == await account_id(cettar_runtime, "petugas.surabaya")  # the officer who handled it
    assert (row.u1, row.u8, row.u9) == (4, 2, 3)


async def test_a_delivered_application_may_be_answered_and_a_rejected_one_may_not(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    delivered = await completed_application(cettar_runtime, status=ApplicationStatus.DELIVERED)
    data = await budi.execute(ANSWER, {"input": {"applicationId": delivered, "scores": scores(3)}})
    assert data["answerSatisfactionSurvey"]["survey"]["answered"] is True
    for status in (ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED, ApplicationStatus.READY):
        other = await completed_application(cettar_runtime, status=status)
        response = await budi.query(ANSWER, {"input": {"applicationId": other, "scores": scores(3)}})
        assert response.codes == ["KINERJA_SURVEY_NOT_ALLOWED"], status
    assert await survey_count(cettar_runtime) == 1


async def test_another_citizen_staff_and_strangers_are_refused_and_nothing_is_written(gql, cettar_runtime):
    application = await completed_application(cettar_runtime, "warga.budi")
    answer = {"input": {"applicationId": application, "scores": scores(4)}}
    siti = await gql.login("warga.siti")
    assert (await siti.query(ANSWER, answer)).codes == ["NOT_FOUND"]  # exactly like a missing application
    assert (await siti.query(MINE, {"applicationId": application})).codes == ["NOT_FOUND"]
    officer = await gql.login("petugas.surabaya")
    assert (await officer.query(ANSWER, answer)).codes == ["FORBIDDEN"]
    assert (await officer.query(MINE, {"applicationId": application})).codes == ["FORBIDDEN"]
    assert (await gql.query(ANSWER, answer)).codes == ["UNAUTHENTICATED"]
    assert await survey_count(cettar_runtime) == 0
    budi = await gql.login("warga.budi")
    assert not (await budi.query(ANSWER, answer)).errors


async def test_bad_scores_comments_and_subjects_are_refused_naming_the_field_and_write_nothing(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    application = await completed_application(cettar_runtime)
    complaint_like = "Q29tcGxhaW50OjE="  # Complaint:1
    cases = [
        ({"applicationId": application, "scores": {**scores(4), "u3": 0}}, "VALIDATION_FAILED", "input.scores.u3"),
        ({"applicationId": application, "scores": {**scores(4), "u9": 5}}, "VALIDATION_FAILED", "input.scores.u9"),
        ({"applicationId": application, "scores": {**scores(4), "u1": -4}}, "VALIDATION_FAILED", "input.scores.u1"),
        (
            {"applicationId": application, "scores": scores(4), "comment": "x" * 1001},
            "VALIDATION_FAILED",
            "input.comment",
        ),
        (
            {"applicationId": application, "scores": scores(4), "comment": "ok\x00"},
            "VALIDATION_FAILED",
            "input.comment",
        ),
        ({"scores": scores(4)}, "VALIDATION_FAILED", "input.applicationId"),
        (
            {"applicationId": application, "complaintId": complaint_like, "scores": scores(4)},
            "VALIDATION_FAILED",
            "input.complaintId",
        ),
        ({"applicationId": "bm90LWFuLWlk", "scores": scores(4)}, "INVALID_ID", "input.applicationId"),
        ({"trackingNumber": "LYN-0000", "scores": scores(4)}, "INVALID_TRACKING_NUMBER", "input.trackingNumber"),
        ({"trackingNumber": "ADU-0000-0000", "scores": scores(4)}, "NOT_FOUND", "input.trackingNumber"),
        (
            {"applicationId": application, "scores": scores(4), "idempotencyKey": "  "},
            "VALIDATION_FAILED",
            "input.idempotencyKey",
        ),
    ]
    for input_, code, field in cases:
        response = await budi.query(ANSWER, {"input": input_})
        assert response.codes == [code], (input_, response.errors)
        assert response.errors[0]["extensions"].get("field") == field, (input_, response.errors)
    english = await budi.with_headers(**{"accept-language": "en"}).query(ANSWER, {"input": cases[0][0]})
    assert english.errors[0]["message"] == "The score of U3 (Completion time) must be 1 to 4."
    indonesian = await budi.query(ANSWER, {"input": cases[0][0]})
    assert indonesian.errors[0]["message"] == "Nilai U3 (Waktu penyelesaian) harus 1 sampai 4."
    assert await survey_count(cettar_runtime) == 0
    ok = await budi.execute(
        ANSWER, {"input": {"applicationId": application, "scores": scores(2), "comment": "x" * 1000}}
    )
    assert len(ok["answerSatisfactionSurvey"]["survey"]["comment"]) == 1000


async def test_two_answers_at_once_record_one(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    for n in range(3):
        application = await completed_application(cettar_runtime)
        responses = await asyncio.gather(
            *(
                budi.query(ANSWER, {"input": {"applicationId": application, "scores": scores(v), "comment": f"#{v}"}})
                for v in (2, 4)
            )
        )
        won = [r for r in responses if not r.errors]
        lost = [r for r in responses if r.errors]
        assert len(won) == 1 and len(lost) == 1, [r.errors for r in responses]
        assert lost[0].codes == ["KINERJA_SURVEY_ALREADY_ANSWERED"]
        assert await survey_count(cettar_runtime) == n + 1


async def test_a_retry_with_the_same_idempotency_key_returns_the_first_answer(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    application = await completed_application(cettar_runtime)
    input_ = {"applicationId": application, "scores": scores(3), "comment": "Baik", "idempotencyKey": "skm-1"}
    first = (await budi.execute(ANSWER, {"input": input_}))["answerSatisfactionSurvey"]["survey"]
    second = (await budi.execute(ANSWER, {"input": input_}))["answerSatisfactionSurvey"]["survey"]
    assert first == second
    changed = await budi.query(ANSWER, {"input": {**input_, "scores": scores(4)}})
    assert changed.codes == ["IDEMPOTENCY_KEY_REUSED"]
    assert await survey_count(cettar_runtime) == 1


# -- complaints --------------------------------------------------------------------------------------


async def test_the_reporter_answers_once_the_complaint_is_closed(gql, cettar_runtime):
    resolved = await closed_complaint(cettar_runtime, gql, close=False)
    sumarni = await gql.login("warga.sumarni")
    answer = {"input": {"complaintId": resolved["id"], "scores": scores(4), "comment": "Terima kasih PUPR."}}
    status = (await sumarni.execute(MINE, {"complaintId": resolved["id"]}))["mySatisfactionSurvey"]
    assert status["kind"] == "COMPLAINT" and status["canAnswer"] is False
    assert status["reason"] == "pengaduan belum ditutup"
    assert (await sumarni.query(ANSWER, answer)).codes == ["KINERJA_SURVEY_NOT_ALLOWED"]

    from tests.pengaduan.helpers import CLOSE, step

    await step(sumarni, CLOSE, complaintId=resolved["id"], rating=5)
    heru = await gql.login("warga.heru")  # the complaint is public: another citizen reads it but may not rate it
    refused = await heru.query(ANSWER, answer)
    assert refused.codes == ["KINERJA_SURVEY_NOT_ALLOWED"]
    assert "pelapor" in refused.errors[0]["message"]
    by_number = await sumarni.execute(MINE, {"trackingNumber": resolved["trackingNumber"].lower()})
    assert by_number["mySatisfactionSurvey"]["canAnswer"] is True
    survey = (await sumarni.execute(ANSWER, answer))["answerSatisfactionSurvey"]["survey"]
    assert survey["answered"] is True and survey["kind"] == "COMPLAINT"
    assert (await sumarni.query(ANSWER, answer)).codes == ["KINERJA_SURVEY_ALREADY_ANSWERED"]

    row = await _row(cettar_runtime, complaint_id=row_id(resolved["id"]))
    assert row.application_id is None and row.service_code is None
    assert row.agency_id == await agency_id(cettar_runtime, "dpupr-3501")  # the agency it was disposed to
    assert row.officer_id == await account_id(cettar_runtime, "petugas.pupr.pacitan")  # who resolved it


async def test_an_anonymous_reporters_survey_names_nobody(gql, cettar_runtime):
    closed = await closed_complaint(cettar_runtime, gql, "warga.wulan", anonymous=True)
    wulan = await gql.login("warga.wulan")
    wulan_id = await account_id(cettar_runtime, "warga.wulan")
    answer = {"complaintId": closed["id"], "scores": scores(2), "comment": "Lambat ditangani."}

    # Alongside another root field, the request's records would carry the reporter's name: refused, nothing written.
    together = await wulan.query(
        "mutation Two($input: AnswerSatisfactionSurveyInput!) { answerSatisfactionSurvey(input: $input) { "
        "survey { answered } } logoutAll: __typename }",
        {"input": answer},
    )
    assert together.codes == ["COMPLAINT_ANONYMOUS_ALONE"]
    assert await survey_count(cettar_runtime) == 0

    async with cettar_runtime.database.session() as session:
        seq_before = (await session.execute(select(AuditRecord.seq).order_by(col(AuditRecord.seq).desc()))).scalar()
    assert not (await wulan.query(ANSWER, {"input": answer})).errors

    assert not {"respondent_id", "account_id", "reporter_account_id"} & set(SurveyResponse.model_fields)
    async with cettar_runtime.database.session() as session:
        records = list(
            (await session.execute(select(AuditRecord).where(col(AuditRecord.seq) > (seq_before or 0)))).scalars()
        )
        events = list(
            (
                await session.execute(select(OutboxEvent).where(col(OutboxEvent.name) == "kinerja.survey_answered"))
            ).scalars()
        )
    assert [r.action for r in records] == ["kinerja.survey_answered"]  # the request's only record
    (record,) = records
    assert (record.account_id, record.username, record.role, record.request_id) == (None, None, "citizen", "withheld")
    assert str(wulan_id) not in str(record.detail)
    (event,) = events
    assert set(event.payload) == {"survey_id", "agency_id", "application_id", "complaint_id", "service_code"}
    assert wulan_id not in {v for v in event.payload.values() if isinstance(v, int)} - {event.payload["complaint_id"],
                                                                                        event.payload["agency_id"],
                                                                                        event.payload["survey_id"]}  # fmt: skip

    # The agency reads the comment, with nothing about who wrote it.
    staff = await gql.login("petugas.pupr.pacitan")
    comments = (await staff.execute(COMMENTS, {}))["satisfactionComments"]
    assert comments["totalCount"] == 1
    (node,) = comments["nodes"]
    assert node["comment"] == "Lambat ditangani." and node["kind"] == "COMPLAINT"
    assert "wulan" not in str(comments).lower() and "Wulan" not in str(comments)


# -- the index -----------------------------------------------------------------------------------------

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


async def _march(runtime) -> None:
    """Four answers in March 2026 (WIB) and two just outside it; every figure below is worked out by hand."""
    await add_response(runtime, agency_code="dispendukcapil-3578", answered_at=wib_moment(date(2026, 3, 1), 0, 30),
                       values=(4,) * 9, officer="petugas.surabaya")  # fmt: skip
    await add_response(runtime, agency_code="dispendukcapil-3578", answered_at=wib_moment(date(2026, 3, 15)),
                       values=(3,) * 9, service_code="uji.domisili", comment="Prosedurnya jelas.")  # fmt: skip
    await add_response(runtime, agency_code="dispendukcapil-3578", answered_at=wib_moment(date(2026, 3, 31), 23, 59),
                       values=(4, 3, 2, 4, 3, 3, 4, 2, 3), comment="Waktu penyelesaian terlalu lama.")  # fmt: skip
    await add_response(runtime, agency_code="dispendukcapil-3515", answered_at=wib_moment(date(2026, 3, 10)),
                       values=(2,) * 9, comment="Antrean panjang.", applicant="warga.siti")  # fmt: skip
    # outside the period by WIB days (inside it by UTC for the first one)
    await add_response(runtime, agency_code="dispendukcapil-3578", answered_at=wib_moment(date(2026, 2, 28), 23, 59),
                       values=(1,) * 9)  # fmt: skip
    await add_response(runtime, agency_code="dispendukcapil-3578", answered_at=wib_moment(date(2026, 4, 1), 0, 0),
                       values=(1,) * 9, comment="April.")  # fmt: skip


async def test_the_index_of_a_dataset_known_in_advance(gql, cettar_runtime):
    await _march(cettar_runtime)

    everyone = (await gql.execute(INDEX, {"period": MARCH}))["satisfactionIndex"]
    # sums 13 12 11 13 12 12 13 11 12 (Σ 109) over 4: IKM 109/36 = 3.02777…, index 2725/36 = 75.694… → 75.69, C
    assert everyone["respondents"] == 4
    assert [e["nrr"] for e in everyone["elements"]] == [3.25, 3.0, 2.75, 3.25, 3.0, 3.0, 3.25, 2.75, 3.0]
    assert (everyone["ikm"], everyone["index"], everyone["grade"]) == (3.0278, 75.69, "C")
    assert everyone["gradeLabel"] == "Kurang Baik"
    assert [e["code"] for e in everyone["elements"]] == [f"U{i}" for i in range(1, 10)]
    assert everyone["elements"][2]["name"] == "Waktu penyelesaian"
    assert (await gql.execute(INDEX, {"period": MARCH, "regionCode": "35"}))["satisfactionIndex"] == everyone

    surabaya = (await gql.execute(INDEX, {"period": MARCH, "regionCode": "35.78"}))["satisfactionIndex"]
    # sums 11 10 9 11 10 10 11 9 10 (Σ 91) over 3: IKM 91/27 = 3.3703…, index 2275/27 = 84.259… → 84.26, B
    assert surabaya["respondents"] == 3
    assert surabaya["elements"][0]["nrr"] == 3.6667 and surabaya["elements"][2]["nrr"] == 3.0
    assert (surabaya["ikm"], surabaya["index"], surabaya["grade"], surabaya["gradeLabel"]) == (
        3.3704,
        84.26,
        "B",
        "Baik",
    )

    sidoarjo = (await gql.execute(INDEX, {"period": MARCH, "agencyCode": "dispendukcapil-3515"}))["satisfactionIndex"]
    assert (sidoarjo["respondents"], sidoarjo["ikm"], sidoarjo["index"], sidoarjo["grade"]) == (1, 2.0, 50.0, "D")
    assert sidoarjo["gradeLabel"] == "Tidak Baik"

    kk = (await gql.execute(INDEX, {"period": MARCH, "serviceCode": "uji.kk"}))["satisfactionIndex"]
    # the 1st, 3rd and 4th: Σ 82 over 3: index 2050/27 = 75.925… → 75.93, C
    assert (kk["respondents"], kk["index"], kk["grade"]) == (3, 75.93, "C")

    both = await gql.execute(INDEX, {"period": MARCH, "regionCode": "35.78", "serviceCode": "uji.kk"})
    # the 1st and 3rd: Σ 64 over 2: IKM 3.5556, index 1600/18 = 88.888… → 88.89, A
    assert (both["satisfactionIndex"]["ikm"], both["satisfactionIndex"]["index"]) == (3.5556, 88.89)
    assert both["satisfactionIndex"]["grade"] == "A" and both["satisfactionIndex"]["gradeLabel"] == "Sangat Baik"

    english = (await gql.with_headers(**{"accept-language": "en"}).execute(INDEX, {"period": MARCH}))[
        "satisfactionIndex"
    ]
    assert english["gradeLabel"] == "Less than good" and english["elements"][2]["name"] == "Completion time"
    assert english["elements"][2]["nameId"] == "Waktu penyelesaian"

    nobody = (await gql.execute(INDEX, {"period": {"start": "2025-03-01", "end": "2025-03-31"}}))["satisfactionIndex"]
    assert nobody["respondents"] == 0 and nobody["ikm"] is None and nobody["index"] is None
    assert nobody["grade"] is None and nobody["gradeLabel"] is None
    assert all(e["nrr"] is None for e in nobody["elements"])

    one_day = (await gql.execute(INDEX, {"period": {"start": "2026-04-01", "end": "2026-04-01"}}))["satisfactionIndex"]
    assert (one_day["respondents"], one_day["index"], one_day["grade"]) == (1, 25.0, "D")


async def test_an_unknown_scope_is_refused_naming_the_field(gql, cettar_runtime):
    cases = [
        ({"agencyCode": "tidak-ada"}, "NOT_FOUND", "agencyCode"),
        ({"regionCode": "35.78.01"}, "VALIDATION_FAILED", "regionCode"),
        ({"regionCode": "36"}, "VALIDATION_FAILED", "regionCode"),
        ({"regionCode": "35.99"}, "NOT_FOUND", "regionCode"),
        ({"serviceCode": "uji.tidak-ada"}, "NOT_FOUND", "serviceCode"),
    ]
    for extra, code, field in cases:
        response = await gql.query(INDEX, {"period": MARCH, **extra})
        assert response.codes == [code], extra
        assert response.errors[0]["extensions"]["field"] == field
    backwards = await gql.query(INDEX, {"period": {"start": "2026-03-31", "end": "2026-03-01"}})
    assert backwards.codes == ["VALIDATION_FAILED"] and backwards.errors[0]["extensions"]["field"] == "period.end"
    english = await gql.with_headers(**{"accept-language": "en"}).query(INDEX, {"period": MARCH, "regionCode": "35.99"})
    assert english.errors[0]["message"] == "There is no region 35.99."


async def test_satisfaction_is_one_sql_statement_for_any_scope(cettar_runtime):
    await _march(cettar_runtime)
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    officer = await account_id(cettar_runtime, "petugas.surabaya")
    surabaya = await agency_id(cettar_runtime, "dispendukcapil-3578")
    async with cettar_runtime.database.session() as session:
        with statements(cettar_runtime) as seen:
            result = await satisfaction(
                session, period, agency_ids=[surabaya], region_code="35.78", service_code="uji.kk", officer_id=officer
            )
        assert len(seen) == 1 and seen[0].lstrip().upper().startswith("SELECT"), seen
        assert (result.respondents, str(result.index), result.grade) == (1, "100.00", "A")
        assert (await satisfaction(session, period, officer_id=officer)).respondents == 1
        assert (await satisfaction(session, period, agency_ids=[])).respondents == 0
        assert (await satisfaction(session, period, region_code="35.15")).respondents == 1
        april = Period(date(2026, 4, 1), date(2026, 4, 1) + timedelta(days=29))
        assert (await satisfaction(session, april)).respondents == 1


# -- comments ------------------------------------------------------------------------------------------


async def test_comments_are_for_the_served_agencys_staff_and_the_province_admin(gql, cettar_runtime):
    await _march(cettar_runtime)
    surabaya = await gql.login("admin.surabaya")
    mine = (await surabaya.execute(COMMENTS, {"period": MARCH}))["satisfactionComments"]
    assert [n["comment"] for n in mine["nodes"]] == ["Waktu penyelesaian terlalu lama.", "Prosedurnya jelas."]
    assert {n["agencyCode"] for n in mine["nodes"]} == {"dispendukcapil-3578"}
    assert mine["nodes"][1]["serviceCode"] == "uji.domisili" and mine["nodes"][1]["kind"] == "APPLICATION"
    everything = (await (await gql.login("petugas.surabaya")).execute(COMMENTS, {}))["satisfactionComments"]
    assert everything["totalCount"] == 3  # April's too, without a period
    page = (await surabaya.execute(COMMENTS, {"first": 1}))["satisfactionComments"]
    assert page["pageInfo"]["hasNextPage"] is True and page["nodes"][0]["comment"] == "April."
    rest = await surabaya.execute(COMMENTS, {"first": 5, "after": page["pageInfo"]["endCursor"]})
    assert [n["comment"] for n in rest["satisfactionComments"]["nodes"]] == [
        "Waktu penyelesaian terlalu lama.",
        "Prosedurnya jelas.",
    ]
    only_kk = (await surabaya.execute(COMMENTS, {"serviceCode": "uji.kk"}))["satisfactionComments"]
    assert only_kk["totalCount"] == 2

    sidoarjo = await gql.login("petugas.sidoarjo")
    theirs = (await sidoarjo.execute(COMMENTS, {"period": MARCH}))["satisfactionComments"]
    assert [n["comment"] for n in theirs["nodes"]] == ["Antrean panjang."]
    other = await sidoarjo.query(COMMENTS, {"agencyCode": "dispendukcapil-3578"})
    assert other.codes == ["FORBIDDEN"] and other.errors[0]["extensions"]["field"] == "agencyCode"

    province = await gql.login("admin.provinsi")
    assert (await province.execute(COMMENTS, {"period": MARCH}))["satisfactionComments"]["totalCount"] == 3
    narrowed = await province.execute(COMMENTS, {"period": MARCH, "agencyCode": "dispendukcapil-3515"})
    assert narrowed["satisfactionComments"]["totalCount"] == 1

    assert (await (await gql.login("warga.budi")).query(COMMENTS, {})).codes == ["FORBIDDEN"]
    assert (await gql.query(COMMENTS, {})).codes == ["UNAUTHENTICATED"]
