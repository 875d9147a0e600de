"""The service catalog: what ``runtime.services`` holds, searched and tied to agencies.

A service's ``agency_code`` is either a fixed agency (``bapenda-jatim``) or a pattern with
``{regency}`` (``dispendukcapil-{regency}``): then every kabupaten/kota's agency of that
kind offers it, and an application goes to the agency of its region. A service may also
route applications itself (``ServiceDefinition.agency_for``: by the answers or the region);
its choice comes first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from core.services import Channel, ServiceDefinition, ServiceRegistry

REGENCY = "{regency}"


def per_region(service: ServiceDefinition) -> bool:
    """Whether every kab/kota's agency of a kind offers the service."""
    return REGENCY in service.agency_code


def regency_digits(region_code: str) -> str | None:
    """``35.78.01.1001`` or ``35.78`` → ``3578``; ``None`` for the province or a malformed code."""
    parts = region_code.strip().split(".")
    if len(parts) < 2 or not all(p.isascii() and p.isdigit() for p in parts[:2]):
        return None
    return parts[0] + parts[1]


def default_agency_code(service: ServiceDefinition, region_code: str | None) -> str | None:
    """The ``agency_code`` rule: the fixed agency, or the pattern filled with the region's kab/kota.

    A per-region service needs a kab/kota (or a region under one) and is ``None`` without it.
    """
    if not per_region(service):
        return service.agency_code
    digits = regency_digits(region_code) if region_code else None
    return None if digits is None else service.agency_code.replace(REGENCY, digits)


def agency_code_for(
    service: ServiceDefinition, region_code: str | None, answers: Mapping[str, Any] | None = None
) -> str | None:
    """The code of the agency that processes an application for ``service`` from ``region_code``.

    The service's own ``agency_for(answers, region_code)`` decides first (the nearest
    immigration office, say); when it has none or returns ``None``, :func:`default_agency_code`.
    """
    if service.agency_for is not None:
        chosen = service.agency_for(MappingProxyType(dict(answers or {})), region_code)
        if chosen:
            return chosen
    return default_agency_code(service, region_code)


def catalog_agency_code(service: ServiceDefinition, region_code: str | None) -> str | None:
    """What the catalog shows as offering ``service`` in a region, before anyone has answered its form.

    The service's ``agency_for`` is asked with no answers; a rule that needs answers
    (and fails without them) leaves the default rule to speak.
    """
    try:
        return agency_code_for(service, region_code, {})
    except (LookupError, TypeError, ValueError):
        return default_agency_code(service, region_code)


def agency_matches(service: ServiceDefinition, agency_code: str) -> bool:
    """Whether ``agency_code`` offers ``service`` (itself, or one agency of the pattern)."""
    if not per_region(service):
        return service.agency_code == agency_code
    head, _, tail = service.agency_code.partition(REGENCY)
    if not (agency_code.startswith(head) and agency_code.endswith(tail)):
        return False
    middle = agency_code[len(head) : len(agency_code) - len(tail) if tail else None]
    return len(middle) == 4 and middle.isascii() and middle.isdigit()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def matches_search(service: ServiceDefinition, search: str) -> bool:
    """Every word of ``search`` appears in the code, a name, a description or a keyword (any case, any accent)."""
    haystack = _fold(
        " ".join(
            (
                service.code,
                service.name_id,
                service.name_en,
                service.description_id,
                service.description_en,
                service.product_id,
                service.product_en,
                *service.keywords,
            )
        )
    )
    return all(word in haystack for word in _fold(search).split())


def find_services(
    registry: ServiceRegistry,
    *,
    agency_code: str | None = None,
    family: str | None = None,
    search: str | None = None,
    channel: Channel | None = None,
) -> list[ServiceDefinition]:
    """The services that pass every filter given, ordered by code."""
    found: Iterable[ServiceDefinition] = registry.all()
    if agency_code:
        found = [s for s in found if agency_matches(s, agency_code.strip())]
    if family:
        found = [s for s in found if registry.owner(s.code) == family.strip()]
    if search and search.strip():
        found = [s for s in found if matches_search(s, search)]
    if channel is not None:
        found = [s for s in found if channel in s.channels]
    return list(found)
