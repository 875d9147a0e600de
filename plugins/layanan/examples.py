"""GraphiQL example tabs of the layanan plugin: the catalog, a citizen's applications, an officer's queue."""

from __future__ import annotations

from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "KatalogLayanan",
        """
        query KatalogLayanan($search: String) {
          services(search: $search, first: 20) {
            totalCount
            nodes {
              code
              nameId
              family
              agencyPattern
              offeredBy(regionCode: "35.78") {
                code
                name
              }
              standard {
                timeLimitDays
                productId
                feeVaries
                fee {
                  amount
                  legalBasis
                }
                requirements {
                  nameId
                  attachment
                }
              }
              form {
                fields {
                  code
                  datatype
                  required
                  nameId
                  values {
                    key
                    nameId
                  }
                }
              }
            }
          }
        }
        """,
        title_id="Katalog layanan publik",
        title_en="Public service catalog",
        description_id="""
            Layanan beserta standar pelayanannya (persyaratan,
            jangka waktu, biaya, produk) dan formulirnya.
            Tanpa masuk. Isi `search`, mis. "kartu keluarga";
            `offeredBy` menunjukkan instansi yang memproses
            permohonan dari Kota Surabaya (35.78).
        """,
        description_en="""
            Services with their service standard (requirements,
            time limit, fee, product) and their form. No
            sign-in needed. Set `search`, e.g. "family card";
            `offeredBy` names the agency that processes
            applications from Kota Surabaya (35.78).
        """,
        variables={"search": None},
    )
    builder.example(
        "PermohonanSaya",
        """
        query PermohonanSaya {
          myApplications(first: 10) {
            totalCount
            nodes {
              trackingNumber
              status
              dueDate
              overdue
              statusReason
              fee
              feeDetails {
                legalBasis
                descriptionId
              }
              service {
                nameId
              }
              agency {
                name
              }
              timeline {
                toStatus
                at
              }
            }
          }
        }
        """,
        title_id="Permohonan saya",
        title_en="My applications",
        description_id="""
            Permohonan warga yang masuk, terbaru dahulu:
            status, batas waktu (hari kerja), biayanya, alasan
            bila dikembalikan, dan riwayatnya. Siapa pun dapat
            melacak dengan trackApplication(trackingNumber:).
        """,
        description_en="""
            The signed-in citizen's applications, newest
            first: status, due date (working days), its fee,
            the reason when returned, and the history. Anyone can
            track one with trackApplication(trackingNumber:).
        """,
        sign_in_as="warga.budi",
    )
    builder.example(
        "AntreanPetugas",
        """
        query AntreanPetugas($status: [ApplicationStatus!]) {
          applicationQueue(status: $status, first: 20) {
            totalCount
            nodes {
              id
              trackingNumber
              status
              dueDate
              overdue
              workingDaysLeft
              applicantName
              assignedOfficerName
              service {
                nameId
              }
              nextStatuses
            }
          }
        }
        """,
        title_id="Antrean petugas",
        title_en="Officer's queue",
        description_id="""
            Permohonan instansi petugas, batas waktu terdekat
            dahulu. Proses dengan transitionApplication
            (input: {applicationId: <id>, status: VERIFIED}).
        """,
        description_en="""
            The officer's agency's applications, earliest due
            date first. Move one on with transitionApplication
            (input: {applicationId: <id>, status: VERIFIED}).
        """,
        variables={"status": ["SUBMITTED", "VERIFIED", "IN_PROCESS"]},
        sign_in_as="petugas.surabaya",
    )
