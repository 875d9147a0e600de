"""GraphQL types for accounts, citizens, officers and the audit trail.

Personal data (NIK, NIP, phone, e-mail, birth date) is decided once, when an
object is built for the asking principal: unmasked for its owner and for those
who manage or need it, masked for everyone else.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from core.access import manages, may_see_personal_data
from core.audit.models import AuditRecord as AuditRow
from core.auth import Principal, Role
from core.identity.credentials import open_sessions_query
from core.identity.models import Account as AccountRow
from core.identity.models import Citizen as CitizenRow
from core.identity.models import Officer as OfficerRow
from core.identity.models import Session as SessionRow
from core.identity.models import Training as TrainingRow
from core.identity.permissions import VIEW_PERSONAL_DATA
from core.identity.validators import Sex, mask_email, mask_nik, mask_nip, mask_phone
from core.regions.models import Agency as AgencyRow
from schema import Connection, Info, Node, encode_global_id, group_loader, paginate, row_loader

RoleEnum = strawberry.enum(Role, name="Role", description="What an account may do.")
SexEnum = strawberry.enum(Sex, name="Sex", description="Sex as encoded in a NIK or NIP.")


def reveal_contact(principal: Principal, account: AccountRow, officer_agency: int | None) -> bool:
    if principal.owns(account.id):
        return True
    if officer_agency is not None:
        return manages(principal, agency_id=officer_agency, role=account.role)
    return may_see_personal_data(principal, owner_id=account.id, permission=VIEW_PERSONAL_DATA)


@strawberry.type(description="A citizen's identity, from their NIK. Masked for anyone but its owner.")
class CitizenProfile:
    nik: str = strawberry.field(description="NIK, e.g. `3515**********02` when masked.")
    nik_regency_code: str = strawberry.field(description="Kabupaten/kota where the NIK was first issued, e.g. `35.15`.")
    in_province: bool = strawberry.field(description="False for a NIK issued outside Jawa Timur.")
    birth_date: date | None = strawberry.field(description="Null unless you may see personal data.")
    sex: SexEnum | None = strawberry.field(description="Null unless you may see personal data.")  # type: ignore[valid-type]

    @classmethod
    def build(cls, row: CitizenRow, reveal: bool) -> CitizenProfile:
        return cls(
            nik=row.nik if reveal else mask_nik(row.nik),
            nik_regency_code=row.nik_regency_code,
            in_province=row.in_province,
            birth_date=row.birth_date if reveal else None,
            sex=row.sex if reveal else None,
        )


@strawberry.type(description="A training an officer completed (e.g. Pelatihan Dasar CPNS at BPSDM Jawa Timur).")
class Training:
    name: str
    organizer: str
    cohort: str | None = strawberry.field(description="Angkatan.")
    year: int
    certificate_number: str | None

    @classmethod
    def from_row(cls, row: TrainingRow) -> Training:
        return cls(
            name=row.name,
            organizer=row.organizer,
            cohort=row.cohort,
            year=row.year,
            certificate_number=row.certificate_number,
        )


@strawberry.type(description="A signed-in session (a bearer token) of your account.")
class AccountSession(Node):
    session_id: strawberry.Private[int]
    created_at: datetime = strawberry.field(description="When you signed in.")
    expires_at: datetime
    user_agent: str | None = strawberry.field(description="The app or browser that signed in.")
    address: str | None = strawberry.field(description="The network address it signed in from.")
    current: bool = strawberry.field(description="True for the session of this request.")

    def node_key(self) -> str:
        return str(self.session_id)

    @classmethod
    def from_row(cls, row: SessionRow, current_session_id: int | None) -> AccountSession:
        assert row.id is not None
        return cls(
            session_id=row.id,
            created_at=row.created_at,
            expires_at=row.expires_at,
            user_agent=row.user_agent,
            address=row.address,
            current=row.id == current_session_id,
        )


@strawberry.type(description="Anyone who signs in: a citizen (warga), an officer, an agency or province admin.")
class Account(Node):
    account_id: strawberry.Private[int]
    row: strawberry.Private[AccountRow]
    agency_id: strawberry.Private[int | None]
    reveal: strawberry.Private[bool]
    is_owner: strawberry.Private[bool]
    viewer: strawberry.Private[Principal]
    username: str
    role: RoleEnum  # type: ignore[valid-type]
    name: str
    created_at: datetime
    active: bool

    def node_key(self) -> str:
        return str(self.account_id)

    @classmethod
    def build(cls, row: AccountRow, principal: Principal, agency_id: int | None) -> Account:
        assert row.id is not None
        return cls(
            account_id=row.id,
            row=row,
            agency_id=agency_id,
            reveal=reveal_contact(principal, row, agency_id),
            is_owner=principal.owns(row.id),
            viewer=principal,
            username=row.username,
            role=row.role,
            name=row.name,
            created_at=row.created_at,
            active=row.active,
        )

    @strawberry.field(description="E-mail address; masked unless it is yours or you manage this officer.")
    def email(self) -> str | None:
        value = self.row.email
        return value if value is None or self.reveal else mask_email(value)

    @strawberry.field(description="Phone number in E.164 (+62…); masked unless it is yours or you manage this officer.")
    def phone(self) -> str | None:
        value = self.row.phone
        return value if value is None or self.reveal else mask_phone(value)

    @strawberry.field(description="The citizen's identity (citizens only).")
    async def citizen(self, info: Info) -> CitizenProfile | None:
        if self.row.role is not Role.CITIZEN:
            return None
        row = await row_loader(info, CitizenRow).load(self.account_id)
        if row is None:
            return None
        return CitizenProfile.build(row, self.reveal)

    @strawberry.field(description="The officer profile (officers and admins only).")
    async def officer(self, info: Info) -> Officer | None:
        row = await row_loader(info, OfficerRow).load(self.account_id)
        return None if row is None else Officer.build(row, self.viewer)

    @strawberry.field(description="Your open sessions, newest first (only on your own account; null on others').")
    async def sessions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AccountSession] | None:
        if not self.is_owner:
            return None
        current = self.viewer.session_id
        return await paginate(
            info,
            open_sessions_query(self.account_id),
            [SessionRow.id],
            key_of=lambda row: (row.id,),
            convert=lambda row: AccountSession.from_row(row, current),
            first=first,
            after=after,
            last=last,
            before=before,
            descending=True,
        )

    @strawberry.field(description="Your permissions (only on your own account; null on others').")
    def permissions(self) -> list[str] | None:
        return sorted(self.viewer.permissions) if self.is_owner else None


@strawberry.type(description="A civil servant (ASN, KORPRI member) working in an agency.")
class Officer(Node):
    account_id: strawberry.Private[int]
    row: strawberry.Private[OfficerRow]
    viewer: strawberry.Private[Principal]
    position: str = strawberry.field(description="Jabatan.")
    grade: str = strawberry.field(description="Golongan/ruang, e.g. `III/b`.")
    korpri_member: bool = strawberry.field(description="Member of KORPRI (Korps Pegawai Republik Indonesia).")

    def node_key(self) -> str:
        return str(self.account_id)

    @classmethod
    def build(cls, row: OfficerRow, principal: Principal) -> Officer:
        return cls(
            account_id=row.account_id,
            row=row,
            viewer=principal,
            position=row.position,
            grade=row.grade,
            korpri_member=row.korpri_member,
        )

    async def _account(self, info: Info) -> AccountRow:
        row = await row_loader(info, AccountRow).load(self.account_id)
        assert row is not None
        return row

    @strawberry.field(description="The officer's account.")
    async def account(self, info: Info) -> Account:
        return Account.build(await self._account(info), self.viewer, self.row.agency_id)

    @strawberry.field
    async def name(self, info: Info) -> str:
        return (await self._account(info)).name

    @strawberry.field
    async def role(self, info: Info) -> RoleEnum:  # type: ignore[valid-type]
        return (await self._account(info)).role

    async def _managed(self, info: Info) -> bool:
        """Whether the viewer is this officer or manages them (personal data unmasked)."""
        if self.viewer.owns(self.account_id):
            return True
        account = await self._account(info)
        return manages(self.viewer, agency_id=self.row.agency_id, role=account.role)

    @strawberry.field(description="NIP (18 digits); masked unless it is yours or you manage this officer.")
    async def nip(self, info: Info) -> str:
        return self.row.nip if await self._managed(info) else mask_nip(self.row.nip)

    @strawberry.field(description="KORPRI membership number; only for the officer and those who manage them.")
    async def korpri_number(self, info: Info) -> str | None:
        return self.row.korpri_number if await self._managed(info) else None

    @strawberry.field(description="Global ID of the agency (fetch it with `node(id:)`).")
    async def agency_id(self, info: Info) -> strawberry.ID:
        return strawberry.ID(encode_global_id("Agency", (await self._agency(info)).code))

    @strawberry.field(description="Code of the agency, e.g. `dispendukcapil-3578`.")
    async def agency_code(self, info: Info) -> str:
        return (await self._agency(info)).code

    @strawberry.field(description="Name of the agency.")
    async def agency_name(self, info: Info) -> str:
        return (await self._agency(info)).name

    async def _agency(self, info: Info) -> AgencyRow:
        row = await row_loader(info, AgencyRow).load(self.row.agency_id)
        assert row is not None
        return row

    @strawberry.field(description="Trainings completed, most recent first.")
    async def trainings(self, info: Info) -> list[Training]:
        rows = await group_loader(
            info,
            TrainingRow,
            TrainingRow.officer_id,
            order_by=[TrainingRow.year.desc(), TrainingRow.id],  # type: ignore[attr-defined]
        ).load(self.account_id)
        return [Training.from_row(r) for r in rows]


@strawberry.type(description="One entry of the audit trail: who did what, to which target, when.")
class AuditRecord:
    seq: int = strawberry.field(description="Position in the hash chain, from 1.")
    at: datetime
    username: str | None = strawberry.field(description="Who acted; null for the system.")
    role: str
    agency_id: strawberry.Private[int | None]
    action: str = strawberry.field(description="What was done, e.g. `officer.created`.")
    target_type: str | None
    target_id: str | None
    request_id: str | None = strawberry.field(
        description="The request id (`X-Request-ID`) it was done in; `withheld` for an actor who must stay "
        "unidentifiable (an anonymous complaint's reporter)."
    )
    detail: JSON
    hash: str = strawberry.field(description="SHA-256 of this record, chained to the previous one.")

    @strawberry.field(description="The actor's agency, e.g. `dispendukcapil-3578`; null for citizens and the system.")
    async def agency_code(self, info: Info) -> str | None:
        if self.agency_id is None:
            return None
        agency = await row_loader(info, AgencyRow).load(self.agency_id)
        return agency.code if agency else None

    @classmethod
    def from_row(cls, row: AuditRow) -> AuditRecord:
        return cls(
            seq=row.seq,
            at=row.at,
            username=row.username,
            role=row.role,
            agency_id=row.agency_id,
            action=row.action,
            target_type=row.target_type,
            target_id=row.target_id,
            request_id=row.request_id,
            detail=row.detail,
            hash=row.hash,
        )


@strawberry.type(description="A permission declared by the platform or a plugin.")
class PermissionInfo:
    name: str
    description: str
    plugin: str = strawberry.field(description="Who declared it: `core` or a plugin's name.")
    default_roles: list[RoleEnum]  # type: ignore[valid-type]
