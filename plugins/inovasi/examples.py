"""GraphiQL example tabs of the innovation registry: the 2020 awards and one innovation."""

from __future__ import annotations

from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "InovasiTop45",
        """
        query InovasiTop45($rank: String!, $year: Int!) {
          innovations(filter: {award: {rank: $rank, year: $year}}, first: 50) {
            totalCount
            nodes {
              code
              name
              acronymMeaning
              agencyName
              regionName
              implementation {
                plugin
                enabled
              }
              awards {
                competition
                rank
                year
                issuer
              }
            }
          }
        }
        """,
        title_id="Inovasi TOP 45",
        title_en="TOP 45 innovations",
        description_id="""
            Inovasi Jawa Timur yang masuk TOP 45 Kompetisi
            Inovasi Pelayanan Publik 2020, instansinya, dan
            plugin yang menjalankannya di platform ini (null
            bila belum ada). Ganti `rank` dengan "TOP 15"
            untuk penghargaan pengelolaan pengaduan.
        """,
        description_en="""
            East Java's innovations in the TOP 45 of the 2020
            public-service innovation competition (KIPP), their
            agencies, and the plugin running each on this
            platform (null when none does). Use "TOP 15" as
            `rank` for the complaint-handling awards.
        """,
        variables={"rank": "TOP 45", "year": 2020},
    )
    builder.example(
        "PenghargaanInovasi",
        """
        query PenghargaanInovasi($regionCode: String) {
          innovationAwards(filter: {regionCode: $regionCode}, first: 20) {
            totalCount
            nodes {
              year
              rank
              competition
              category
              awardedOn
              innovation {
                name
                agencyCode
                regionName
              }
            }
          }
        }
        """,
        title_id="Penghargaan inovasi",
        title_en="Innovation awards",
        description_id="""
            Semua penghargaan, tahun terbaru dulu lalu menurut
            peringkat. `regionCode` membatasi pada satu wilayah
            beserta wilayah di bawahnya: "35.73" Kota Malang,
            "35" seluruh Jawa Timur.
        """,
        description_en="""
            Every award, newest year first, then by rank.
            `regionCode` keeps one region and everything under
            it: "35.73" is Kota Malang, "35" all of East Java.
        """,
        variables={"regionCode": "35"},
    )
    builder.example(
        "SatuInovasi",
        """
        query SatuInovasi($code: String!) {
          innovation(code: $code) {
            id
            name
            acronymMeaning
            category
            stage
            yearStarted
            description
            agencyName
            regionName
            implementation {
              plugin
              title
              enabled
            }
            awards {
              rank
              competition
              year
            }
          }
        }
        """,
        title_id="Satu inovasi",
        title_en="One innovation",
        description_id="""
            Satu inovasi menurut kodenya, mis. "klinik-bumdes",
            "rumahku-sip", "gayatri" atau "sepasar-pedas".
            Tahun mulai dan tahapan bernilai null bila sumber
            datanya tidak menyebutkan.
        """,
        description_en="""
            One innovation by its code, e.g. "klinik-bumdes",
            "rumahku-sip", "gayatri" or "sepasar-pedas". The
            year started and stage are null when its source
            does not say.
        """,
        variables={"code": "sepasar-pedas"},
    )
