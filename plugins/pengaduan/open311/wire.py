"""GeoReport v2 on the wire: the format suffix, JSON and XML bodies, and the errors list.

The specification maps every response between XML and JSON by the Spark convention:
a JSON array is an XML element holding one child per item (``services`` → ``service``),
booleans are ``true``/``false``, and a missing value is an empty element. Every body
is UTF-8, with ``Content-Type: application/json; charset=utf-8`` or
``text/xml; charset=utf-8``. Errors are a list of ``{code, description}`` sent with
the HTTP status (404 for what does not exist, 403 for a missing or bad ``api_key``,
400 for anything else the request gets wrong).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from starlette.responses import Response

from core.errors import Language

JSON = "json"
XML = "xml"
FORMATS = (JSON, XML)
MEDIA_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The element of each item of a list, by the list's element name (the Spark convention).
ITEM_ELEMENT = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


@dataclass(frozen=True)
class Problem:
    """One entry of the errors list: a code (the HTTP status) and a description in both languages."""

    status: int
    description_id: str
    description_en: str

    def describe(self, language: Language) -> str:
        return self.description_en if language == "en" else self.description_id


class Open311Error(Exception):
    """A refused request: one or more problems, answered with the HTTP status of the first."""

    def __init__(self, *problems: Problem, headers: Mapping[str, str] | None = None) -> None:
        assert problems, "an Open311Error needs at least one problem"
        self.problems = problems
        self.headers = dict(headers or {})
        super().__init__(problems[0].description_en)

    @property
    def status(self) -> int:
        return self.problems[0].status


def bad_request(description_id: str, description_en: str) -> Open311Error:
    return Open311Error(Problem(400, description_id, description_en))


def forbidden(description_id: str, description_en: str) -> Open311Error:
    return Open311Error(Problem(403, description_id, description_en))


def not_found(description_id: str, description_en: str) -> Open311Error:
    return Open311Error(Problem(404, description_id, description_en))


def response_format(suffix: str) -> str:
    """The format named by a resource's suffix (``services.json`` → ``json``); 400 for any other."""
    chosen = suffix.lower()
    if chosen not in FORMATS:
        raise bad_request(
            f"Format '{suffix}' tidak didukung: akhiri alamat dengan .json atau .xml.",
            f"The format '{suffix}' is not supported: end the URL with .json or .xml.",
        )
    return chosen


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))  # control characters XML 1.0 cannot carry


def _element(name: str, value: Any) -> ElementTree.Element:
    element = ElementTree.Element(name)
    if isinstance(value, Mapping):
        for key, child in value.items():
            element.append(_element(key, child))
    elif isinstance(value, Sequence) and not isinstance(value, str):
        item_name = ITEM_ELEMENT.get(name, "item")
        for child in value:
            element.append(_element(item_name, child))
    else:
        element.text = _text(value)
    return element


def to_xml(root: str, body: Any) -> bytes:
    """``body`` as the specification's XML under ``root``, with the UTF-8 declaration."""
    tree = _element(root, body)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(tree, encoding="unicode").encode()


def render(fmt: str, root: str, body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A response in ``fmt``: ``body`` as JSON, or as XML under the element ``root``."""
    if fmt == XML:
        content = to_xml(root, body)
    else:
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(content, status_code=status, media_type=MEDIA_TYPES[fmt], headers=dict(headers or {}))


def render_error(fmt: str, error: Open311Error, language: Language) -> Response:
    """The errors list, with the HTTP status of the first problem and the error's headers."""
    body = [{"code": p.status, "description": p.describe(language)} for p in error.problems]
    return render(fmt, "errors", body, status=error.status, headers=error.headers)
