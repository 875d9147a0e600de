"""Configuration from the environment (``CETTAR_`` prefix) and ``.env``."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class ConfigError(Exception):
    """A setting has a bad value; the message is one line naming it."""


def _csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def normalise_database_url(url: str) -> str:
    """Pick the async driver for a database URL (``postgresql://`` → asyncpg)."""
    if url.startswith("sqlite:///") or url == "sqlite://":
        return "sqlite+aiosqlite" + url[len("sqlite") :]
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


class Settings(BaseSettings):
    """Every setting of the platform. Plugins add their own settings models."""

    model_config = SettingsConfigDict(env_prefix="CETTAR_", env_file=".env", extra="ignore", frozen=True)

    env: Environment = Environment.DEVELOPMENT
    database_url: str = "sqlite+aiosqlite:///./cettar.db"
    redis_url: str | None = None
    plugins: Annotated[list[str] | None, NoDecode] = None
    disable_plugins: Annotated[list[str], NoDecode] = []
    #: Web origins (``https://layanan.jatimprov.go.id``) whose pages may call the API from a browser (CORS).
    cors_origins: Annotated[list[str], NoDecode] = []
    load_entry_points: bool = True
    graphiql: bool | None = None
    introspection: bool | None = None
    demo_data: bool | None = None
    max_page_size: int = 100
    default_page_size: int = 20
    event_poll_interval: float = 1.0
    log_level: str = "INFO"
    session_ttl_hours: int = 168
    password_reset_ttl_minutes: int = 30
    activation_ttl_hours: int = 72
    login_window_seconds: int = 900
    login_slowdown_after: int = 3
    login_lockout_after: int = 5
    login_address_lockout_after: int = 30
    login_delay_seconds: float = 0.5
    federation: bool = False  # serve /graphql as an Apollo Federation 2 subgraph (docs/federation.md)
    #: In a subgraph: the plugins every instance of the federation runs; what they define is @shareable.
    federation_shared: Annotated[list[str], NoDecode] = ["akun", "wilayah", "inovasi"]
    log_format: LogFormat | None = None
    metrics: bool | None = None
    metrics_token: SecretStr | None = None
    metrics_max_operations: int = 100
    otel_endpoint: str | None = None
    apq_cache_size: int = 1000
    #: Where attachments are kept on local disk (core.storage.LocalDiskStorage); relative to the working directory.
    storage_dir: Path = Path("var/files")
    #: Largest attachment accepted, in MiB (each file; the whole request body is capped by max_body_mib).
    max_attachment_mib: float = 5.0
    apq_ttl_seconds: int = 86400
    # Query limits (schema.limits, docs/limits.md): each refusal is a typed error that changes nothing.
    #: Deepest nesting of fields in an operation (fragments expanded; introspection excluded).
    max_query_depth: int = 15
    #: Aliases in an operation (fragments expanded).
    max_aliases: int = 30
    #: Lexical tokens in a document (and, separately, comments): graphql-core stops parsing beyond.
    max_tokens: int = 5000
    #: Directives used in an operation (fragments expanded).
    max_directives: int = 50
    #: Estimated cost of an operation: the objects it may fetch (lists counted by their page sizes).
    max_query_cost: int = 50000
    #: Largest request body, in MiB (JSON or a multipart request with its files).
    max_body_mib: float = 10.0
    #: Seconds an operation may execute before it is stopped (and a mutation rolled back).
    query_timeout_seconds: float = 30.0
    #: Accept a JSON array of operations in one POST (each runs as its own operation).
    batching: bool = False
    #: Operations in one batch, when batching is on.
    max_batch_operations: int = 10

    @field_validator("plugins", "disable_plugins", "cors_origins", "federation_shared", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return _csv(value)

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        for origin in value:
            scheme, _, rest = origin.partition("://")
            if scheme not in ("http", "https") or not rest or "/" in rest or origin == "*":
                raise ValueError(f"{origin!r} is not an origin such as https://layanan.example.go.id")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        url = normalise_database_url(value.strip())
        if not (url.startswith("sqlite+aiosqlite://") or url.startswith("postgresql+asyncpg://")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return url

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis:// URL")
        return value or None

    @field_validator(
        "max_page_size",
        "default_page_size",
        "session_ttl_hours",
        "password_reset_ttl_minutes",
        "activation_ttl_hours",
        "login_window_seconds",
        "login_lockout_after",
        "login_address_lockout_after",
        "metrics_max_operations",
        "apq_cache_size",
        "apq_ttl_seconds",
        "max_query_depth",
        "max_aliases",
        "max_tokens",
        "max_directives",
        "max_query_cost",
        "max_batch_operations",
    )
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1")
        return value

    @field_validator("max_body_mib", "query_timeout_seconds")
    @classmethod
    def _positive_number(cls, value: float) -> float:
        if not value > 0:
            raise ValueError("must be more than 0")
        return value

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and 0 < len(value.get_secret_value()) < 16:
            raise ValueError("must be at least 16 characters")
        return value if value is not None and value.get_secret_value() else None

    @field_validator("otel_endpoint")
    @classmethod
    def _otel_endpoint(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL (the collector's OTLP/HTTP receiver)")
        return value or None

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @cached_property
    def graphiql_enabled(self) -> bool:
        return (not self.is_production) if self.graphiql is None else self.graphiql

    @cached_property
    def introspection_enabled(self) -> bool:
        return (not self.is_production) if self.introspection is None else self.introspection

    @cached_property
    def demo_data_allowed(self) -> bool:
        return (not self.is_production) if self.demo_data is None else self.demo_data

    @cached_property
    def log_format_chosen(self) -> LogFormat:
        """JSON lines in production, text in development, unless ``CETTAR_LOG_FORMAT`` says."""
        if self.log_format is not None:
            return self.log_format
        return LogFormat.JSON if self.is_production else LogFormat.TEXT

    @cached_property
    def metrics_enabled(self) -> bool:
        """``/metrics``: on in development; in production only with a token (or ``CETTAR_METRICS=true``)."""
        if self.metrics is not None:
            return self.metrics
        return not self.is_production or self.metrics_token is not None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def describe_validation_error(exc: ValidationError, prefix: str = "CETTAR_") -> str:
    """One line naming the first bad setting, e.g. ``CETTAR_ENV: input should be …``."""
    first = exc.errors()[0]
    name = prefix + "_".join(str(part) for part in first["loc"]).upper()
    message = first["msg"].removeprefix("Value error, ")
    got = "a hidden value" if name.endswith("_TOKEN") else repr(first.get("input"))
    return f"{name}: {message} (got {got})"


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a bad value raises :class:`ConfigError` with one line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc)) from None
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
