"""GAYATRI's closed sets and fixed rules: case types and who handles them, the case workflow.

Plain Python, no database and no GraphQL: the tables, the services and the GraphQL
enums are all built on these.
"""

from __future__ import annotations

from enum import StrEnum

#: Kota Mojokerto (Kemendagri code); only its kelurahan take part.
REGION_CODE = "35.76"
KELURAHAN_PREFIX = f"{REGION_CODE}."
#: Dinas Kesehatan Kota Mojokerto: children's records, health cases, and the cadres.
HEALTH_AGENCY = "dinkes-3576"
#: Dinas Sosial Kota Mojokerto (brought by this plugin through ``cettar_agencies``): social aid cases.
SOCIAL_AGENCY = "dinsos-3576"
#: The unit the 2020 award names as GAYATRI's owner ("GAYATRI Humas Pemerintah Kota Mojokerto").
OWNER_AGENCY = "humas-3576"


class CaseType(StrEnum):
    """What a cadre reports."""

    HEALTH_EMERGENCY = "health_emergency"
    STUNTING = "stunting"
    IMMUNISATION = "immunisation"
    TUBERCULOSIS = "tuberculosis"
    SOCIAL_AID = "social_aid"


#: The agency responsible for each case type (where ``routeCase`` sends it by default).
ROUTING: dict[CaseType, str] = {
    CaseType.HEALTH_EMERGENCY: HEALTH_AGENCY,
    CaseType.STUNTING: HEALTH_AGENCY,
    CaseType.IMMUNISATION: HEALTH_AGENCY,
    CaseType.TUBERCULOSIS: HEALTH_AGENCY,
    CaseType.SOCIAL_AID: SOCIAL_AGENCY,
}
#: Every agency a case may be routed to.
CASE_AGENCIES: tuple[str, ...] = (HEALTH_AGENCY, SOCIAL_AGENCY)


class CaseStatus(StrEnum):
    REPORTED = "reported"
    TRIAGED = "triaged"
    ROUTED = "routed"
    IN_FOLLOW_UP = "in_follow_up"
    RESOLVED = "resolved"


class CasePriority(StrEnum):
    EMERGENCY = "emergency"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class CaseStep(StrEnum):
    """An entry of a case's timeline."""

    REPORTED = "reported"
    TRIAGED = "triaged"
    ROUTED = "routed"
    FOLLOW_UP = "follow_up"
    RESOLVED = "resolved"


#: step → (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[CaseStep, tuple[frozenset[CaseStatus], CaseStatus]] = {
    CaseStep.TRIAGED: (frozenset({CaseStatus.REPORTED}), CaseStatus.TRIAGED),
    CaseStep.ROUTED: (frozenset({CaseStatus.TRIAGED}), CaseStatus.ROUTED),
    CaseStep.FOLLOW_UP: (frozenset({CaseStatus.ROUTED, CaseStatus.IN_FOLLOW_UP}), CaseStatus.IN_FOLLOW_UP),
    CaseStep.RESOLVED: (frozenset({CaseStatus.IN_FOLLOW_UP}), CaseStatus.RESOLVED),
}

#: Status names in both languages, for notifications.
STATUS_LABELS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.REPORTED: ("dilaporkan", "reported"),
    CaseStatus.TRIAGED: ("ditriase", "triaged"),
    CaseStatus.ROUTED: ("diteruskan ke instansi penanggung jawab", "routed to the responsible agency"),
    CaseStatus.IN_FOLLOW_UP: ("dalam tindak lanjut", "in follow-up"),
    CaseStatus.RESOLVED: ("selesai", "resolved"),
}


class ChildSex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Position(StrEnum):
    """How a child was measured: lying down (recumbent length) or standing (height)."""

    LYING = "lying"
    STANDING = "standing"


class HeightForAge(StrEnum):
    """The four height-for-age (TB/U) categories of Permenkes 2/2020; the first two are stunting."""

    SEVERELY_STUNTED = "severely_stunted"  # sangat pendek: z < -3
    STUNTED = "stunted"  # pendek: -3 <= z < -2
    NORMAL = "normal"  # -2 <= z <= +3
    TALL = "tall"  # tinggi: z > +3


STUNTING = frozenset({HeightForAge.SEVERELY_STUNTED, HeightForAge.STUNTED})


def is_mojokerto_kelurahan_code(code: str) -> bool:
    """Shape only: ``35.76.NN.NNNN``. Existence is checked against ``core_region``."""
    parts = code.split(".")
    return (
        code.startswith(KELURAHAN_PREFIX)
        and len(parts) == 4
        and all(p.isascii() and p.isdigit() for p in parts)
        and (len(parts[2]), len(parts[3])) == (2, 4)
    )
