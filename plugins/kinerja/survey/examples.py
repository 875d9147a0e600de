"""GraphiQL example tabs of the survey: the public index, answering the survey, the agency's comments."""

from __future__ import annotations

from plugins.kinerja.period import last_year_example
from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder, open_application: str) -> None:
    builder.example(
        "IndeksKepuasan",
        """
        query IndeksKepuasan($period: PeriodInput!, $regionCode: String, $agencyCode: String) {
          satisfactionIndex(period: $period, regionCode: $regionCode, agencyCode: $agencyCode) {
            respondents
            ikm
            index
            grade
            gradeLabel
            elements {
              code
              name
              nrr
            }
          }
        }
        """,
        title_id="Indeks kepuasan masyarakat",
        title_en="Satisfaction index",
        description_id="""
            IKM (PermenPANRB 14/2017) dari survei yang diisi
            warga dalam periode: NRR tiap unsur, IKM, indeks
            (IKM x 25) dan mutunya. Tanpa masuk. Isi
            `regionCode` (35 provinsi, 35.78 Kota Surabaya),
            `agencyCode` atau `serviceCode`.
        """,
        description_en="""
            The IKM (PermenPANRB 14/2017) of the surveys
            citizens answered in the period: NRR per element,
            IKM, index (IKM x 25) and its grade. No sign-in.
            Set `regionCode` (35 the province, 35.78 Kota
            Surabaya), `agencyCode` or `serviceCode`.
        """,
        variables={"period": last_year_example(), "regionCode": "35.78"},
    )
    builder.example(
        "IsiSurveiKepuasan",
        """
        mutation IsiSurveiKepuasan($input: AnswerSatisfactionSurveyInput!) {
          answerSatisfactionSurvey(input: $input) {
            survey {
              kind
              answered
              canAnswer
              answeredAt
              comment
              scores {
                u1
                u3
                u7
              }
            }
          }
        }
        """,
        title_id="Isi survei kepuasan",
        title_en="Answer the satisfaction survey",
        description_id="""
            Warga (warga.budi) menilai permohonannya yang
            sudah diterima: sembilan unsur, masing-masing
            1-4, dan komentar. Sekali saja: kedua kalinya
            KINERJA_SURVEY_ALREADY_ANSWERED. Cek dulu dengan
            `mySatisfactionSurvey(trackingNumber:)`.
        """,
        description_en="""
            A citizen (warga.budi) rates an application they
            received: nine elements, each 1-4, and a comment.
            Once only: the second time is
            KINERJA_SURVEY_ALREADY_ANSWERED. Check first with
            `mySatisfactionSurvey(trackingNumber:)`.
        """,
        variables={
            "input": {
                "trackingNumber": open_application,
                "scores": {"u1": 4, "u2": 3, "u3": 4, "u4": 4, "u5": 4, "u6": 3, "u7": 4, "u8": 3, "u9": 4},
                "comment": "Diterima tepat waktu, petugas ramah. Terima kasih.",
            }
        },
        variables_without_demo_data={
            "input": {
                "trackingNumber": "LYN-XXXXX-XXXXX-X",
                "scores": {"u1": 4, "u2": 3, "u3": 4, "u4": 4, "u5": 4, "u6": 3, "u7": 4, "u8": 3, "u9": 4},
            }
        },
        sign_in_as="warga.budi",
    )
    builder.example(
        "KomentarSurveiKepuasan",
        """
        query KomentarSurveiKepuasan($first: Int) {
          satisfactionComments(first: $first) {
            totalCount
            nodes {
              kind
              serviceCode
              answeredAt
              comment
              agencyName
              scores {
                u3
                u7
              }
            }
          }
        }
        """,
        title_id="Komentar survei kepuasan",
        title_en="Survey comments",
        description_id="""
            Komentar warga dalam survei kepuasan untuk
            instansi Anda (admin.surabaya), terbaru dahulu;
            admin provinsi membaca semua instansi. Tidak ada
            komentar yang menyebut identitas responden.
        """,
        description_en="""
            What citizens wrote in the satisfaction survey
            about your agency (admin.surabaya), newest
            first; the province admin reads every agency's.
            No comment names its respondent.
        """,
        variables={"first": 10},
        sign_in_as="admin.surabaya",
    )
