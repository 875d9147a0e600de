"""``GET /layanan/attachments/{id}``: an application's attached file, for whoever may see its personal data.

The applicant and the processing agency's staff get the bytes (as the type their
content showed at upload, as a download, never cached); anyone else gets 404 exactly as
for a file that does not exist, and an anonymous request 401. ``id`` is the
``ApplicationAttachment`` global ID (``ApplicationAttachment.downloadUrl``).
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
from plugins.layanan.access import may_see_personal
from plugins.layanan.models import Application, Attachment
from schema import decode_int_id

PATH = "/layanan/attachments/{attachment_id}"


def download_url(attachment_global_id: str) -> str:
    return PATH.replace("{attachment_id}", attachment_global_id)


def _refuse(request: Request, code: str, status: int) -> JSONResponse:
    language = pick_language(request.headers.get("accept-language"))
    return JSONResponse(error_body(CettarError(code), language), status_code=status)


def routes(runtime: Runtime) -> list[BaseRoute]:
    async def attachment(request: Request) -> Response:
        principal: Principal = request.scope.get(SCOPE_KEY, ANONYMOUS)
        if not principal.is_authenticated:
            return _refuse(request, "UNAUTHENTICATED", 401)
        try:
            attachment_id = decode_int_id(request.path_params["attachment_id"], "ApplicationAttachment")
        except CettarError:
            return _refuse(request, "NOT_FOUND", 404)
        async with runtime.database.session() as session:
            found = (
                await session.execute(
                    select(Attachment, Application)
                    .join(Application, col(Application.id) == col(Attachment.application_id))
                    .where(col(Attachment.id) == attachment_id)
                )
            ).first()
        if found is None or not may_see_personal(principal, found[1]):
            return _refuse(request, "NOT_FOUND", 404)
        row = found[0]
        data = await runtime.storage.get(row.storage_key)
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
