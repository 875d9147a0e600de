// Composes CETTAR subgraphs with @apollo/gateway and runs operations through it.
//
//   node gateway.mjs '<json>'
//
// where <json> is {"subgraphs": [{"name": "wilayah", "url": "http://…/graphql"}, …],
//                  "operations": [{"query": "…", "variables": {…}}, …]}.
// Prints {"supergraph": <the API schema's SDL>, "results": [<one GraphQL response per operation>]}.
// A composition error makes the script fail with the gateway's message on standard error.
import { ApolloGateway, IntrospectAndCompose } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { printSchema } from "graphql";

const { subgraphs, operations } = JSON.parse(process.argv[2]);

// Standard output carries the JSON answer only: every log line goes to standard error.
const logger = {
  debug() {},
  info() {},
  warn: (message) => console.error(message),
  error: (message) => console.error(message),
};

const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({ subgraphs }),
  logger,
});
let supergraph = null;
gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
  supergraph = printSchema(apiSchema);
});

const server = new ApolloServer({ gateway, logger });
await server.start();
try {
  const results = [];
  for (const { query, variables } of operations) {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== "single") {
      throw new Error(`expected a single result, got ${response.body.kind}`);
    }
    results.push(response.body.singleResult);
  }
  console.log(JSON.stringify({ supergraph, results }));
} finally {
  await server.stop();
}
