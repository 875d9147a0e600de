"""GraphiQL example tabs of the akun plugin: sign in, who am I, officers."""

from __future__ import annotations

from core.identity.demo import DEMO_PASSWORD
from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "Masuk",
        """
        mutation Masuk($username: String!, $password: String!) {
          login(username: $username, password: $password) {
            token
            expiresAt
            account {
              username
              name
              role
            }
          }
        }
        """,
        title_id="Masuk",
        title_en="Sign in",
        description_id="""
            Masuk dengan akun demo (README, "Demo accounts";
            kata sandi semuanya `cettar-demo-2026`, hanya di
            development). Salin `token` dari hasilnya, buka
            tab AkunSaya atau Petugas, lalu di panel Headers
            ganti <token>:
              {"Authorization": "Bearer cettar_…"}
            Token berlaku 7 hari; `logout` mencabutnya.
        """,
        description_en="""
            Sign in with a demo account (README, "Demo
            accounts"; every password is `cettar-demo-2026`,
            development only). Copy `token` from the result,
            open the AkunSaya or Petugas tab and replace
            <token> in the Headers pane:
              {"Authorization": "Bearer cettar_…"}
            The token lasts 7 days; `logout` revokes it.
        """,
        variables={"username": "warga.budi", "password": DEMO_PASSWORD},
        variables_without_demo_data={"username": "<username>", "password": "<password>"},
    )
    builder.example(
        "AkunSaya",
        """
        query AkunSaya {
          me {
            username
            name
            role
            permissions
            citizen {
              nik
              inProvince
            }
            officer {
              position
              agencyName
            }
          }
        }
        """,
        title_id="Akun saya",
        title_en="Who am I",
        description_id="""
            Akun yang sedang masuk dan izinnya. Jalankan dulu
            tab Masuk, lalu ganti <token> di panel Headers (di
            bawah) dengan token dari hasilnya. Tanpa header
            Authorization `me` bernilai null; token yang salah
            atau kedaluwarsa dijawab HTTP 401 INVALID_TOKEN.
        """,
        description_en="""
            The signed-in account and its permissions. Run the
            Masuk tab first, then replace <token> in the
            Headers pane (below) with the token it returned.
            Without an Authorization header `me` is null; a
            wrong or expired token is refused: HTTP 401,
            INVALID_TOKEN.
        """,
        sign_in_as="warga.budi",
    )
    builder.example(
        "Petugas",
        """
        query Petugas($search: String) {
          officers(search: $search, first: 10) {
            totalCount
            nodes {
              name
              role
              position
              grade
              nip
              agencyCode
              trainings {
                name
                organizer
                year
              }
            }
          }
        }
        """,
        title_id="Petugas",
        title_en="Officers (staff only)",
        description_id="""
            Petugas yang boleh Anda lihat: petugas dan admin
            instansi melihat instansinya sendiri, admin
            provinsi melihat semuanya; warga mendapat
            FORBIDDEN. Masuk sebagai `petugas.surabaya`,
            `admin.surabaya` atau `admin.provinsi` dan pasang
            tokennya di panel Headers. NIP disamarkan kecuali
            Anda yang mengelola petugas itu.
        """,
        description_en="""
            The officers you may see: officers and agency
            admins see their own agency, the province admin
            sees all; citizens get FORBIDDEN. Sign in as
            `petugas.surabaya`, `admin.surabaya` or
            `admin.provinsi` and put the token in the Headers
            pane. NIPs are masked unless you manage the
            officer.
        """,
        variables={"search": None},
        sign_in_as="admin.surabaya",
    )
