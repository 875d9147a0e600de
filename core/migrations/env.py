"""Alembic environment: always run from code with a connection (see core.migrate)."""

from typing import Any

from alembic import context
from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator

config = context.config
connection = config.attributes["connection"]
prefix: str | None = config.attributes.get("table_prefix")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Autogenerate looks only at the tables of the plugin being revised."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    table_name = getattr(table, "name", name) or ""
    return prefix is None or table_name.startswith(prefix)


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render project column types (StrEnumType, UTCDateTime, SQLModel's AutoString) as plain sa types,
    so a revision never imports project code that may change after it was written."""
    if type_ != "type":
        return False
    if isinstance(obj, TypeDecorator):
        obj = obj.impl_instance
    if isinstance(obj, String):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    if isinstance(obj, DateTime):
        return f"sa.DateTime(timezone={obj.timezone})"
    return False


context.configure(
    connection=connection,
    target_metadata=config.attributes.get("target_metadata"),
    include_object=include_object,
    render_item=render_item,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
