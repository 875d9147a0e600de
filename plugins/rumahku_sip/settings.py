"""Settings of Rumahku SIP, read from ``CETTAR_RUMAHKU_SIP_<FIELD>`` at start."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings


class RumahkuSipSettings(BaseSettings):
    #: The agency that runs Rumahku SIP; its staff record and verify, new rows belong to it.
    agency_code: str = Field(
        default="disperkim-3525",
        min_length=3,
        description="Code of the agency that runs Rumahku SIP (Disperkim Kabupaten Gresik).",
    )
