"""Operations: JSON logs with the request id, Prometheus metrics at /metrics, OpenTelemetry traces."""

from __future__ import annotations

import io
import json
import logging
import os
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from core import tracing
from core.app import create_app
from core.cli import prepare_multiprocess
from core.config import LogFormat, load_settings
from core.logs import make_handler, request_id_var, uvicorn_log_config
from core.metrics import route_of
from core.plugins import PluginMeta, hookimpl
from core.redaction import install_redaction
from schema import Info
from schema.metrics import OperationNames
from tests.support.echo import EchoPlugin
from tests.support.live import cettar_serve
from tests.support.waiting import wait_until

NIK = "3578011203850001"
TOKEN = "cettar_q1w2e3r4t5y6u7i8o9p0aSdFgHjKl"
METRICS_TOKEN = "scrape-me-please-0123456789"


@strawberry.field
def bocor(info: Info) -> str:
    raise RuntimeError(f"lookup failed for NIK {NIK} with token {TOKEN} and password=hunter2-hunter2")


class LeakyPlugin:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="ukur", version="1.0", title="Ukur")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.query(bocor)


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the ``cettar`` and ``uvicorn.access`` loggers write as JSON lines during the test."""
    install_redaction()
    stream = io.StringIO()
    handler = make_handler(LogFormat.JSON, stream)
    loggers = [logging.getLogger("cettar"), logging.getLogger("uvicorn.access")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield stream
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a Prometheus exposition: (name, labels) → value."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scraped: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return scraped.get((name, frozenset(labels.items())), 0.0)


# -- logs ------------------------------------------------------------------------------


def test_log_format_is_text_in_development_and_json_in_production():
    assert load_settings().log_format_chosen is LogFormat.TEXT
    assert load_settings(env="production").log_format_chosen is LogFormat.JSON
    assert load_settings(env="production", log_format="text").log_format_chosen is LogFormat.TEXT
    assert load_settings(log_format="json").log_format_chosen is LogFormat.JSON


@pytest.mark.cettar(extra_plugins=[LeakyPlugin])
async def test_json_log_lines_carry_the_request_id_and_plugin_and_no_personal_data(gql, json_lines):
    failed = await gql.query("{ bocor }", headers={"X-Request-ID": "obs-log-1", "X-Debug": NIK})
    assert failed.codes == ["INTERNAL_ERROR"]
    logging.getLogger("cettar.test").info("citizen %s", NIK, extra={"detail": {"nik": NIK, "token": f"Bearer {TOKEN}"}})

    lines = parsed(json_lines)  # every line is one JSON object
    error = next(line for line in lines if line["logger"] == "cettar.graphql")
    assert error["level"] == "ERROR"
    assert error["request_id"] == "obs-log-1"
    assert error["plugin"] == "ukur"
    assert "bocor" in error["message"]
    assert "RuntimeError: lookup failed for NIK [NIK]" in error["exception"]
    stamp = datetime.fromisoformat(error["timestamp"])
    assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60
    outside = lines[-1]
    assert outside["request_id"] is None  # logged outside any request
    assert outside["detail"] == {"nik": "[NIK]", "token": "Bearer [REDACTED]"}
    written = json_lines.getvalue()
    for secret in (NIK, TOKEN, "hunter2-hunter2"):
        assert secret not in written


def test_access_lines_carry_the_request_id_but_not_the_query_string(json_lines):
    token = request_id_var.set("obs-access-1")
    try:  # what uvicorn writes when a response starts, in the request's task
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d', "10.0.0.7:51234", "GET", f"/graphql?query=%7Bx%7D%23{NIK}", "1.1", 200
        )
    finally:
        request_id_var.reset(token)
    (line,) = parsed(json_lines)
    assert line["logger"] == "uvicorn.access"
    assert line["request_id"] == "obs-access-1"
    assert line["message"] == '10.0.0.7:51234 - "GET /graphql?… HTTP/1.1" 200'
    assert (line["http_method"], line["http_path"], line["http_status"]) == ("GET", "/graphql?…", 200)


def test_uvicorn_gets_the_same_format():
    config = uvicorn_log_config(load_settings(env="production"))
    assert config["formatters"]["cettar"]["log_format"] == "json"
    assert config["loggers"]["uvicorn.access"]["handlers"] == ["cettar"]
    assert config["handlers"]["cettar"]["filters"] == ["request"]


# -- metrics ---------------------------------------------------------------------------


async def scrape(http: httpx.AsyncClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = await http.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_metrics_count_operations_errors_and_http_requests(cettar_app):
    async with client(cettar_app.app) as http:
        before = await scrape(http)
        for query in ("query Tenang { calm }", "query Tenang { calm }", "{ calm }", "{ boom }", "{ calm"):
            await http.post("/graphql", json={"query": query})
        await http.post(
            "/graphql", json={"query": 'mutation Gagal { ping(input: {message: "x", fail: true}) { message } }'}
        )
        assert (await http.get("/tidak-ada")).status_code == 404
        after = await scrape(http)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    operations = "cettar_graphql_operations_total"
    assert delta(operations, operation="Tenang", type="query", result="success") == 2
    assert delta(operations, operation="anonymous", type="query", result="success") == 1
    assert delta(operations, operation="anonymous", type="query", result="error") == 1
    assert delta(operations, operation="Gagal", type="mutation", result="error") == 1
    latency = "cettar_graphql_operation_duration_seconds_count"
    assert delta(latency, operation="Tenang", type="query") == 2
    errors = "cettar_graphql_errors_total"
    assert delta(errors, plugin="echo", code="INTERNAL_ERROR") == 1
    assert delta(errors, plugin="echo", code="VALIDATION_FAILED") == 1
    assert delta(errors, plugin="none", code="GRAPHQL_PARSE_FAILED") == 1
    http_requests = "cettar_http_requests_total"
    assert delta(operations, operation="anonymous", type="unknown", result="error") == 1  # did not parse
    assert delta(http_requests, method="POST", route="/graphql", status="200") == 6  # errors too, as application/json
    assert delta(http_requests, method="GET", route="unmatched", status="404") == 1
    assert delta("cettar_http_request_duration_seconds_count", method="POST", route="/graphql") == 6
    assert ("cettar_outbox_backlog", frozenset()) in after


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_open_subscriptions_are_a_gauge(gql):
    def active() -> float:
        return REGISTRY.get_sample_value("cettar_graphql_subscriptions_active") or 0.0

    baseline = active()
    async with gql.subscribe("subscription { pinged { message } }"):
        await wait_until(lambda: active() == baseline + 1, what="one more open subscription")
    await wait_until(lambda: active() == baseline, what="the subscription closed")


def test_operation_names_are_bounded():
    names = OperationNames(limit=2)
    assert [names.label(n) for n in ("A", "B", "C", "A", None, "", "bad name", "B")] == [
        "A",
        "B",
        "other",
        "A",
        "anonymous",
        "anonymous",
        "other",
        "B",
    ]


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_only_documents_that_parse_and_validate_spend_the_operation_name_budget(cettar_app):
    assert cettar_app.runtime.settings.metrics_max_operations == 100
    junk = [
        *({"query": f"query Junk{i} {{ nope }}", "operationName": f"Junk{i}"} for i in range(60)),  # invalid
        *({"query": f"query Junk{i} {{ calm", "operationName": f"Junk{i}"} for i in range(60, 120)),  # unparsable
    ]
    async with client(cettar_app.app) as http:
        before = await scrape(http)
        for body in junk:
            assert (await http.post("/graphql", json=body)).json()["errors"]
        assert (await http.post("/graphql", json={"query": "query Sah { calm }"})).json() == {"data": {"calm": "calm"}}
        after = await scrape(http)

    def delta(**labels: str) -> float:
        name = "cettar_graphql_operations_total"
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta(operation="Sah", type="query", result="success") == 1
    assert not any(dict(labels).get("operation", "").startswith("Junk") for _name, labels in after)
    assert delta(operation="other", type="query", result="error") == 60  # parsed, did not validate
    assert delta(operation="other", type="unknown", result="error") == 60  # did not parse


def test_http_routes_are_labelled_by_template():
    from starlette.routing import Route

    routes = [Route("/graphql", lambda r: None, methods=["POST"]), Route("/berkas/{kode}", lambda r: None)]

    def scope(path: str, method: str = "GET") -> dict[str, Any]:
        return {"type": "http", "path": path, "method": method, "root_path": ""}

    assert route_of(routes, scope("/berkas/123")) == "/berkas/{kode}"
    assert route_of(routes, scope("/graphql", "GET")) == "/graphql"  # 405, still that route
    assert route_of(routes, scope("/wp-login.php")) == "unmatched"


@pytest.mark.cettar(settings={"env": "production"})
async def test_metrics_are_not_served_in_production_without_a_token(cettar_app):
    async with client(cettar_app.app) as http:
        assert (await http.get("/metrics")).status_code == 404


@pytest.mark.cettar(settings={"metrics": False})
async def test_metrics_can_be_turned_off(cettar_app):
    async with client(cettar_app.app) as http:
        assert (await http.get("/metrics")).status_code == 404


@pytest.mark.cettar(settings={"env": "production", "metrics_token": METRICS_TOKEN})
async def test_metrics_token_protects_the_endpoint(cettar_app):
    async with client(cettar_app.app) as http:
        anonymous = await http.get("/metrics")
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer not-the-token-at-all"})
        right = await http.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        posted = await http.post("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert anonymous.status_code == wrong.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    assert METRICS_TOKEN not in anonymous.text
    assert right.status_code == 200  # the scrape token is not taken for a session token
    assert "cettar_http_requests_total" in right.text
    assert posted.status_code == 405


def test_metrics_settings():
    assert load_settings().metrics_enabled
    assert not load_settings(env="production").metrics_enabled
    assert load_settings(env="production", metrics_token=METRICS_TOKEN).metrics_enabled
    assert load_settings(env="production", metrics=True).metrics_enabled
    with pytest.raises(Exception, match="METRICS_TOKEN: must be at least 16 characters \\(got a hidden value\\)"):
        load_settings(metrics_token="pendek")


def test_several_workers_share_a_fresh_multiprocess_directory(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"})
    prepare_multiprocess(1)()
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    cleanup = prepare_multiprocess(4)
    made = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    assert made.is_dir()
    cleanup()
    assert not made.exists()
    (tmp_path / "counter_123.db").write_bytes(b"stale")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    prepare_multiprocess(2)()
    assert tmp_path.is_dir() and not list(tmp_path.glob("*.db"))


def test_serve_with_two_workers_logs_json_and_sums_metrics(tmp_path: Path):
    with cettar_serve(tmp_path, "--workers", "2", env={"CETTAR_LOG_FORMAT": "json"}) as served:
        for number in range(8):
            request = urllib.request.Request(
                f"{served.base}/graphql",
                data=json.dumps({"query": "query Kabupaten { regions(kind: KABUPATEN) { totalCount } }"}).encode(),
                headers={"Content-Type": "application/json", "X-Request-ID": f"obs-serve-{number}"},
            )
            with urllib.request.urlopen(request, timeout=5) as response:
                assert json.loads(response.read()) == {"data": {"regions": {"totalCount": 29}}}
        with urllib.request.urlopen(f"{served.base}/metrics", timeout=5) as response:
            scraped = samples(response.read().decode())
        assert (
            value(scraped, "cettar_graphql_operations_total", operation="Kabupaten", type="query", result="success")
            == 8
        )
    output = served.output
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]  # every line is JSON
    access = [line for line in lines if line["logger"] == "uvicorn.access"]
    assert {line["request_id"] for line in access} >= {f"obs-serve-{n}" for n in range(8)}
    assert any(line["logger"] == "uvicorn.error" and "Started server process" in line["message"] for line in lines)


# -- tracing ---------------------------------------------------------------------------


@pytest.fixture
def spans() -> Any:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield provider, exporter
    provider.shutdown()


async def test_a_request_span_has_a_child_span_for_the_operation_and_the_request_id(cettar_runtime, spans):
    from opentelemetry.trace import SpanKind

    provider, exporter = spans
    cettar_runtime.state[tracing.STATE_KEY] = provider
    app = create_app(cettar_runtime, dispatch_events=False)
    async with app.router.lifespan_context(app), client(app) as http:
        response = await http.post(
            "/graphql",
            json={"query": "query Kabupaten { regions(kind: KABUPATEN) { totalCount } }"},
            headers={"X-Request-ID": "obs-trace-1"},
        )
        assert response.json() == {"data": {"regions": {"totalCount": 29}}}
        finished = exporter.get_finished_spans()
        exporter.clear()
        assert (await http.get("/healthz")).status_code == 200
        assert exporter.get_finished_spans() == ()  # probes are not traced
        await http.get(
            "/graphql", params={"query": f"{{ __typename }} # {NIK}"}, headers={"Accept": "application/json"}
        )
        with_secret = exporter.get_finished_spans()

    (server,) = [s for s in finished if s.parent is None]
    assert server.kind is SpanKind.SERVER
    assert server.attributes["cettar.request_id"] == "obs-trace-1"
    (operation,) = [s for s in finished if s.name == "GraphQL Kabupaten"]
    assert operation.parent is not None and operation.parent.span_id == server.context.span_id
    assert operation.context.trace_id == server.context.trace_id
    assert operation.attributes["cettar.request_id"] == "obs-trace-1"
    assert operation.attributes["graphql.operation.type"] == "query"
    assert any(s.parent and s.parent.span_id == operation.context.span_id for s in finished)  # parse, validate…

    recorded = json.dumps([dict(s.attributes or {}) for s in with_secret])
    assert with_secret and NIK not in recorded  # neither in the URL of a GET nor in the recorded document
    assert "[NIK]" in recorded


async def test_disposing_the_runtime_exports_the_last_spans(monkeypatch):
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from core.runtime import Runtime

    exporter = InMemorySpanExporter()

    def build_provider(_settings: Any) -> TracerProvider:
        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(exporter, schedule_delay_millis=600_000))
        return provider

    monkeypatch.setattr(tracing, "_build_provider", build_provider)
    runtime = Runtime.create(load_settings(otel_endpoint="http://127.0.0.1:4318", load_entry_points=False))
    provider = tracing.tracer_provider(runtime)
    provider.get_tracer("test").start_span("last words").end()
    assert exporter.get_finished_spans() == ()  # still in the batch
    await runtime.dispose()
    assert [span.name for span in exporter.get_finished_spans()] == ["last words"]


def test_tracing_is_off_without_an_endpoint(cettar_runtime, monkeypatch):
    for name in tracing.STANDARD_ENDPOINTS:
        monkeypatch.delenv(name, raising=False)
    assert tracing.tracer_provider(cettar_runtime) is None
    app = create_app(cettar_runtime, dispatch_events=False)
    assert "OpenTelemetryMiddleware" not in [m.cls.__name__ for m in app.user_middleware]  # type: ignore[attr-defined]


def test_an_endpoint_turns_on_the_otlp_exporter(monkeypatch):
    for name in tracing.STANDARD_ENDPOINTS:
        monkeypatch.delenv(name, raising=False)
    assert tracing.traces_url("http://collector:4318/") == "http://collector:4318/v1/traces"
    assert tracing.traces_url("http://collector:4318/v1/traces") == "http://collector:4318/v1/traces"
    settings = load_settings(otel_endpoint="http://127.0.0.1:4318", load_entry_points=False)
    assert tracing.endpoint(settings) == "http://127.0.0.1:4318"
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318")
    assert tracing.endpoint(load_settings(load_entry_points=False)) == "http://otel:4318"
    with pytest.raises(Exception, match="CETTAR_OTEL_ENDPOINT"):
        load_settings(otel_endpoint="collector:4318")

    from core.runtime import Runtime

    runtime = Runtime.create(settings)
    provider = tracing.tracer_provider(runtime)
    try:
        (processor,) = provider._active_span_processor._span_processors
        exporter = processor._batch_processor._exporter
        assert exporter._endpoint == "http://127.0.0.1:4318/v1/traces"
        assert provider.resource.attributes["service.name"] == "cettar"
    finally:
        provider.shutdown()
