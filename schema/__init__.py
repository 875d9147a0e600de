"""The GraphQL layer: builder, Node and connections, errors, context, HTTP view.

Plugins import from here: ``from schema import Connection, Node, Info, permission…``.
"""

from schema.builder import PluginSchemaBuilder, SchemaBuilder
from schema.connection import Connection, Edge, PageInfo, paginate
from schema.context import Context, Info
from schema.node import Node, decode_global_id, encode_global_id

__all__ = [
    "Connection",
    "Context",
    "Edge",
    "Info",
    "Node",
    "PageInfo",
    "PluginSchemaBuilder",
    "SchemaBuilder",
    "decode_global_id",
    "encode_global_id",
    "paginate",
]
