"""The GraphQL layer: builder, Node and connections, errors, context, HTTP view.

Plugins import from here: ``from schema import Connection, Node, Info, permission…``.
"""

from schema.builder import PluginSchemaBuilder, SchemaBuilder
from schema.connection import Connection, Edge, PageInfo, paginate
from schema.context import Context, Info
from schema.loaders import group_loader, row_loader
from schema.node import Node, decode_global_id, decode_int_id, encode_global_id, int_key
from schema.permissions import STAFF, HasPermission, HasRole, IsAuthenticated, allow
from schema.scalars import Rupiah
from schema.uploads import Upload

__all__ = [
    "STAFF",
    "Connection",
    "Context",
    "Edge",
    "HasPermission",
    "HasRole",
    "Info",
    "IsAuthenticated",
    "Node",
    "PageInfo",
    "PluginSchemaBuilder",
    "Rupiah",
    "SchemaBuilder",
    "Upload",
    "allow",
    "decode_global_id",
    "decode_int_id",
    "encode_global_id",
    "group_loader",
    "int_key",
    "paginate",
    "row_loader",
]
