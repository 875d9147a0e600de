"""Test kit for CETTAR and its plugins: isolated databases, apps, a GraphQL client.

Installed as the pytest plugin ``cettar`` (entry point ``pytest11``), so a
plugin's own tests get these fixtures just by installing ``cettar``:

- ``gql``: a :class:`GraphQLClient` on an app with a fresh, migrated database
  holding the reference data; ``gql.as_role(Role.CITIZEN)`` acts as someone.
- ``cettar_app``: that app (``.runtime``, ``.dispatch()`` for events).
- ``cettar_settings``, ``cettar_runtime``, ``cettar_database``.

Helpers: :func:`count_statements` counts the SQL statements a block runs (no N+1);
:func:`meet_before` holds concurrent requests until all have read, so they race for real.

Choose plugins with ``@pytest.mark.cettar(plugins=[...], disable=[...])``.
Databases: ``pytest --cettar-db=sqlite,postgresql`` (or ``CETTAR_TEST_DATABASES``);
each test using a database runs once per backend.
"""

from core.testkit.client import GraphQLClient, GraphQLResponse, Subscription
from core.testkit.databases import TestDatabases
from core.testkit.plugin import TestApp
from core.testkit.races import Meeting, meet_before
from core.testkit.statements import StatementCounter, count_statements

__all__ = [
    "GraphQLClient",
    "GraphQLResponse",
    "Meeting",
    "StatementCounter",
    "Subscription",
    "TestApp",
    "TestDatabases",
    "count_statements",
    "meet_before",
]
