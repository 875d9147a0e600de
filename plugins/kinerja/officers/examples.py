"""GraphiQL example tab of the officers area: your own performance as an officer."""

from __future__ import annotations

from typing import Any

from plugins.kinerja.period import last_year_example


def register(builder: Any) -> None:
    builder.example(
        "KinerjaSaya",
        """
        query KinerjaSaya($period: PeriodInput!) {
          officerPerformance(period: $period) {
            name
            agencyCode
            applications {
              handled
              completed
              withinDeadlineShare
              medianWorkingDays
            }
            complaints {
              handled
              responses
              withinDeadlineShare
            }
            withinDeadlineShare
            satisfaction {
              respondents
              index
              grade
              gradeLabel
            }
          }
        }
        """,
        title_id="Kinerja saya",
        title_en="My performance (officers)",
        description_id="""
            Kinerja Anda sebagai petugas (ASN) selama dua belas
            bulan terakhir: permohonan dan pengaduan yang Anda
            tangani, bagian yang selesai tepat waktu, median
            hari kerja, dan kepuasan warga yang Anda layani.
            Hanya Anda, admin instansi Anda dan admin provinsi
            yang dapat melihatnya. Beri `officerId` untuk
            petugas lain (admin saja).
        """,
        description_en="""
            Your performance as an officer (ASN) over the last
            twelve months: the applications and complaints you
            handled, the share done within the deadline, the
            median working days, and the satisfaction of the
            citizens you served. Only you, your agency admin
            and the province admin may see it. Give
            `officerId` for another officer (admins only).
        """,
        variables={"period": last_year_example()},
        sign_in_as="petugas.surabaya",
    )
