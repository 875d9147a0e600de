"""Attachments: checked by their content, kept behind a small storage interface.

A plugin receives uploads (GraphQL multipart requests, ``schema.Upload``), checks
them all with :func:`check_uploads` before it stores anything, then stores each
with :func:`store`. Files are content-addressed (the key is the SHA-256 of the
bytes), so a retried request stores nothing new and two plugins never collide.

    checked = await check_uploads(uploads, field="input.attachments", allowed=DOCUMENTS)
    stored = [await store(runtime.storage, item) for item in checked]

The default storage is :class:`LocalDiskStorage` under ``CETTAR_STORAGE_DIR``;
another backend (S3, MinIO) implements :class:`Storage`.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import filetype

from core.errors import CettarError, register_messages

#: Scanned documents and photos: what a public-service requirement is usually proven with.
DOCUMENTS: frozenset[str] = frozenset({"application/pdf", "image/jpeg", "image/png"})
#: Photos only.
IMAGES: frozenset[str] = frozenset({"image/jpeg", "image/png", "image/webp"})
#: At most this many files per request field.
MAX_FILES = 10

register_messages(
    {
        "ATTACHMENT_TYPE_NOT_ALLOWED": (
            "Berkas {filename} bukan jenis yang diterima ({allowed}).",
            "The file {filename} is not of an accepted type ({allowed}).",
        ),
        "ATTACHMENT_TOO_LARGE": (
            "Berkas {filename} terlalu besar (maksimal {max_mib} MiB).",
            "The file {filename} is too large (at most {max_mib} MiB).",
        ),
        "ATTACHMENT_EMPTY": ("Berkas {filename} kosong.", "The file {filename} is empty."),
        "TOO_MANY_ATTACHMENTS": (
            "Terlalu banyak berkas (maksimal {max}).",
            "Too many files (at most {max}).",
        ),
    }
)


@runtime_checkable
class UploadLike(Protocol):
    """What a multipart upload gives a resolver (Starlette's ``UploadFile``)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class CheckedFile:
    """An upload whose content was checked: its bytes, the type its content shows, its digest."""

    filename: str
    content_type: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class StoredFile:
    key: str
    filename: str
    content_type: str
    size: int
    sha256: str


class Storage(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def exists(self, key: str) -> bool: ...


class LocalDiskStorage:
    """Files under ``root/ab/cd/<key>``, written atomically (temporary file, then rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key.isalnum():
            raise ValueError("storage keys are alphanumeric")
        return self.root / key[:2] / key[2:4] / key

    async def put(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._write, self._path(key), data)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(path)

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._path(key).read_bytes)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).is_file)


def sniff(data: bytes) -> str | None:
    """The media type the content shows (magic numbers), or ``None`` when unknown."""
    kind = filetype.guess(data)
    return None if kind is None else str(kind.mime)


def _label(types: Iterable[str]) -> str:
    return ", ".join(sorted(t.rsplit("/", 1)[-1].upper() for t in types))


async def check_upload(
    upload: UploadLike, *, field: str, allowed: frozenset[str] = DOCUMENTS, max_bytes: int
) -> CheckedFile:
    """Read one upload and check its content: not empty, not over ``max_bytes``, of an ``allowed`` type.

    The name and the declared type are ignored: a PDF renamed ``.jpg`` is a PDF, an
    executable renamed ``.pdf`` is refused.
    """
    filename = (upload.filename or "berkas").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "berkas"
    data = await upload.read(max_bytes + 1)
    if not data:
        raise CettarError("ATTACHMENT_EMPTY", field=field, filename=filename)
    if len(data) > max_bytes:
        raise CettarError("ATTACHMENT_TOO_LARGE", field=field, filename=filename, max_mib=f"{max_bytes / 2**20:g}")
    content_type = sniff(data)
    if content_type not in allowed:
        raise CettarError("ATTACHMENT_TYPE_NOT_ALLOWED", field=field, filename=filename, allowed=_label(allowed))
    return CheckedFile(filename=filename, content_type=content_type, data=data, sha256=hashlib.sha256(data).hexdigest())


async def check_uploads(
    uploads: Sequence[UploadLike] | None,
    *,
    field: str,
    max_bytes: int,
    allowed: frozenset[str] = DOCUMENTS,
    max_files: int = MAX_FILES,
) -> list[CheckedFile]:
    """Check every upload (``field.0``, ``field.1``… name the one at fault) before any is stored."""
    uploads = list(uploads or [])
    if len(uploads) > max_files:
        raise CettarError("TOO_MANY_ATTACHMENTS", field=field, max=max_files)
    return [
        await check_upload(upload, field=f"{field}.{index}", allowed=allowed, max_bytes=max_bytes)
        for index, upload in enumerate(uploads)
    ]


async def store(storage: Storage, checked: CheckedFile) -> StoredFile:
    """Keep a checked file (once: the key is its SHA-256) and describe it."""
    if not await storage.exists(checked.sha256):
        await storage.put(checked.sha256, checked.data)
    return StoredFile(
        key=checked.sha256,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
