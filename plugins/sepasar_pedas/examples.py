"""GraphiQL example tabs of SEPASAR PEDAS: markets in numbers, a certificate check, the classes."""

from __future__ import annotations

from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "PasarSepasarPedas",
        """
        query PasarSepasarPedas {
          sepasarMarkets(first: 20) {
            totalCount
            nodes {
              code
              name
              regionName
              address
              statistics {
                traders
                enrolments
                attended
                attendanceRate
                certificates
              }
            }
          }
        }
        """,
        title_id="Pasar SEPASAR PEDAS",
        title_en="SEPASAR PEDAS markets",
        description_id="""
            Pasar rakyat Kota Malang yang pedagangnya ikut
            Sekolah Pasar Pedagang Cerdas, dengan angka
            ringkasnya: pedagang, peserta kelas, tingkat
            kehadiran (0-1) dan sertifikat. Terbuka untuk umum;
            data pribadi pedagang tidak pernah tampil di sini.
        """,
        description_en="""
            Kota Malang's traditional markets whose traders
            attend the market school, in numbers: traders,
            enrolments, attendance rate (0-1), certificates.
            Public; no trader's personal data appears here.
        """,
    )
    builder.example(
        "CekSertifikatSepasar",
        """
        query CekSertifikatSepasar($code: String!) {
          verifySepasarCertificate(code: $code) {
            code
            status
            holderName
            className
            classDate
            issuedOn
          }
        }
        """,
        title_id="Cek sertifikat",
        title_en="Verify a certificate",
        description_id="""
            Siapa pun dapat memeriksa kode sertifikat SEPASAR
            PEDAS: VALID, REVOKED (dicabut) atau UNKNOWN. Nama
            pemegang disamarkan (S***i A***h). Huruf besar/kecil
            dan tanda hubung tidak berpengaruh.
        """,
        description_en="""
            Anyone can check a SEPASAR PEDAS certificate code:
            VALID, REVOKED or UNKNOWN. The holder's name is
            masked (S***i A***h). Case and hyphens do not
            matter.
        """,
        variables={"code": "SPD-7K4M-9QXR-2D8F-HB3T"},
        variables_without_demo_data={"code": "<kode sertifikat>"},
    )
    builder.example(
        "KelasSepasarPedas",
        """
        query KelasSepasarPedas($topic: SepasarTopic) {
          sepasarClasses(filter: {topic: $topic}, first: 10) {
            totalCount
            nodes {
              title
              topic
              startsAt
              venue
              capacity
              seatsLeft
              market {
                name
              }
              enrolments {
                attendance
                trader {
                  name
                  stallNumber
                  nik
                }
                certificate {
                  code
                  status
                }
              }
            }
          }
        }
        """,
        title_id="Kelas dan peserta",
        title_en="Classes and traders (staff)",
        description_id="""
            Kelas beserta peserta, presensi dan sertifikatnya,
            untuk petugas Dinas Perdagangan Kota Malang
            (disdag-3573) dan admin provinsi; warga dan tamu
            mendapat FORBIDDEN/UNAUTHENTICATED. NIK disamarkan
            kecuali bagi petugas dinas itu.
        """,
        description_en="""
            Classes with their traders, attendance and
            certificates, for staff of Kota Malang's trade
            office (disdag-3573) and the province admin;
            citizens and guests get FORBIDDEN/UNAUTHENTICATED.
            NIKs are masked except for that office's staff.
        """,
        variables={"topic": None},
        sign_in_as="admin.provinsi",
    )
