"""``GET /pengaduan/attachments/{id}``: a complaint's attached file, for those handling or owning it.

The reporter, the staff of the agencies the complaint is or was disposed to, its
verifiers and the province admin get the bytes (as the type their content showed at
upload, as a download, never cached). The public does not — a public complaint's photos
may show people — and gets 404 exactly as for a file that does not exist; an anonymous
request gets 401. ``id`` is ``ComplaintAttachment.id`` (``ComplaintAttachment.downloadUrl``).
"""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import select
from sqlmodel import col
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from core.auth import ANONYMOUS, SCOPE_KEY, Principal
from core.errors import CettarError, error_body, pick_language
from core.runtime import Runtime
from plugins.pengaduan.models import Complaint, ComplaintAttachment
from plugins.pengaduan.service import visibility
from schema import decode_int_id, encode_global_id

PATH = "/pengaduan/attachments/{attachment_id}"
TYPE = "ComplaintAttachment"


def download_url(attachment_id: int) -> str:
    return PATH.replace("{attachment_id}", encode_global_id(TYPE, str(attachment_id)))


def _refuse(request: Request, code: str, status: int) -> JSONResponse:
    language = pick_language(request.headers.get("accept-language"))
    return JSONResponse(error_body(CettarError(code), language), status_code=status)


def routes(runtime: Runtime) -> list[BaseRoute]:
    async def attachment(request: Request) -> Response:
        principal: Principal = request.scope.get(SCOPE_KEY, ANONYMOUS)
        if not principal.is_authenticated:
            return _refuse(request, "UNAUTHENTICATED", 401)
        try:
            attachment_id = decode_int_id(request.path_params["attachment_id"], TYPE)
        except CettarError:
            return _refuse(request, "NOT_FOUND", 404)
        async with runtime.database.session() as session:
            stmt = (
                select(ComplaintAttachment)
                .join(Complaint, col(Complaint.id) == col(ComplaintAttachment.complaint_id))
                .where(col(ComplaintAttachment.id) == attachment_id)
            )
            condition = await visibility(session, runtime, principal, include_public=False)
            if condition is not None:
                stmt = stmt.where(condition)
            row = (await session.execute(stmt)).scalars().first()
        if row is None:
            return _refuse(request, "NOT_FOUND", 404)
        data = await runtime.storage.get(row.key)
        return Response(
            data,
            media_type=row.content_type,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(row.filename)}",
                "Cache-Control": "private, no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )

    return [Route(PATH, attachment, methods=["GET"])]
