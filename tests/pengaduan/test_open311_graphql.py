"""A request filed through Open311 is a complaint like any other in the GraphQL API, and back again."""

from __future__ import annotations

from plugins.pengaduan.open311 import catalog
from tests.pengaduan.test_open311_support import (
    HANDLING_AGENCY,
    V2,
    admin,
    cettar,
    file_request,
    http,
    issue_key,
)

pytestmark = cettar()

BY_TRACKING = """
query One($tracking: String!) {
  complaint(trackingNumber: $tracking) {
    id trackingNumber title text status channel anonymous confidential regionCode latitude longitude
    reporterName category { code } agency { code }
  }
}
"""
VERIFY = """
mutation Verify($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { complaint { status } } }
"""
PERSONAL = {
    "email": "siti.aminah@example.com",
    "first_name": "Siti",
    "last_name": "Aminah",
    "phone": "081298765432",
}


async def test_an_open311_request_is_a_complaint_in_graphql_and_its_verification_publishes_it(cettar_app, gql):
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        tracking = await file_request(client, issued["apiKey"], **PERSONAL)
        before = await client.get(f"{V2}/requests/{tracking}.json")
    assert before.status_code == 404  # not public before verification

    province = await admin(gql)
    found = (await province.execute(BY_TRACKING, {"tracking": tracking}))["complaint"]
    assert found["trackingNumber"] == tracking
    assert found["channel"] == "API" and found["status"] == "SUBMITTED"
    assert found["category"]["code"] == "infrastruktur" and found["regionCode"] == "35.78.01.1001"
    assert (found["latitude"], found["longitude"]) == (-7.3305, 112.6905)
    assert found["reporterName"] == "Siti Aminah"  # the verifier may see who reported a named complaint
    # nobody else sees it yet: not a citizen, not an anonymous caller
    citizen = await gql.login("warga.budi")
    assert (await citizen.execute(BY_TRACKING, {"tracking": tracking}))["complaint"] is None
    assert (await gql.execute(BY_TRACKING, {"tracking": tracking}))["complaint"] is None

    verified = await province.execute(
        VERIFY, {"input": {"complaintId": found["id"], "agencyCode": HANDLING_AGENCY, "note": "Mohon ditinjau."}}
    )
    assert verified["verifyComplaint"]["complaint"]["status"] == "DISPOSED"
    async with http(cettar_app) as client:
        after = await client.get(f"{V2}/requests/{tracking}.json")
    [request] = after.json()
    assert request["status"] == "open" and request["status_notes"] == "Mohon ditinjau."
    public = (await gql.execute(BY_TRACKING, {"tracking": tracking}))["complaint"]
    assert public["trackingNumber"] == tracking
    assert public["reporterName"] is None  # public, but who reported it is not
    assert "Siti" not in after.text and "siti" not in after.text


async def test_an_anonymous_open311_reporter_is_never_named_even_to_the_verifier(cettar_app, gql):
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        tracking = await file_request(
            client, issued["apiKey"], **PERSONAL, **{f"attribute[{catalog.ANONYMOUS}]": "true"}
        )
    province = await admin(gql)
    found = (await province.execute(BY_TRACKING, {"tracking": tracking}))["complaint"]
    assert found["anonymous"] is True and found["reporterName"] is None
