"""The GeoReport v2 endpoints under ``/open311/v2/`` and the service discovery file.

| method | path | what |
|---|---|---|
| GET | ``/open311/discovery.{format}`` | service discovery |
| GET | ``/open311/v2/services.{format}`` | service list |
| GET | ``/open311/v2/services/{service_code}.{format}`` | service definition |
| POST | ``/open311/v2/requests.{format}`` | file a service request (``api_key`` required) |
| GET | ``/open311/v2/requests.{format}`` | service requests, filtered |
| GET | ``/open311/v2/requests/{service_request_id}.{format}`` | one service request |
| GET | ``/open311/v2/tokens/{token}.{format}`` | the service_request_id of a token |

``{format}`` is ``json`` or ``xml``. Every error is the specification's list of
``{code, description}`` with the HTTP status (descriptions in Bahasa Indonesia or
English by ``Accept-Language``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from core.audit.chain import Actor, set_actor
from core.db import utcnow
from core.errors import pick_language
from core.runtime import Runtime
from plugins.pengaduan.open311 import catalog, keys, params, service
from plugins.pengaduan.open311.models import ResponseMode
from plugins.pengaduan.open311.wire import (
    JSON,
    Open311Error,
    Problem,
    bad_request,
    not_found,
    render,
    render_error,
    response_format,
)

log = logging.getLogger("cettar.open311")

PREFIX = "/open311"
BASE = f"{PREFIX}/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
#: When this endpoint's behaviour last changed (the discovery file's ``changeset``).
CHANGESET = "2026-11-29T00:00:00Z"
CONTACT = "Diskominfo Provinsi Jawa Timur — layanan integrasi pengaduan (SP4N-LAPOR!)"
KEY_SERVICE = (
    "API key diterbitkan per integrator oleh admin Pemerintah Provinsi Jawa Timur (Diskominfo). "
    "API keys are issued per integrator by the Jawa Timur provincial administration (Diskominfo)."
)
MAX_FORM_FIELDS = 200
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
#: Resources that exist, to tell a missing format (400) from a missing resource (404).
RESOURCES = ("services", "requests", "tokens", "discovery")

Handler = Callable[[Request, Runtime, str], Awaitable[Response]]


def _language(request: Request) -> str:
    return pick_language(request.headers.get("accept-language"))


def _endpoint(runtime: Runtime, handler: Handler, methods: tuple[str, ...]) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler: format from the suffix, method check, and every refusal as an errors list."""

    async def endpoint(request: Request) -> Response:
        fmt = JSON
        try:
            fmt = response_format(request.path_params["format"])
            if request.method not in methods and not (request.method == "HEAD" and "GET" in methods):
                raise Open311Error(
                    Problem(
                        405,
                        f"Metode {request.method} tidak didukung di sini; gunakan {', '.join(methods)}.",
                        f"The method {request.method} is not supported here; use {', '.join(methods)}.",
                    ),
                    headers={"Allow": ", ".join(methods)},
                )
            return await handler(request, runtime, fmt)
        except Open311Error as error:
            return render_error(fmt, error, _language(request))
        except Exception:
            request_id = request.scope.get("state", {}).get("request_id", "-")
            log.exception("open311: %s %s failed", request.method, request.url.path)
            general = bad_request(
                f"Kesalahan layanan umum; laporkan kode permintaan {request_id} kepada kami.",
                f"General service error; please tell us the request id {request_id}.",
            )
            return render_error(fmt, general, _language(request))

    return endpoint


