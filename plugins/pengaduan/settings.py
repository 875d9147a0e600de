"""The plugin's settings, read from ``CETTAR_PENGADUAN_<FIELD>`` at start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field
from pydantic_settings import BaseSettings

if TYPE_CHECKING:
    from core.runtime import Runtime


class PengaduanSettings(BaseSettings):
    """Deadlines (working days, SP4N-LAPOR!), community moderation and complaint units."""

    verify_days: int = Field(default=3, ge=1, le=30, description="Working days to verify a submitted complaint.")
    follow_up_days: int = Field(default=5, ge=1, le=30, description="Working days for the agency to follow it up.")
    resolve_days: int = Field(
        default=40, ge=1, le=250, description="Working days to resolve after the follow-up (about 60 calendar days)."
    )
    escalation_grace_days: int = Field(
        default=2, ge=1, le=30, description="Working days after the first escalation before the province admin is told."
    )
    reopen_days: int = Field(
        default=5, ge=1, le=60, description="Working days the reporter may reopen a resolved complaint; then it closes."
    )
    flag_threshold: int = Field(
        default=3, ge=1, le=100, description="Citizens' spam/offensive reports that hide a complaint."
    )
    unit_agency_pattern: str = Field(
        default="diskominfo-{regency}",
        description="The complaint unit verifying a kabupaten/kota's complaints ({regency} is e.g. 3501).",
    )
    province_unit: str = Field(
        default="diskominfo-jatim", description="The province's complaint unit: verifies everywhere."
    )


def settings_of(runtime: Runtime) -> PengaduanSettings:
    """The running plugin's settings (defaults when the plugin is not loaded, e.g. in a bare test)."""
    try:
        found = runtime.plugins.get("pengaduan").settings
    except KeyError:
        found = None
    return found if isinstance(found, PengaduanSettings) else PengaduanSettings()
