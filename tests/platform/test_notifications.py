"""In-app notifications: a plugin notifies someone; they list, count, read and hear them; cettar_notify delivers."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from sqlalchemy import func, select

from core.auth import Role
from core.errors import CettarError
from core.identity.models import Account
from core.notifications import Notification, NotificationRow, notify
from core.plugins import PluginMeta, hookimpl
from schema import Info
from tests.support.waiting import wait_until


@strawberry.mutation
async def poke(info: Info, username: str, fail: bool = False) -> bool:
    """Notify ``username`` (tests only); ``fail`` rolls the whole mutation back."""
    async with info.context.db() as session:
        account_id = (await session.execute(select(Account.id).where(Account.username == username))).scalar_one()
        await notify(
            session,
            account_id=account_id,
            kind="colek.poked",
            title=("Anda dicolek", "You were poked"),
            body=(f"{info.context.principal.username} mencolek Anda.", f"{info.context.principal.username} poked you."),
            source="colek",
            target_type="Account",
            target_key=str(account_id),
        )
    if fail:
        raise CettarError("VALIDATION_FAILED", field="fail")
    return True


class ColekPlugin:
    """Notifies on demand and records what ``cettar_notify`` hands it (an SMS gateway, say)."""

    def __init__(self) -> None:
        self.sent: list[Notification] = []

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="colek", version="0.0.1", title="Colek (tests only)")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.mutation(poke)

    @hookimpl
    async def cettar_notify(self, notification: Notification) -> None:
        self.sent.append(notification)


pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "colek"], extra_plugins=[ColekPlugin])

POKE = "mutation ($u: String!, $f: Boolean!) { poke(username: $u, fail: $f) }"
MINE = """
query ($unread: Boolean) {
  unreadNotificationCount
  myNotifications(unreadOnly: $unread, first: 10) {
    totalCount
    nodes { id kind title body targetType targetId readAt }
  }
}
"""


async def _count(cettar_app: Any) -> int:
    async with cettar_app.runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(NotificationRow))).scalar_one())


async def test_a_notification_is_listed_counted_read_and_delivered_by_the_hook(gql, cettar_app):
    budi = await gql.login("warga.budi")
    siti = await gql.login("warga.siti")
    await siti.execute(POKE, {"u": "warga.budi", "f": False})
    await siti.execute(POKE, {"u": "warga.budi", "f": False})

    mine = (await budi.query(MINE, language="en")).data
    assert mine["unreadNotificationCount"] == 2
    assert mine["myNotifications"]["totalCount"] == 2
    first = mine["myNotifications"]["nodes"][0]
    assert first["title"] == "You were poked" and first["body"] == "warga.siti poked you."
    assert first["kind"] == "colek.poked" and first["targetType"] == "Account" and first["readAt"] is None
    indonesian = (await budi.query(MINE, language="id")).data["myNotifications"]["nodes"][0]
    assert indonesian["title"] == "Anda dicolek"

    # Siti sees none of Budi's, neither listed nor by node(id:), and cannot mark them read.
    assert (await siti.execute(MINE))["myNotifications"]["totalCount"] == 0
    node = await siti.execute("query ($id: ID!) { node(id: $id) { id } }", {"id": first["id"]})
    assert node == {"node": None}
    marked = await siti.execute(
        "mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) { marked } }", {"ids": [first["id"]]}
    )
    assert marked["markNotificationsRead"]["marked"] == 0
    own = await budi.execute("query ($id: ID!) { node(id: $id) { ... on Notification { kind } } }", {"id": first["id"]})
    assert own == {"node": {"kind": "colek.poked"}}

    read = await budi.execute(
        "mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) { marked unread } }", {"ids": [first["id"]]}
    )
    assert read["markNotificationsRead"] == {"marked": 1, "unread": 1}
    assert (await budi.execute(MINE, {"unread": True}))["myNotifications"]["totalCount"] == 1
    everything = await budi.execute("mutation { markNotificationsRead { marked unread } }")
    assert everything["markNotificationsRead"] == {"marked": 1, "unread": 0}

    # The dispatcher hands each stored notification to cettar_notify once.
    colek = cettar_app.runtime.plugins.get("colek").module
    assert colek.sent == []
    await cettar_app.dispatch()
    await cettar_app.dispatch()
    assert [n.kind for n in colek.sent] == ["colek.poked", "colek.poked"]
    assert {n.title_en for n in colek.sent} == {"You were poked"}


async def test_a_rolled_back_change_leaves_no_notification_and_sends_nothing(gql, cettar_app):
    siti = await gql.login("warga.siti")
    failed = await siti.query(POKE, {"u": "warga.budi", "f": True})
    assert failed.codes == ["VALIDATION_FAILED"]
    assert await _count(cettar_app) == 0
    await cettar_app.dispatch()
    assert cettar_app.runtime.plugins.get("colek").module.sent == []


async def test_anonymous_callers_have_no_notifications(gql):
    response = await gql.query("{ unreadNotificationCount }")
    assert response.codes == ["UNAUTHENTICATED"]
    response = await gql.as_role(Role.ANONYMOUS).query("mutation { markNotificationsRead { marked } }")
    assert response.codes == ["UNAUTHENTICATED"]


async def test_the_subscription_pushes_only_your_own_new_notifications(gql, cettar_app):
    budi = await gql.login("warga.budi")
    siti = await gql.login("warga.siti")
    subscription_query = "subscription { notificationAdded { kind title } }"
    async with budi.subscribe(subscription_query) as budi_feed, siti.subscribe(subscription_query) as siti_feed:
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count >= 2, what="two subscriptions")
        await siti.execute(POKE, {"u": "warga.budi", "f": False})
        await cettar_app.dispatch()
        message = await budi_feed.next()
        assert message.data == {"notificationAdded": {"kind": "colek.poked", "title": "Anda dicolek"}}
        with pytest.raises(TimeoutError):
            await siti_feed.next(timeout=0.5)
