"""GraphQL types of Open311 key management (province admin only)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.identity.models import Account as AccountRow
from plugins.pengaduan.open311.models import Open311Key as KeyRow
from plugins.pengaduan.open311.models import ResponseMode
from schema import Info, Node, row_loader

Open311ResponseMode = strawberry.enum(
    ResponseMode,
    name="Open311ResponseMode",
    description="How `POST requests` answers an integrator: the service_request_id at once (REALTIME) or a token "
    "to exchange at `tokens/{token}` (BATCH); `services` shows it as each service's `type`.",
)


@strawberry.type(
    description="An integrator's API key for the Open311 GeoReport v2 API (`/open311/v2/`). Only its SHA-256 is "
    "stored: the key itself was shown once, when it was issued."
)
class Open311Key(Node):
    integrator: str = strawberry.field(description="Who integrates: an organisation and its application.")
    contact: str = strawberry.field(description="Whom to call about the integration (name, e-mail or phone).")
    prefix: str = strawberry.field(description="The key's first characters (`o311_` and 8 more), to recognise it.")
    response_mode: Open311ResponseMode = strawberry.field(  # type: ignore[valid-type]
        description="How `POST requests` answers this integrator."
    )
    created_at: datetime = strawberry.field(description="When it was issued.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked; null while it works.")
    last_used_at: datetime | None = strawberry.field(description="When a service request was last filed with it.")
    requests_filed: int = strawberry.field(description="How many service requests were filed with it.")
    audit_username: str = strawberry.field(
        description="The name its requests carry in the audit trail: `auditTrail(filter: {username: …})` lists them."
    )
    row_id: strawberry.Private[int]
    created_by_account_id: strawberry.Private[int | None]

    def node_key(self) -> str:
        return str(self.row_id)

    @strawberry.field(description="Whether it is accepted (not revoked).")
    def active(self) -> bool:
        return self.revoked_at is None

    @strawberry.field(description="The username of the admin who issued it.")
    async def issued_by(self, info: Info) -> str | None:
        if self.created_by_account_id is None:
            return None
        account = await row_loader(info, AccountRow).load(self.created_by_account_id)
        return account.username if account else None

    @classmethod
    def from_row(cls, row: KeyRow) -> Open311Key:
        assert row.id is not None, "a key row must be flushed before it is shown"
        return cls(
            integrator=row.integrator,
            contact=row.contact,
            prefix=row.prefix,
            response_mode=row.response_mode,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
            last_used_at=row.last_used_at,
            requests_filed=row.requests_filed,
            audit_username=f"open311:{row.id}",
            row_id=row.id,
            created_by_account_id=row.created_by_account_id,
        )


@strawberry.input(description="A new API key for an integrator.")
class IssueOpen311KeyInput:
    integrator: str = strawberry.field(description="Who integrates, 2 to 120 characters, e.g. `Aplikasi Suroboyo`.")
    contact: str = strawberry.field(description="Whom to call about the integration, 3 to 200 characters.")
    response_mode: Open311ResponseMode = strawberry.field(  # type: ignore[valid-type]
        default=ResponseMode.REALTIME, description="How `POST requests` answers: REALTIME (default) or BATCH."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Retrying with the same key returns the same key record with a fresh secret "
        "(the first answer was lost; its secret stops working).",
    )


@strawberry.type(description="The issued key: give `apiKey` to the integrator; it is never shown again.")
class IssueOpen311KeyPayload:
    key: Open311Key = strawberry.field(description="The key record.")
    api_key: str = strawberry.field(
        description="The secret the integrator sends as `api_key`. Shown once; only its hash is stored."
    )


@strawberry.input(description="Which key to revoke.")
class RevokeOpen311KeyInput:
    key_id: strawberry.ID = strawberry.field(description="An `Open311Key` ID.")


@strawberry.type(description="The revoked key: `POST requests` refuses it from now on (403).")
class RevokeOpen311KeyPayload:
    key: Open311Key = strawberry.field(description="The key, with `revokedAt` set.")
