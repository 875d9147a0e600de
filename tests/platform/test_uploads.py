"""Attachments over the GraphQL multipart request spec: checked by content, then stored once."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import strawberry

from core.plugins import PluginMeta, hookimpl
from core.storage import DOCUMENTS, check_uploads, store
from schema import Info, Upload

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


@strawberry.type
class Kept:
    key: str
    filename: str
    content_type: str
    size: int


@strawberry.mutation
async def lampirkan(info: Info, files: list[Upload]) -> list[Kept]:
    runtime = info.context.runtime
    max_bytes = int(runtime.settings.max_attachment_mib * 2**20)
    checked = await check_uploads(files, field="files", max_bytes=max_bytes, allowed=DOCUMENTS)
    kept = [await store(runtime.storage, item) for item in checked]
    return [Kept(key=k.key, filename=k.filename, content_type=k.content_type, size=k.size) for k in kept]


class LampiranPlugin:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="lampiran", version="0.0.1", title="Lampiran (tests only)")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.mutation(lampirkan)


pytestmark = pytest.mark.cettar(
    plugins=["akun", "wilayah", "lampiran"], extra_plugins=[LampiranPlugin], settings={"max_attachment_mib": 0.001}
)

UPLOAD = "mutation ($files: [Upload!]!) { lampirkan(files: $files) { key filename contentType size } }"


def stored_files(cettar_settings: Any) -> list[Path]:
    root = Path(cettar_settings.storage_dir)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def test_documents_are_checked_by_content_and_stored_once(gql, cettar_settings):
    response = await gql.query(
        UPLOAD,
        {"files": []},
        files={
            "files.0": ("surat-pengantar.pdf", PDF, "application/pdf"),
            "files.1": ("foto-ktp.bin", PNG, "application/octet-stream"),  # the name lies; the content is PNG
            "files.2": ("salinan.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status == 200 and not response.errors, response.body
    kept = response.data["lampirkan"]
    assert [k["contentType"] for k in kept] == ["application/pdf", "image/png", "application/pdf"]
    assert kept[0]["key"] == hashlib.sha256(PDF).hexdigest() == kept[2]["key"]
    assert kept[1]["filename"] == "foto-ktp.bin" and kept[1]["size"] == len(PNG)
    files = stored_files(cettar_settings)
    assert [f.name for f in files] == sorted({hashlib.sha256(PDF).hexdigest(), hashlib.sha256(PNG).hexdigest()})
    assert files[0].read_bytes() in (PDF, PNG)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bukan-pdf.pdf", b"#!/bin/sh\nrm -rf /\n", "ATTACHMENT_TYPE_NOT_ALLOWED"),
        ("kosong.pdf", b"", "ATTACHMENT_EMPTY"),
        ("besar.pdf", PDF + b"0" * 2000, "ATTACHMENT_TOO_LARGE"),
    ],
)
async def test_a_bad_file_is_refused_with_its_field_and_nothing_is_stored(gql, cettar_settings, name, content, code):
    response = await gql.query(
        UPLOAD,
        {"files": []},
        files={"files.0": ("baik.pdf", PDF, "application/pdf"), "files.1": (name, content, "application/pdf")},
        language="en",
    )
    assert response.codes == [code]
    assert response.errors[0]["extensions"]["field"] == "files.1"
    assert name in response.errors[0]["message"]
    assert stored_files(cettar_settings) == [], "the good file before the bad one is not kept either"


async def test_too_many_files_are_refused(gql, cettar_settings):
    files = {f"files.{n}": (f"{n}.pdf", PDF, "application/pdf") for n in range(11)}
    response = await gql.query(UPLOAD, {"files": []}, files=files)
    assert response.codes == ["TOO_MANY_ATTACHMENTS"]
    assert stored_files(cettar_settings) == []