async def _discovery(request: Request, runtime: Runtime, fmt: str) -> Response:
    base = str(request.base_url).rstrip("/")
    body = {
        "changeset": CHANGESET,
        "contact": CONTACT,
        "key_service": KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": f"{base}{BASE}",
                "changeset": CHANGESET,
                "type": "production" if runtime.settings.is_production else "test",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return render(fmt, "discovery", body)


async def _services(request: Request, runtime: Runtime, fmt: str) -> Response:
    values = dict(request.query_params)
    service.check_jurisdiction(values)
    async with runtime.database.session() as session:
        key = await service.optional_key(session, values)
    mode = key.response_mode if key is not None else ResponseMode.REALTIME
    return render(fmt, "services", catalog.service_list(_language(request), mode))


async def _service_definition(request: Request, runtime: Runtime, fmt: str) -> Response:
    service.check_jurisdiction(dict(request.query_params))
    body = catalog.service_definition(
        catalog.Catalog(runtime.services), request.path_params["service_code"], _language(request)
    )
    return render(fmt, "service_definition", body)


async def _form(request: Request) -> list[tuple[str, str]]:
    """The fields of an ``application/x-www-form-urlencoded`` UTF-8 body (the query string's too)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise bad_request(
            "Kirim formulir dengan Content-Type: application/x-www-form-urlencoded; charset=utf-8.",
            "Send the form with Content-Type: application/x-www-form-urlencoded; charset=utf-8.",
        )
    try:
        text = (await request.body()).decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS, errors="strict")
    except UnicodeDecodeError:
        raise bad_request("Formulir harus berenkode UTF-8.", "The form must be encoded in UTF-8.") from None
    except ValueError:
        raise bad_request(
            f"Formulir paling banyak {MAX_FORM_FIELDS} isian.", f"The form has at most {MAX_FORM_FIELDS} fields."
        ) from None
    return [*pairs, *request.query_params.multi_items()]


async def _post_request(request: Request, runtime: Runtime, fmt: str) -> Response:
    pairs = await _form(request)
    form: dict[str, str] = {}
    for name, value in pairs:
        form.setdefault(name, value)  # the body before the query string; the first of repeated fields
    language = _language(request)
    async with runtime.database.session() as session:
        service.check_jurisdiction(form)
        key = await keys.authenticate(session, params.optional(form, "api_key"))
        await keys.check_rate(session, key, utcnow())
        request_id = request.scope.get("state", {}).get("request_id")
        set_actor(session, Actor(role="integrator", username=f"open311:{key.id}", request_id=request_id))
        submission = service.read_submission(catalog.Catalog(runtime.services), form, pairs)
        answer = await service.submit(session, runtime, key, submission, language)
    return render(fmt, "service_requests", [answer])


async def _requests(request: Request, runtime: Runtime, fmt: str) -> Response:
    if request.method == "POST":
        return await _post_request(request, runtime, fmt)
    values = dict(request.query_params)
    async with runtime.database.session() as session:
        query = service.read_query(values, utcnow())
        key = await service.optional_key(session, values)
        found = await service.list_requests(session, query, key, _language(request))
    return render(fmt, "service_requests", found)


async def _one_request(request: Request, runtime: Runtime, fmt: str) -> Response:
    values = dict(request.query_params)
    service.check_jurisdiction(values)
    async with runtime.database.session() as session:
        key = await service.optional_key(session, values)
        found = await service.get_request(session, request.path_params["service_request_id"], key, _language(request))
    return render(fmt, "service_requests", found)


async def _token(request: Request, runtime: Runtime, fmt: str) -> Response:
    service.check_jurisdiction(dict(request.query_params))
    async with runtime.database.session() as session:
        found = await service.resolve_token(session, request.path_params["token"])
    return render(fmt, "service_requests", found)


async def _unknown(request: Request) -> Response:
    """Anything else under /open311: a known resource without a format is 400, the rest 404."""
    rest = request.url.path.removeprefix(PREFIX).removeprefix("/v2").strip("/")
    first = rest.split("/")[0]
    if first in RESOURCES and "." not in rest.rsplit("/", 1)[-1]:
        error = bad_request(
            "Sebutkan formatnya: akhiri alamat dengan .json atau .xml.",
            "Name the format: end the URL with .json or .xml.",
        )
    else:
        error = not_found(f"Tidak ada sumber daya {request.url.path}.", f"There is no resource {request.url.path}.")
    return render_error(JSON, error, _language(request))


def build_routes(runtime: Runtime) -> list[BaseRoute]:
    def route(path: str, handler: Handler, *methods: str) -> Route:
        return Route(path, _endpoint(runtime, handler, methods), methods=ALL_METHODS)

    return [
        route(f"{PREFIX}/discovery.{{format}}", _discovery, "GET"),
        route(f"{BASE}/services.{{format}}", _services, "GET"),
        route(f"{BASE}/services/{{service_code}}.{{format}}", _service_definition, "GET"),
        route(f"{BASE}/requests.{{format}}", _requests, "GET", "POST"),
        route(f"{BASE}/requests/{{service_request_id}}.{{format}}", _one_request, "GET"),
        route(f"{BASE}/tokens/{{token}}.{{format}}", _token, "GET"),
        Route(f"{PREFIX}/{{rest:path}}", _unknown, methods=ALL_METHODS),
    ]
