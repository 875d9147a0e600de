"""GraphiQL example tabs of the gayatri plugin. Each runs without errors with or without the demo data."""

from __future__ import annotations

from typing import Any


def register(builder: Any) -> None:
    builder.example(
        "GayatriStuntingPerKelurahan",
        """
        query GayatriStuntingPerKelurahan($kecamatan: String) {
          gayatriKelurahanStats(kecamatanCode: $kecamatan) {
            kelurahanName
            activeCadres
            children
            measuredChildren
            stuntedChildren
            severelyStuntedChildren
            stuntingPercent
            casesByType {
              caseType
              count
            }
          }
          gayatriCaseCounts {
            caseType
            total
            open
          }
        }
        """,
        title_id="Stunting per kelurahan",
        title_en="Stunting by kelurahan",
        description_id="""
            Angka publik Kota Mojokerto, tanpa masuk: kader
            aktif, balita, stunting pada pengukuran terakhir
            (standar WHO, Permenkes 2/2020) dan kasus per jenis.
            Kosongkan `kecamatan` untuk ke-18 kelurahan.
        """,
        description_en="""
            Public figures of Kota Mojokerto, no sign-in:
            active cadres, children, stunting at the newest
            measurement (WHO standard, Permenkes 2/2020) and
            cases by type. Leave `kecamatan` out for all 18.
        """,
        variables={"kecamatan": "35.76.01"},
    )
    builder.example(
        "GayatriKasusDarurat",
        """
        query GayatriKasusDarurat($first: Int) {
          gayatriCases(filter: {caseType: HEALTH_EMERGENCY}, first: $first) {
            totalCount
            nodes {
              number
              status
              priority
              kelurahanName
              agencyCode
              reportedAt
              timeline {
                step
                at
                actorName
                note
              }
            }
          }
        }
        """,
        title_id="Kasus gawat darurat",
        title_en="Health emergencies",
        description_id="""
            Kasus gawat darurat kesehatan yang dilaporkan kader,
            terbaru dulu, dengan riwayatnya. Admin provinsi
            melihat semua; petugas Dinkes Kota Mojokerto kasus
            instansinya; kader laporannya sendiri.
        """,
        description_en="""
            Health emergencies reported by cadres, newest
            first, with their timeline. The province admin sees
            all; Dinkes Kota Mojokerto staff their agency's;
            a cadre their own reports.
        """,
        variables={"first": 10},
        sign_in_as="admin.provinsi",
    )
    builder.example(
        "GayatriJadwalImunisasi",
        """
        query GayatriJadwalImunisasi {
          gayatriImmunisationSchedule {
            dose
            vaccine
            recommendedAgeMonths
            missedAfterDays
            missedAfterMonths
          }
          gayatriGrowthReference(sex: MALE, ageMonths: 24) {
            basis
            medianCm
            sdCm
            minus2SdCm
            minus3SdCm
          }
        }
        """,
        title_id="Jadwal imunisasi",
        title_en="Immunisation schedule",
        description_id="""
            Jadwal imunisasi rutin (Permenkes 12/2017) dan kapan
            dosis dihitung terlewat; ambang stunting WHO untuk
            anak laki-laki 24 bulan (tinggi badan).
        """,
        description_en="""
            The routine immunisation schedule (Permenkes
            12/2017) and when a dose counts as missed; the WHO
            stunting thresholds for a boy of 24 months (height).
        """,
    )
