"""File uploads in GraphQL: the ``Upload`` scalar of the GraphQL multipart request spec.

A mutation argument typed ``Upload`` (or ``list[Upload]``) receives the file the
client sent as a part of a ``multipart/form-data`` request
(https://github.com/jaydenseric/graphql-multipart-request-spec). Check and keep it
with :mod:`core.storage`; never trust its name or declared type.
"""

from __future__ import annotations

from strawberry.file_uploads import Upload

__all__ = ["Upload"]
