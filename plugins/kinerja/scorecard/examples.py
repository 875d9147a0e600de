"""GraphiQL example tabs: the CETTAR scorecard of Kota Surabaya, and the ranking of its agencies."""

from __future__ import annotations

from typing import Any

from plugins.kinerja.period import last_year_example


def register(builder: Any) -> None:
    builder.example(
        "SkorCettar",
        """
        query SkorCettar($period: PeriodInput!, $regionCode: String) {
          cettarScorecard(period: $period, regionCode: $regionCode) {
            scope { kind code name }
            cepat { onTime { numerator denominator ratio } medianWorkingDays }
            efektif { withoutCounterVisit { ratio } officeVisitsAvoided }
            tanggap {
              verifiedInTime { numerator denominator ratio }
              followedUpInTime { numerator denominator ratio }
              medianHoursToFirstResponse
            }
            transparan { applications { ratio } complaints { ratio } overall { ratio } }
            akuntabel { transitions { ratio } auditChain { verified checkedRecords } }
            responsif { respondents index grade gradeLabel }
            months { month cepat { onTime { ratio } } responsif { index } }
          }
        }
        """,
        title_id="Skor CETTAR",
        title_en="CETTAR scorecard",
        description_id="""
            Skor CETTAR Kota Surabaya (35.78) selama satu
            tahun, dihitung dari instansi di wilayahnya: Cepat,
            Efektif/Efisien, Tanggap, Transparan, Akuntabel,
            Responsif (IKM), dan rinciannya per bulan. Publik.
            Ganti `regionCode`, pakai `agencyCode` untuk satu
            instansi, atau hapus keduanya untuk provinsi.
        """,
        description_en="""
            The CETTAR scorecard of Kota Surabaya (35.78) over
            a year, rolled up from the agencies in it: Cepat,
            Efektif/Efisien, Tanggap, Transparan, Akuntabel,
            Responsif (IKM), and each month. Public. Change
            `regionCode`, give `agencyCode` for one agency, or
            drop both for the province.
        """,
        variables={"period": last_year_example(), "regionCode": "35.78"},
    )
    builder.example(
        "PeringkatInstansi",
        """
        query PeringkatInstansi($period: PeriodInput!, $regionCode: String, $measure: CettarMeasure!) {
          cettarAgencyRanking(period: $period, regionCode: $regionCode, measure: $measure, first: 10) {
            totalCount
            nodes { position rank value numerator denominator agency { code name } }
          }
        }
        """,
        title_id="Peringkat instansi",
        title_en="Agency ranking",
        description_id="""
            Instansi di Kota Surabaya diurutkan menurut satu
            ukuran CETTAR (di sini Cepat: bagian permohonan
            selesai tepat waktu), tertinggi dahulu. Ganti
            `measure` dengan EFEKTIF, TANGGAP, TRANSPARAN,
            AKUNTABEL atau RESPONSIF.
        """,
        description_en="""
            The agencies of Kota Surabaya ranked by one CETTAR
            measure (here Cepat: the share of applications
            completed on time), highest first. Change `measure`
            to EFEKTIF, TANGGAP, TRANSPARAN, AKUNTABEL or
            RESPONSIF.
        """,
        variables={"period": last_year_example(), "regionCode": "35.78", "measure": "CEPAT"},
    )
