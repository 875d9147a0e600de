"""What the pengaduan tests share: GraphQL documents, demo people, helpers to file and move complaints."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from core.runtime import Runtime
from core.testkit.client import GraphQLClient
from plugins.pengaduan import models as m
from plugins.pengaduan.seed import seed_people
from schema import decode_global_id

PLUGINS = ["akun", "wilayah", "pengaduan"]
MARK = pytest.mark.cettar(plugins=PLUGINS)

#: The smallest files `filetype` recognises (content decides, not the name).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48

PACITAN_DESA = "35.01.01.2001"  # Desa Widoro, Kec. Donorojo, Kabupaten Pacitan
MADIUN_KELURAHAN = "35.77.02.1002"  # Kel. Sogaten, Kota Madiun
SURABAYA_KELURAHAN = "35.78.01.1001"  # Kel. Karang Pilang, Kota Surabaya

COMPLAINT_FIELDS = """
  id trackingNumber kind title text status channel anonymous confidential moderation supportCount
  regionCode regionName latitude longitude serviceCode isOpen isPublic overdue isMine reporterName
  supportedByMe dueOn escalationLevel reopenCount rating ratingComment createdAt verifiedAt disposedAt
  followedUpAt firstAnsweredAt resolvedAt closedAt
  category { code name }
  agency { code name }
  requestedAgency { code }
  unitAgency { code }
  attachments { filename contentType size sha256 }
  steps { action fromStatus toStatus actorKind actorName reason escalationLevel actorAgency { code } agency { code } }
  dispositions { seq reason agency { code } fromAgency { code } }
"""

FILE = f"""
mutation File($input: FileComplaintInput!) {{
  fileComplaint(input: $input) {{ complaint {{ {COMPLAINT_FIELDS} }} }}
}}"""

NODE = f"""
query Node($id: ID!) {{ node(id: $id) {{ ... on Complaint {{ {COMPLAINT_FIELDS} }} }} }}"""

LIST = f"""
query List($filter: ComplaintFilter, $first: Int) {{
  complaints(filter: $filter, first: $first) {{ totalCount nodes {{ {COMPLAINT_FIELDS} }} }}
}}"""

MINE = """
query Mine { myComplaints { totalCount nodes { id trackingNumber anonymous isMine } } }
"""

MESSAGES = """
query Messages($id: ID!) {
  node(id: $id) { ... on Complaint {
    messages { totalCount nodes { id authorKind authorName isMine text authorAgency { code } attachments { filename } } }
  } }
}"""


def mutation(name: str, input_type: str, extra: str = "") -> str:
    return f"""
mutation Step($input: {input_type}!) {{
  {name}(input: $input) {{ complaint {{ {COMPLAINT_FIELDS} }} {extra} }}
}}"""


VERIFY = mutation("verifyComplaint", "VerifyComplaintInput")
HOLD = mutation("holdComplaint", "HoldComplaintInput")
NOT_OURS = mutation("markComplaintNotOurAuthority", "MarkComplaintNotOurAuthorityInput")
ARCHIVE = mutation("archiveComplaint", "ArchiveComplaintInput")
SUPPLEMENT = mutation("supplementComplaint", "SupplementComplaintInput")
FORWARD = mutation("forwardComplaint", "ForwardComplaintInput")
FOLLOW_UP = mutation("followUpComplaint", "FollowUpComplaintInput")
MESSAGE = mutation("postComplaintMessage", "PostComplaintMessageInput", "message { id authorKind isMine text }")
RESOLVE = mutation("resolveComplaint", "ResolveComplaintInput")
REOPEN = mutation("reopenComplaint", "ReopenComplaintInput")
CLOSE = mutation("closeComplaint", "CloseComplaintInput")
SUPPORT = mutation("supportComplaint", "SupportComplaintInput")
REPORT = mutation("reportComplaint", "ReportComplaintInput")
RESTORE = mutation("restoreComplaint", "RestoreComplaintInput")
REMOVE = mutation("removeComplaint", "RemoveComplaintInput")


def complaint_input(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "Jalan desa berlubang di depan balai desa",
        "text": "Jalan di depan balai desa berlubang besar sejak sebulan dan sudah membuat dua pengendara jatuh.",
        "category": "infrastruktur",
        "regionCode": PACITAN_DESA,
    }
    base.update(overrides)
    return base


async def file(client: GraphQLClient, **overrides: Any) -> dict[str, Any]:
    data = await client.execute(FILE, {"input": complaint_input(**overrides)})
    complaint: dict[str, Any] = data["fileComplaint"]["complaint"]
    return complaint


async def step(client: GraphQLClient, document: str, **input: Any) -> dict[str, Any]:
    data = await client.execute(document, {"input": input})
    (payload,) = data.values()
    result: dict[str, Any] = payload
    return result


def row_id(global_id: str) -> int:
    return int(decode_global_id(global_id)[1])


async def add_demo_people(runtime: Runtime) -> dict[str, int]:
    """The demo complaint-unit admins, officers and citizens (and their grants) in the test database."""
    async with runtime.database.session() as session:
        return await seed_people(session)


async def counts(runtime: Runtime) -> dict[str, int]:
    """How many rows each pengaduan table holds (to show that a refused input wrote nothing)."""
    tables = (
        m.Complaint,
        m.ComplaintStep,
        m.ComplaintMessage,
        m.ComplaintAttachment,
        m.ComplaintDisposition,
        m.ComplaintSupport,
        m.ComplaintFlag,
    )
    async with runtime.database.session() as session:
        return {
            t.__tablename__: int((await session.execute(select(func.count()).select_from(t))).scalar_one())  # type: ignore[attr-defined]
            for t in tables
        }


async def wait_until(check: Callable[[], object], what: str, seconds: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)
