// Apollo Client (core, no React) against /graphql: HttpLink over fetch behind the
// persisted-query link (APQ, SHA-256 from node:crypto), GraphQLWsLink for
// subscriptions, chosen by split. Prints one JSON object for tests/test_clients.py,
// including every HTTP request the client made (method, whether it carried the
// query text, the APQ hash, the status and error codes of the answer).
import { createHash } from "node:crypto";

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

import { LOGIN, PING, PINGED, args, pingUntil, print } from "./common.mjs";

const { url, wsUrl, username, password } = args();
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

const requests = [];
async function recordingFetch(uri, options = {}) {
  const method = options.method ?? "GET";
  const sent =
    method === "GET"
      ? Object.fromEntries(
          [...new URL(uri).searchParams].map(([k, v]) => [k, ["variables", "extensions"].includes(k) ? JSON.parse(v) : v]),
        )
      : JSON.parse(options.body);
  const response = await fetch(uri, options);
  const answer = await response
    .clone()
    .json()
    .catch(() => null);
  requests.push({
    method,
    operationName: sent.operationName ?? null,
    sentQuery: typeof sent.query === "string",
    sha256Hash: sent.extensions?.persistedQuery?.sha256Hash ?? null,
    status: response.status,
    codes: (answer?.errors ?? []).map((e) => e.extensions?.code ?? null),
  });
  return response;
}

let token = null;
const authentication = new ApolloLink((operation, forward) => {
  if (token) {
    operation.setContext(({ headers = {} }) => ({ headers: { ...headers, authorization: `Bearer ${token}` } }));
  }
  return forward(operation);
});

const wsClient = createClient({
  url: wsUrl,
  webSocketImpl: WebSocket,
  lazy: true,
  retryAttempts: 0,
  connectionParams: () => (token ? { Authorization: `Bearer ${token}` } : {}),
});

function apollo({ useGETForHashedQueries = false } = {}) {
  const http = ApolloLink.from([
    authentication,
    new PersistedQueryLink({ sha256, useGETForHashedQueries }),
    new HttpLink({ uri: url, fetch: recordingFetch }),
  ]);
  const link = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(wsClient),
    http,
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

const REGIONS = gql`
  query Regions {
    regions(kind: KOTA) {
      totalCount
      nodes {
        code
        name
      }
    }
  }
`;

const client = apollo();
const regions = await client.query({ query: REGIONS, fetchPolicy: "network-only" });
const regionsAgain = await client.query({ query: REGIONS, fetchPolicy: "network-only" });

const signedIn = await client.mutate({ mutation: gql(LOGIN), variables: { username, password } });
token = signedIn.data.login.token;
const me = await client.query({ query: gql("query Me { me { username role } }"), fetchPolicy: "network-only" });

const received = new Promise((resolve, reject) => {
  const subscription = client.subscribe({ query: gql(PINGED) }).subscribe({
    next: (result) => {
      subscription.unsubscribe();
      resolve(result);
    },
    error: reject,
  });
});
const { nonce, event } = await pingUntil(received, (message) =>
  client.mutate({ mutation: gql(PING), variables: { input: { message } } }),
);

// A second client that sends hashed queries with GET (cacheable by a CDN).
const cdnFriendly = apollo({ useGETForHashedQueries: true });
const overGet = await cdnFriendly.query({ query: REGIONS, fetchPolicy: "network-only" });

await wsClient.dispose();
print({
  regions: regions.data,
  regionsAgain: regionsAgain.data,
  tokenIssued: typeof token === "string" && token.startsWith("cettar_"),
  me: me.data,
  nonce,
  event: { data: event.data, error: event.error ?? null },
  overGet: overGet.data,
  requests,
});
