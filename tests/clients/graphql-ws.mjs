// graphql-ws (graphql-transport-ws) against /graphql: authenticate in connection_init,
// query over the socket, receive a subscription event, and a bad token refused (in
// connection_init, and in the upgrade request's Authorization header).
// Prints one JSON object for tests/test_clients.py.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

import { LOGIN, PING, PINGED, args, pingUntil, post, print } from "./common.mjs";

const { url, wsUrl, username, password } = args();

function connect(authorization, options = {}) {
  const closes = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { Authorization: authorization } : {},
    retryAttempts: 0,
    on: { closed: (event) => closes.push({ code: event.code, reason: event.reason }) },
    ...options,
  });
  return { client, closes };
}

/** A WebSocket (Node.js `ws`) sending `authorization` in the upgrade request's headers. */
function withHeader(authorization) {
  return class extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { headers: { Authorization: authorization } });
    }
  };
}

async function refused(client) {
  try {
    return { value: await first(client, { query: "{ me { username } }" }) };
  } catch (error) {
    return { error: { code: error.code ?? null, reason: error.reason ?? String(error) } };
  }
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
const badResult = await refused(bad.client);
await bad.client.dispose();

// The same bad token in the upgrade request; retries allowed, as a client would configure them.
const badHeader = connect(null, {
  webSocketImpl: withHeader("Bearer cettar_this-token-does-not-exist-anywhere"),
  retryAttempts: 2,
  retryWait: async () => {},
});
const badHeaderResult = await refused(badHeader.client);
await badHeader.client.dispose();

print({
  me,
  nonce,
  event,
  anonymousMe,
  badToken: { ...badResult, closes: bad.closes },
  badHeaderToken: { ...badHeaderResult, closes: badHeader.closes },
});
