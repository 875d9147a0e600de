"""GraphiQL example tabs: the public registry, the statistics, and the consultations of a signed-in user."""

from __future__ import annotations

from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "RegistriBumDesa",
        """
        query RegistriBumDesa($filter: BumDesaFilter, $year: Int!) {
          bumDesas(filter: $filter, first: 10) {
            totalCount
            nodes {
              name
              desaName
              regencyName
              grade
              legalStatus
              units {
                name
                sector
              }
              gradeHistory {
                grade
                effectiveOn
                reason
              }
              revenue(year: $year) {
                revenue
                padesContribution
                contributionPercent
              }
            }
          }
        }
        """,
        title_id="Registri BUM Desa",
        title_en="BUM Desa registry",
        description_id="""
            Registri BUM Desa Klinik BUM Desa (DPMD Provinsi
            Jawa Timur), terbuka untuk umum: peringkat dan
            riwayatnya, status badan hukum, unit usaha, serta
            pendapatan dan kontribusi PADes per tahun. Saring
            per kabupaten/kota (`regencyCode`), peringkat,
            sektor atau nama. Kontak pengurus hanya untuk
            petugas klinik.
        """,
        description_en="""
            The Klinik BUM Desa registry (DPMD Provinsi Jawa
            Timur), public: grade and its history, legal
            status, business units, and each year's revenue
            and PADes contribution. Filter by kabupaten/kota
            (`regencyCode`), grade, sector or name. Contacts
            are for the clinic's staff only.
        """,
        variables={"filter": {"regencyCode": "35.07"}, "year": 2025},
    )
    builder.example(
        "StatistikBumDesa",
        """
        query StatistikBumDesa($year: Int) {
          bumDesaStatistics(year: $year) {
            year
            total
            byGrade {
              grade
              total
              revenue
              padesContribution
            }
            byRegency {
              regencyName
              total
              pemula
              berkembang
              maju
              legalEntities
              revenue
              padesContribution
            }
          }
        }
        """,
        title_id="Statistik BUM Desa",
        title_en="BUM Desa statistics",
        description_id="""
            Jumlah BUM Desa per peringkat dan per
            kabupaten/kota, yang berbadan hukum, serta total
            pendapatan dan kontribusi PADes pada tahun yang
            diminta (bawaan: tahun lalu). Dihitung oleh basis
            data saat diminta.
        """,
        description_en="""
            BUM Desa per grade and per kabupaten/kota, how many
            are legal entities, and the year's total revenue
            and PADes contribution (by default last year).
            Computed by the database when asked.
        """,
        variables={"year": 2025},
    )
    builder.example(
        "KonsultasiBumDesa",
        """
        query KonsultasiBumDesa($status: BumDesaConsultationStatus) {
          bumDesaConsultations(filter: {status: $status}, first: 10) {
            totalCount
            nodes {
              number
              topic
              subject
              status
              bumDesa {
                name
              }
              expert {
                name
                university
              }
              sessions {
                mode
                startsAt
                meetingUrl
                place
                status
              }
              history {
                action
                status
                at
                actorName
              }
            }
          }
        }
        """,
        title_id="Konsultasi BUM Desa",
        title_en="BUM Desa consultations",
        description_id="""
            Tiket konsultasi yang boleh Anda lihat: petugas
            DPMD Jatim melihat semuanya, tenaga ahli yang
            ditugaskan kepadanya, pengelola BUM Desa miliknya
            sendiri. Alur: OPENED → ASSIGNED → SCHEDULED →
            RESOLVED → CLOSED; `history` mencatat siapa
            melakukan apa dan kapan. Masuk sebagai
            `admin.provinsi` (atau, dengan data demo,
            `petugas.dpmd`, `pakar.unair`, `warga.budi`).
        """,
        description_en="""
            The consultation tickets you may see: DPMD Jatim
            staff see all, an expert those assigned to them,
            a BUM Desa manager their own. Flow: OPENED →
            ASSIGNED → SCHEDULED → RESOLVED → CLOSED;
            `history` records who did what, when. Sign in as
            `admin.provinsi` (or, with the demo data,
            `petugas.dpmd`, `pakar.unair`, `warga.budi`).
        """,
        variables={"status": None},
        sign_in_as="admin.provinsi",
    )
