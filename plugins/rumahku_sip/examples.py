"""GraphiQL example tabs of Rumahku SIP: public counts, the officer's list, the PSU handover queue."""

from __future__ import annotations

from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "StatistikPerumahanGresik",
        """
        query StatistikPerumahanGresik($kecamatanCode: String) {
          housingStatistics(kecamatanCode: $kecamatanCode) {
            developments
            units
            facilitiesByStatus { status count }
            problemsByKind { kind open resolved }
            kecamatan {
              kecamatanCode
              kecamatanName
              developments
              plannedUnits
              units
              facilitiesByStatus { status count }
              openProblems
            }
          }
        }
        """,
        title_id="Statistik perumahan Gresik",
        title_en="Housing in Gresik",
        description_id="""
            Rumahku SIP untuk publik: jumlah perumahan, unit,
            status serah terima PSU dan masalah per kecamatan
            di Kabupaten Gresik. Tanpa masuk. Hapus
            kecamatanCode untuk ke-18 kecamatan.
        """,
        description_en="""
            Rumahku SIP for the public: developments, units,
            PSU handover status and problems per kecamatan of
            Kabupaten Gresik. No sign-in. Remove kecamatanCode
            for all 18 kecamatan.
        """,
        variables={"kecamatanCode": "35.25.14"},
    )
    builder.example(
        "PerumahanGresik",
        """
        query PerumahanGresik($filter: HousingDevelopmentFilter, $first: Int) {
          housingDevelopments(filter: $filter, first: $first) {
            totalCount
            nodes {
              id
              name
              desaName
              kecamatanName
              status
              plannedUnits
              developer { name association }
              permits { kind number issuedOn }
              unitSummary { total }
              facilities { kind name built handoverStatus }
              problems(status: OPEN) { kind description foundOn }
              taxObjects { nop }
              boundary
            }
          }
        }
        """,
        title_id="Perumahan (petugas)",
        title_en="Developments (officer)",
        description_id="""
            Rincian perumahan untuk petugas Disperkim Gresik:
            pengembang, izin (PBG, site plan, KKPR), unit, PSU,
            masalah terbuka, NOP dan batas lokasi (GeoJSON).
            Masuk sebagai petugas.perkim (tab Masuk).
        """,
        description_en="""
            Development detail for Disperkim Gresik officers:
            developer, permits (PBG, site plan, KKPR), units,
            PSU, open problems, NOPs and boundary (GeoJSON).
            Sign in as petugas.perkim (Masuk tab).
        """,
        variables={"filter": {"kecamatanCode": "35.25.14"}, "first": 10},
        sign_in_as="petugas.perkim",
    )
    builder.example(
        "AntreanSerahTerimaPsu",
        """
        query AntreanSerahTerimaPsu($status: PsuHandoverStatus) {
          psuHandovers(filter: {status: $status}, first: 20) {
            totalCount
            nodes {
              id
              status
              proposedAt
              proposedBy { name isStaff }
              development { name kecamatanName developer { name } }
              facilities { kind name areaM2 }
              documents { stage filename contentType size }
            }
          }
        }
        """,
        title_id="Antrean serah terima PSU",
        title_en="PSU handover queue",
        description_id="""
            Usulan serah terima PSU yang menunggu verifikasi
            lapangan. Lanjutkan dengan verifyPsuHandover,
            completePsuHandover (BAST) atau refusePsuHandover.
            Masuk sebagai admin.perkim.
        """,
        description_en="""
            PSU handover proposals awaiting field
            verification. Go on with verifyPsuHandover,
            completePsuHandover (BAST) or refusePsuHandover.
            Sign in as admin.perkim.
        """,
        variables={"status": "PROPOSED"},
        sign_in_as="admin.perkim",
    )
