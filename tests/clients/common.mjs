// Shared by the client scripts: arguments, a plain fetch for GraphQL, waiting.

export const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { token }
}`;
export const PING = `mutation Ping($input: PingInput!) { ping(input: $input) { message } }`;
export const PINGED = `subscription Pinged { pinged { eventId message } }`;

/** `node script.mjs <http://host:port/graphql> <username> <password>` */
export function args() {
  const [url, username, password] = process.argv.slice(2);
  if (!url || !username || !password) {
    console.error("usage: node <script> <http://host:port/graphql> <username> <password>");
    process.exit(2);
  }
  return { url, wsUrl: url.replace(/^http/, "ws"), username, password };
}

/** One GraphQL request over plain fetch (used to sign in and to trigger events). */
export async function post(url, query, variables = {}, token = null) {
  const headers = { "content-type": "application/json", accept: "application/graphql-response+json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(`${query.split("(")[0]}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Send pings until the subscription sees one: a subscription has no "ready" signal. */
export async function pingUntil(received, ping, { every = 200, attempts = 50 } = {}) {
  const nonce = Math.random().toString(36).slice(2);
  for (let i = 0; i < attempts; i++) {
    await ping(`${nonce}-${i}`);
    const event = await Promise.race([received, sleep(every).then(() => null)]);
    if (event) return { nonce, event };
  }
  throw new Error(`no pinged event after ${attempts} pings`);
}

export function print(result) {
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}
