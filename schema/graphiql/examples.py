"""Example operations that GraphiQL opens as tabs: the integrator's main tasks.

Every example is a real operation against the current schema; ``tests/test_graphql.py``
runs each one (as the demo account it names) and fails on any error, so they never go
stale. A feature adds its examples to :data:`EXAMPLES`, naming the plugin whose fields
they use: an example is shown only when that plugin is enabled. Each query opens with a
comment in Bahasa Indonesia (``ID:``) and English (``EN:``).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from core.identity.demo import DEMO_PASSWORD
from core.runtime import Runtime

#: What the Headers pane of an example that needs a signed-in account starts with.
TOKEN_PLACEHOLDER = "<token>"


@dataclasses.dataclass(frozen=True)
class ExampleOperation:
    """One GraphiQL tab. Its title is the operation's name."""

    #: The plugin whose fields the operation uses; the example is left out without it.
    plugin: str
    #: The operation, opening with a comment in Bahasa Indonesia and English.
    query: str
    variables: dict[str, Any] | None = None
    #: The demo account that may run it (see the README). The Headers pane is prefilled
    #: with ``{"Authorization": "Bearer <token>"}`` and the test signs in as this account.
    sign_in_as: str | None = None

    @property
    def headers(self) -> dict[str, str] | None:
        return {"Authorization": f"Bearer {TOKEN_PLACEHOLDER}"} if self.sign_in_as else None

    def tab(self) -> dict[str, str]:
        """GraphiQL's tab definition (``defaultTabs``): the editors' texts."""
        tab = {"query": self.query}
        if self.variables is not None:
            tab["variables"] = json.dumps(self.variables, indent=2, ensure_ascii=False)
        if self.headers is not None:
            tab["headers"] = json.dumps(self.headers, indent=2)
        return tab


KOTA = ExampleOperation(
    plugin="wilayah",
    query="""\
# Kabupaten/kota · Regencies and cities
#
# ID: Sembilan kota di Jawa Timur; ganti KOTA dengan
#     KABUPATEN untuk 29 kabupaten. Setiap daftar adalah
#     connection: `totalCount` menghitung semuanya,
#     halaman berikutnya dengan `after: <endCursor>`
#     (`first` paling banyak 100).
#     Jalankan dengan tombol ▶ atau Ctrl-Enter.
# EN: The nine cities (kota) of East Java; use KABUPATEN
#     for the 29 regencies. Every list is a connection:
#     `totalCount` counts them all, the next page is
#     `after: <endCursor>` (`first` at most 100).
#     Run it with the ▶ button or Ctrl-Enter.
query KabupatenKota {
  regions(kind: KOTA, first: 20) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      code
      name
    }
  }
}
""",
)

REGION_AND_AGENCIES = ExampleOperation(
    plugin="wilayah",
    query="""\
# Wilayah dan instansinya · A region and its agencies
#
# ID: Cari wilayah menurut nama (panel Variables di
#     bawah) dan instansi yang berkedudukan di sana.
#     Kode wilayah dari Kemendagri (`35.78` = Kota
#     Surabaya); satu instansi menurut kodenya:
#     agency(code: "dispendukcapil-3578").
# EN: Find a region by name (Variables pane below) and
#     the agencies based there. Region codes are
#     Kemendagri's (`35.78` = Kota Surabaya); one agency
#     by its code: agency(code: "dispendukcapil-3578").
query WilayahDanInstansi($name: String!) {
  regions(search: $name, kind: KOTA, first: 5) {
    nodes {
      code
      name
      parent {
        name
      }
      agencies(first: 20) {
        totalCount
        nodes {
          code
          name
          kind
        }
      }
    }
  }
}
""",
    variables={"name": "Surabaya"},
)

LOGIN = ExampleOperation(
    plugin="akun",
    query="""\
# Masuk · Sign in
#
# ID: Masuk dengan akun demo (README, "Demo accounts";
#     kata sandi semuanya `cettar-demo-2026`, hanya di
#     development). Salin `token` dari hasilnya, buka
#     tab AkunSaya atau Petugas, lalu di panel Headers
#     ganti <token>:
#       {"Authorization": "Bearer cettar_…"}
#     Token berlaku 7 hari; `logout` mencabutnya.
# EN: Sign in with a demo account (README, "Demo
#     accounts"; every password is `cettar-demo-2026`,
#     development only). Copy `token` from the result,
#     open the AkunSaya or Petugas tab and replace
#     <token> in the Headers pane:
#       {"Authorization": "Bearer cettar_…"}
#     The token lasts 7 days; `logout` revokes it.
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
    variables={"username": "warga.budi", "password": DEMO_PASSWORD},
)

ME = ExampleOperation(
    plugin="akun",
    query="""\
# Akun saya · Who am I
#
# ID: Akun yang sedang masuk dan izinnya. Jalankan dulu
#     tab Masuk, lalu ganti <token> di panel Headers (di
#     bawah) dengan token dari hasilnya. Tanpa header
#     Authorization `me` bernilai null; token yang salah
#     atau kedaluwarsa dijawab HTTP 401 INVALID_TOKEN.
# EN: The signed-in account and its permissions. Run the
#     Masuk tab first, then replace <token> in the
#     Headers pane (below) with the token it returned.
#     Without an Authorization header `me` is null; a
#     wrong or expired token is refused: HTTP 401,
#     INVALID_TOKEN.
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
    sign_in_as="warga.budi",
)

OFFICERS = ExampleOperation(
    plugin="akun",
    query="""\
# Petugas · Officers (staff only)
#
# ID: Petugas yang boleh Anda lihat: petugas dan admin
#     instansi melihat instansinya sendiri, admin
#     provinsi melihat semuanya; warga mendapat
#     FORBIDDEN. Masuk sebagai `petugas.surabaya`,
#     `admin.surabaya` atau `admin.provinsi` dan pasang
#     tokennya di panel Headers. NIP disamarkan kecuali
#     Anda yang mengelola petugas itu.
# EN: The officers you may see: officers and agency
#     admins see their own agency, the province admin
#     sees all; citizens get FORBIDDEN. Sign in as
#     `petugas.surabaya`, `admin.surabaya` or
#     `admin.provinsi` and put the token in the Headers
#     pane. NIPs are masked unless you manage the
#     officer.
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
    variables={"search": None},
    sign_in_as="admin.surabaya",
)

PLUGINS = ExampleOperation(
    plugin="graphql",
    query="""\
# Plugin · Plugins
#
# ID: Setiap fitur CETTAR adalah plugin. Daftar ini
#     menunjukkan sumbangan masing-masing: field query
#     dan mutation, serta tabel.
# EN: Every CETTAR feature is a plugin. This shows what
#     each contributes: query and mutation fields, and
#     tables.
query PluginPlatform {
  plugins {
    name
    version
    title
    source
    queryFields
    mutationFields
    tables
  }
}
""",
)

#: The examples, in tab order. Later features append theirs.
EXAMPLES: list[ExampleOperation] = [KOTA, REGION_AND_AGENCIES, LOGIN, ME, OFFICERS, PLUGINS]


def example_operations(runtime: Runtime) -> list[ExampleOperation]:
    """The examples for this runtime: those of its enabled plugins. Where demo data is
    not allowed (production), the sign-in example asks for a username and password."""
    enabled = {plugin.name for plugin in runtime.plugins.plugins}
    examples = [example for example in EXAMPLES if example.plugin in enabled]
    if not runtime.settings.demo_data_allowed:
        examples = [
            dataclasses.replace(example, variables={"username": "<username>", "password": "<password>"})
            if example is LOGIN
            else example
            for example in examples
        ]
    return examples
