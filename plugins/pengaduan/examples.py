"""GraphiQL example tabs: the public list, filing a complaint, the verification queue."""

from __future__ import annotations

from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "PengaduanPublik",
        """
        query PengaduanPublik($regionCode: String, $first: Int) {
          complaints(filter: {regionCode: $regionCode}, first: $first) {
            totalCount
            nodes {
              trackingNumber
              title
              status
              anonymous
              reporterName
              supportCount
              category { name }
              regionName
              agency { code name }
              steps { action at reason actorAgency { name } agency { name } }
            }
          }
        }
        """,
        title_id="Pengaduan publik",
        title_en="Public complaints",
        description_id="""
            Pengaduan publik di Kabupaten Pacitan (35.01),
            terbaru dahulu, dengan riwayat langkahnya. Tanpa
            masuk pun bisa. Identitas pelapor anonim tidak
            pernah tampil. Ganti `regionCode` (35.77 Kota
            Madiun) atau hapus untuk seluruh Jawa Timur.
        """,
        description_en="""
            Public complaints in Kabupaten Pacitan (35.01),
            newest first, with their history. No sign-in
            needed. An anonymous reporter's identity is never
            shown. Change `regionCode` (35.77 Kota Madiun) or
            drop it for all of Jawa Timur.
        """,
        variables={"regionCode": "35.01", "first": 10},
    )
    builder.example(
        "AjukanPengaduan",
        """
        mutation AjukanPengaduan($input: FileComplaintInput!) {
          fileComplaint(input: $input) {
            complaint {
              id
              trackingNumber
              status
              anonymous
              isMine
              dueOn
              unitAgency { name }
              requestedAgency { name }
            }
          }
        }
        """,
        title_id="Ajukan pengaduan",
        title_en="File a complaint",
        description_id="""
            Warga mengajukan pengaduan (masuk sebagai
            warga.budi). `anonymous: true` menyembunyikan
            identitas dari siapa pun; `confidential: true`
            membuat pengaduan tidak publik. Lampiran dikirim
            sebagai multipart request. Kunci idempotensi yang
            sama tidak membuat pengaduan kedua.
        """,
        description_en="""
            A citizen files a complaint (signed in as
            warga.budi). `anonymous: true` hides the identity
            from everyone; `confidential: true` keeps the
            complaint out of public view. Attachments go in a
            multipart request. The same idempotency key never
            files a second complaint.
        """,
        variables={
            "input": {
                "title": "Lampu penerangan jalan mati di Jl. Kebraon",
                "text": "Tiga lampu penerangan jalan umum di Jl. Kebraon II mati sejak seminggu lalu sehingga "
                "jalan gelap dan rawan kejahatan pada malam hari.",
                "category": "infrastruktur",
                "regionCode": "35.78.01.1002",
                "channel": "APP",
                "anonymous": True,
                "idempotencyKey": "contoh-graphiql-pju-kebraon",
            }
        },
        sign_in_as="warga.budi",
    )
    builder.example(
        "AntreanVerifikasi",
        """
        query AntreanVerifikasi($filter: ComplaintFilter) {
          complaints(filter: $filter, first: 20) {
            totalCount
            nodes {
              id
              trackingNumber
              title
              status
              dueOn
              overdue
              escalationLevel
              anonymous
              confidential
              reporterName
              unitAgency { code }
              requestedAgency { code }
            }
          }
        }
        """,
        title_id="Antrean verifikasi",
        title_en="Verification queue",
        description_id="""
            Pengaduan yang menunggu verifikasi unit pengaduan
            (masuk sebagai admin.provinsi; atau
            admin.kominfo.pacitan / admin.kominfo.madiun untuk
            unitnya saja). Lanjutkan dengan verifyComplaint
            (disposisi ke instansi), holdComplaint,
            markComplaintNotOurAuthority atau archiveComplaint.
        """,
        description_en="""
            Complaints waiting for the complaint unit's
            verification (signed in as admin.provinsi; or
            admin.kominfo.pacitan / admin.kominfo.madiun for
            their unit only). Go on with verifyComplaint
            (dispose to an agency), holdComplaint,
            markComplaintNotOurAuthority or archiveComplaint.
        """,
        variables={"filter": {"statuses": ["SUBMITTED", "HELD"]}},
        sign_in_as="admin.provinsi",
    )
