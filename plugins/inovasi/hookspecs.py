"""The hook ``inovasi`` offers other plugins (``PluginMeta(hookspecs=...)``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.plugins import hookspec

if TYPE_CHECKING:
    from plugins.inovasi.spec import InnovationRecord


@hookspec
def inovasi_innovation() -> InnovationRecord | None:  # type: ignore[empty-body]
    """Return the innovation this plugin implements (:class:`plugins.inovasi.spec.InnovationRecord`).

    The registry stores it with the plugin's name as its implementation. Implement it
    with ``@hookimpl(optionalhook=True)`` so the plugin also runs without the registry.
    """
