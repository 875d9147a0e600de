"""The hooks ``layanan`` offers other plugins (``PluginMeta(hookspecs=...)``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.plugins import hookspec

if TYPE_CHECKING:
    from plugins.layanan.spec import ServiceDefinition


@hookspec
def layanan_services() -> list[ServiceDefinition] | None:  # type: ignore[empty-body]
    """Return the services this plugin offers in the catalog (:class:`plugins.layanan.spec.ServiceDefinition`).

    Implement it in a plugin whose ``PluginMeta.requires`` includes ``"layanan"``.
    Service codes start with the plugin's name (``samsat.pkb``); a code two plugins
    register stops the start naming both.
    """
