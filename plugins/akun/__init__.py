"""akun: accounts, sign-in, officers and the audit trail in GraphQL (identity lives in the core)."""

from __future__ import annotations

from typing import Any

from strawberry.federation.schema_directives import Inaccessible

from core.plugins import PluginMeta, hookimpl
from plugins.akun import examples, notifications, resolvers, types


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="akun",
        version="0.1.0",
        title="Akun dan akses",
        description="Citizens register and sign in; agencies manage their officers (ASN, KORPRI); admins read the audit trail.",
        agency="Diskominfo Provinsi Jawa Timur",
        region_code="35",
    )


@hookimpl
def cettar_schema(builder: Any) -> None:
    builder.query(
        resolvers.me,
        resolvers.officers,
        resolvers.audit_trail,
        resolvers.permissions,
        notifications.my_notifications,
        notifications.unread_notification_count,
    )
    builder.mutation(
        resolvers.register_citizen,
        resolvers.login,
        resolvers.logout,
        resolvers.revoke_session,
        resolvers.change_password,
        resolvers.request_password_reset,
        resolvers.reset_password,
        resolvers.create_officer,
        resolvers.update_officer,
        resolvers.add_officer_training,
        resolvers.grant_permission,
        resolvers.revoke_permission,
        notifications.mark_notifications_read,
    )
    builder.subscription(notifications.notification_added)
    # In a federated graph (CETTAR_FEDERATION=1) accounts, sessions, notifications and the permission list are
    # each instance's own: the supergraph does not offer them; sign in and ask an instance directly.
    for name in ("me", "officers", "auditTrail", "permissions", "myNotifications", "unreadNotificationCount"):
        builder.federation_directives(f"Query.{name}", Inaccessible())
    builder.node(types.Account, resolvers.resolve_account_nodes)
    builder.node(types.Officer, resolvers.resolve_officer_nodes)
    builder.node(types.AccountSession, resolvers.resolve_session_nodes)
    builder.node(notifications.Notification, notifications.resolve_notification_nodes)
    examples.register(builder)
