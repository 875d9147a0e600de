"""The row-level rule of core.access, on its own: what every plugin's service code relies on."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, select

from core.access import can_read, manages, may_see_personal_data, scoped
from core.auth import ANONYMOUS, Principal, Role

things = Table("things", MetaData(), Column("owner_id", Integer), Column("agency_id", Integer))
CITIZEN = Principal(Role.CITIZEN, account_id=7)
OFFICER = Principal(Role.OFFICER, account_id=20, agency_id=1, permissions=frozenset({"p"}))
AGENCY_ADMIN = Principal(Role.AGENCY_ADMIN, account_id=21, agency_id=1)
PROVINCE = Principal(Role.PROVINCE_ADMIN, account_id=1, agency_id=9, permissions=frozenset({"p"}))


def where(principal: Principal) -> str:
    stmt = scoped(select(things), principal, owner=things.c.owner_id, agency=things.c.agency_id)
    return str(stmt.compile(compile_kwargs={"literal_binds": True})).split("WHERE", 1)[-1].strip()


def test_scoped_writes_the_rule_into_the_query():
    assert where(CITIZEN) == "things.owner_id = 7"
    assert where(OFFICER) == "things.owner_id = 20 OR things.agency_id = 1"
    assert where(ANONYMOUS) == "false"
    assert "WHERE" not in str(scoped(select(things), PROVINCE, owner=things.c.owner_id))


@pytest.mark.parametrize(
    ("principal", "owner", "agency", "expected"),
    [
        (ANONYMOUS, 7, 1, False),
        (CITIZEN, 7, 1, True),
        (CITIZEN, 8, 1, False),
        (OFFICER, 8, 1, True),
        (OFFICER, 8, 2, False),
        (AGENCY_ADMIN, 8, 2, False),
        (PROVINCE, 8, 2, True),
    ],
)
def test_can_read_agrees_with_scoped(principal, owner, agency, expected):
    assert can_read(principal, owner_id=owner, agency_id=agency) is expected


def test_personal_data_needs_ownership_or_permission_and_the_handling_agency():
    assert may_see_personal_data(CITIZEN, owner_id=7, permission="p")
    assert not may_see_personal_data(CITIZEN, owner_id=8, permission="p")
    assert may_see_personal_data(OFFICER, owner_id=8, handling_agency_id=1, permission="p")
    assert not may_see_personal_data(OFFICER, owner_id=8, handling_agency_id=2, permission="p")
    assert not may_see_personal_data(AGENCY_ADMIN, owner_id=8, handling_agency_id=1, permission="p")
    assert may_see_personal_data(PROVINCE, owner_id=8, permission="p")


def test_agency_admins_manage_their_agency_officers_and_the_province_admin_all_staff():
    assert manages(AGENCY_ADMIN, agency_id=1, role=Role.OFFICER)
    assert not manages(AGENCY_ADMIN, agency_id=2, role=Role.OFFICER)
    assert not manages(AGENCY_ADMIN, agency_id=1, role=Role.AGENCY_ADMIN)  # not a fellow admin, nor themselves
    assert not manages(AGENCY_ADMIN, agency_id=1, role=Role.PROVINCE_ADMIN)
    assert not manages(OFFICER, agency_id=1, role=Role.OFFICER)
    assert manages(PROVINCE, agency_id=2, role=Role.AGENCY_ADMIN)
