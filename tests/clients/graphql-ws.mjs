// graphql-ws (graphql-transport-ws) against /graphql: authenticate in connection_init,
// query over the socket, receive a subscription event, and a bad token refused.
// Prints one JSON object for tests/test_clients.py.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

import { LOGIN, PING, PINGED, args, pingUntil, post, print } from "./common.mjs";

const { url, wsUrl, username, password } = args();

function connect(authorization) {
  const closes = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { Authorization: authorization } : {},
    retryAttempts: 0,
    on: { closed: (event) => closes.push({ code: event.code, reason: event.reason }) },
  });
  return { client, closes };
}

async function first(client, request) {
  const results = client.iterate(request);
  try {
    const { value } = await results.next();
    return value;
  } finally {
    await results.return();
  }
}

const { login } = await post(url, LOGIN, { username, password });
const { client } = connect(`Bearer ${login.token}`);
const me = await first(client, { query: "query Me { me { username role } }" });

const events = client.iterate({ query: PINGED });
const received = events.next().then(({ value }) => value);
const { nonce, event } = await pingUntil(received, (message) =>
  post(url, PING, { input: { message } }, login.token),
);
await events.return();
await client.dispose();

const anonymous = connect(null);
const anonymousMe = await first(anonymous.client, { query: "{ me { username } }" });
await anonymous.client.dispose();

const bad = connect("Bearer cettar_this-token-does-not-exist-anywhere");
let badResult;
try {
  badResult = { value: await first(bad.client, { query: "{ me { username } }" }) };
} catch (error) {
  badResult = { error: { code: error.code ?? null, reason: error.reason ?? String(error) } };
}
await bad.client.dispose();

print({ me, nonce, event, anonymousMe, badToken: { ...badResult, closes: bad.closes } });
