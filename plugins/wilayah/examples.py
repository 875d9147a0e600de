"""GraphiQL example tabs of the wilayah plugin: regions and their agencies."""

from __future__ import annotations

from schema.builder import PluginSchemaBuilder


def register(builder: PluginSchemaBuilder) -> None:
    builder.example(
        "KabupatenKota",
        """
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
        title_id="Kabupaten/kota",
        title_en="Regencies and cities",
        description_id="""
            Sembilan kota di Jawa Timur; ganti KOTA dengan
            KABUPATEN untuk 29 kabupaten. Setiap daftar adalah
            connection: `totalCount` menghitung semuanya,
            halaman berikutnya dengan `after: <endCursor>`
            (`first` paling banyak 100).
            Jalankan dengan tombol ▶ atau Ctrl-Enter.
        """,
        description_en="""
            The nine cities (kota) of East Java; use KABUPATEN
            for the 29 regencies. Every list is a connection:
            `totalCount` counts them all, the next page is
            `after: <endCursor>` (`first` at most 100).
            Run it with the ▶ button or Ctrl-Enter.
        """,
    )
    builder.example(
        "WilayahDanInstansi",
        """
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
        title_id="Wilayah dan instansinya",
        title_en="A region and its agencies",
        description_id="""
            Cari wilayah menurut nama (panel Variables di
            bawah) dan instansi yang berkedudukan di sana.
            Kode wilayah dari Kemendagri (`35.78` = Kota
            Surabaya); satu instansi menurut kodenya:
            agency(code: "dispendukcapil-3578").
        """,
        description_en="""
            Find a region by name (Variables pane below) and
            the agencies based there. Region codes are
            Kemendagri's (`35.78` = Kota Surabaya); one agency
            by its code: agency(code: "dispendukcapil-3578").
        """,
        variables={"name": "Surabaya"},
    )
