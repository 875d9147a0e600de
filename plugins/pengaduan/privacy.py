"""What an anonymous reporter's files would give away: metadata and names.

A phone photo carries EXIF (the camera owner's name, the device, GPS position of the
reporter's home…), a PNG text chunks, a WebP EXIF/XMP chunks, and the file's name is
often the reporter's own ("KTP_Sumarni.jpg"). For an anonymous complaint, files from the
reporter are stored without that metadata and under a neutral name (``lampiran-1.jpg``).
The picture itself is untouched. PDF metadata (the author in the document information, XMP) is not
rewritten: an anonymous reporter attaches pictures only (``resolvers.ANONYMOUS_ATTACHMENT_TYPES``).
"""

from __future__ import annotations

import hashlib
import struct

from core.storage import CheckedFile

#: JPEG segments kept: APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform).
_JPEG_KEEP_APP = {0xE0, 0xE2, 0xEE}
#: PNG chunks that carry free text or EXIF.
_PNG_DROP = {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"}
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}


def _jpeg_scan_end(data: bytes, i: int) -> int:
    """Where the entropy-coded data starting at ``i`` ends: the next marker that is not a stuffed
    ``FF 00``, a restart marker ``FF D0``-``FF D7`` or a fill byte ``FF FF``; ``len(data)`` without one."""
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            return len(data)
        following = data[i + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            i += 1
            continue
        return i


def _jpeg(data: bytes) -> bytes:
    """The JPEG up to its end marker (EOI) without APPn metadata segments, comments or MPF indexes.

    What follows EOI is dropped: phones append further pictures there (Multi-Picture Format:
    HDR gain maps, depth maps, thumbnails), each with its own EXIF. A file that stops making sense
    is cut where it does, keeping nothing unchecked.
    """
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    i, size = 2, len(data)
    while i + 1 < size:
        if data[i] != 0xFF:
            break  # not a marker where one must be: keep what was checked
        marker = data[i + 1]
        if marker == 0xFF:  # a fill byte before the marker
            i += 1
            continue
        if marker == 0xD9:  # end of image: nothing after it is kept
            out += b"\xff\xd9"
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            out += data[i : i + 2]
            i += 2
            continue
        if i + 4 > size:
            break
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if length < 2 or i + 2 + length > size:
            break
        segment = data[i : i + 2 + length]
        metadata = (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP_APP) or marker == 0xFE
        if marker == 0xE2 and segment[4:8] == b"MPF\x00":
            metadata = True  # the index of the pictures appended after EOI, which are dropped
        if not metadata:
            out += segment
        i += 2 + length
        if marker == 0xDA:  # start of scan: the image data follows, up to the next marker
            end = _jpeg_scan_end(data, i)
            out += data[i:end]
            i = end
    return bytes(out)


def _png(data: bytes) -> bytes:
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        return data
    out = bytearray(signature)
    i = len(signature)
    while i + 8 <= len(data):
        length = struct.unpack(">I", data[i : i + 4])[0]
        kind = data[i + 4 : i + 8]
        chunk = data[i : i + 12 + length]
        if len(chunk) < 12 + length:
            break  # a truncated chunk: keep what was checked, never the unchecked rest
        if kind not in _PNG_DROP:
            out += chunk
        i += 12 + length
        if kind == b"IEND":
            break
    return bytes(out)


def _webp(data: bytes) -> bytes:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return data
    chunks = bytearray()
    i = 12
    while i + 8 <= len(data):
        kind = data[i : i + 4]
        size = struct.unpack("<I", data[i + 4 : i + 8])[0]
        padded = size + (size & 1)
        chunk = bytearray(data[i : i + 8 + padded])
        if kind == b"VP8X" and len(chunk) > 8:
            chunk[8] &= ~0x0C & 0xFF  # the flags no longer announce EXIF (bit 3) and XMP (bit 2)
        if kind not in (b"EXIF", b"XMP "):
            chunks += chunk
        i += 8 + padded
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + bytes(chunks)


def strip_metadata(data: bytes, content_type: str) -> bytes:
    """The file without the metadata that may name or locate its author (images); others unchanged."""
    if content_type == "image/jpeg":
        return _jpeg(data)
    if content_type == "image/png":
        return _png(data)
    if content_type == "image/webp":
        return _webp(data)
    return data


def anonymised(files: list[CheckedFile] | tuple[CheckedFile, ...], start: int = 1) -> list[CheckedFile]:
    """Files of an anonymous reporter: metadata stripped, neutral names ``lampiran-<n>.<ext>``."""
    result: list[CheckedFile] = []
    for number, item in enumerate(files, start=start):
        data = strip_metadata(item.data, item.content_type)
        extension = _EXTENSIONS.get(item.content_type, "bin")
        result.append(
            CheckedFile(
                filename=f"lampiran-{number}.{extension}",
                content_type=item.content_type,
                data=data,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    return result
