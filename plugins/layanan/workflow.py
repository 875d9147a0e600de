"""The life of an application: its statuses, and who may move it from one to the next.

    submitted ─► verified ─► in_process ─► ready ─► picked_up        (pickup)
        │  ▲         │            │          └───► delivered        (home delivery)
        │  │         ▼            ▼
        │  └── needs_revision ◄───┘   (back to the citizen with a reason; they resubmit)
        ├────► rejected (with a reason, from submitted, verified or in_process)
        └────► cancelled (by the citizen, before verification or while the application is back with them)

Plain data, no database and no GraphQL: the service layer asks :func:`transition_for`
and records what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    IN_PROCESS = "in_process"
    READY = "ready"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"
    NEEDS_REVISION = "needs_revision"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Actor(StrEnum):
    """Who may make a transition."""

    APPLICANT = "applicant"
    STAFF = "staff"  # an officer or agency admin of the processing agency holding ``layanan.process``


class TimelineKind(StrEnum):
    STATUS_CHANGED = "status_changed"
    CLAIMED = "claimed"
    NOTE = "note"  # internal: staff of the processing agency only
    DELIVERY_UPDATED = "delivery_updated"


class CourierStatus(StrEnum):
    """Where a home delivery is."""

    PREPARING = "preparing"  # waiting for the product to be handed to a courier
    WITH_COURIER = "with_courier"
    OUT_FOR_DELIVERY = "out_for_delivery"
    FAILED_ATTEMPT = "failed_attempt"  # nobody home, wrong address…: the courier tries again
    DELIVERED = "delivered"


#: The clock runs: the application is with the agency and not finished.
RUNNING = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.VERIFIED, ApplicationStatus.IN_PROCESS})
#: Nothing happens after these.
FINAL = frozenset(
    {
        ApplicationStatus.PICKED_UP,
        ApplicationStatus.DELIVERED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.CANCELLED,
    }
)
#: What an officer's queue shows unless asked otherwise: everything the agency still has to act on.
QUEUE_DEFAULT = (*sorted(RUNNING), ApplicationStatus.READY)


@dataclass(frozen=True)
class Transition:
    source: frozenset[ApplicationStatus]
    target: ApplicationStatus
    actor: Actor
    reason_required: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition(frozenset({ApplicationStatus.SUBMITTED}), ApplicationStatus.VERIFIED, Actor.STAFF),
    Transition(frozenset({ApplicationStatus.VERIFIED}), ApplicationStatus.IN_PROCESS, Actor.STAFF),
    Transition(frozenset({ApplicationStatus.IN_PROCESS}), ApplicationStatus.READY, Actor.STAFF),
    Transition(frozenset({ApplicationStatus.READY}), ApplicationStatus.PICKED_UP, Actor.STAFF),
    Transition(frozenset({ApplicationStatus.READY}), ApplicationStatus.DELIVERED, Actor.STAFF),
    Transition(frozenset({ApplicationStatus.READY}), ApplicationStatus.DELIVERED, Actor.APPLICANT),
    Transition(frozenset(RUNNING), ApplicationStatus.NEEDS_REVISION, Actor.STAFF, reason_required=True),
    Transition(frozenset(RUNNING), ApplicationStatus.REJECTED, Actor.STAFF, reason_required=True),
    Transition(frozenset({ApplicationStatus.NEEDS_REVISION}), ApplicationStatus.SUBMITTED, Actor.APPLICANT),
    Transition(
        frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.NEEDS_REVISION}),
        ApplicationStatus.CANCELLED,
        Actor.APPLICANT,
    ),
)


def transition_for(current: ApplicationStatus, target: ApplicationStatus, actor: Actor) -> Transition | None:
    """The allowed transition from ``current`` to ``target`` by ``actor``, or ``None``."""
    for transition in TRANSITIONS:
        if transition.actor is actor and transition.target is target and current in transition.source:
            return transition
    return None


def targets_from(current: ApplicationStatus, actor: Actor) -> list[ApplicationStatus]:
    """Where ``actor`` may move an application that is ``current`` (in status order)."""
    found = {t.target for t in TRANSITIONS if t.actor is actor and current in t.source}
    return [status for status in ApplicationStatus if status in found]


#: Labels for notifications and the docs, in Bahasa Indonesia and English.
STATUS_LABELS: dict[ApplicationStatus, tuple[str, str]] = {
    ApplicationStatus.SUBMITTED: ("diajukan", "submitted"),
    ApplicationStatus.VERIFIED: ("diverifikasi", "verified"),
    ApplicationStatus.IN_PROCESS: ("sedang diproses", "in process"),
    ApplicationStatus.READY: ("selesai dan siap diserahkan", "ready"),
    ApplicationStatus.PICKED_UP: ("sudah diambil", "picked up"),
    ApplicationStatus.DELIVERED: ("sudah diantar dan diterima", "delivered"),
    ApplicationStatus.NEEDS_REVISION: ("perlu diperbaiki", "returned for revision"),
    ApplicationStatus.REJECTED: ("ditolak", "rejected"),
    ApplicationStatus.CANCELLED: ("dibatalkan", "cancelled"),
}
