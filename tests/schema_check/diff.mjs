// Diffs two SDL files with GraphQL Inspector (@graphql-inspector/core).
//
//   node diff.mjs OLD.graphql NEW.graphql
//
// Prints a JSON list of every change from OLD to NEW:
// [{"level": "BREAKING" | "DANGEROUS" | "NON_BREAKING", "type": "FIELD_REMOVED",
//   "message": "Field 'b' was removed from object type 'Query'", "path": "Query.b", "reason": …}, …]
import { readFileSync } from "node:fs";
import { diff } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

const [oldPath, newPath] = process.argv.slice(2);
if (!oldPath || !newPath) {
  console.error("usage: node diff.mjs OLD.graphql NEW.graphql");
  process.exit(2);
}
const load = (path) => buildSchema(readFileSync(path, "utf8"));
const changes = await diff(load(oldPath), load(newPath));
console.log(
  JSON.stringify(
    changes.map((change) => ({
      level: change.criticality.level,
      type: change.type,
      message: change.message,
      path: change.path ?? null,
      reason: change.criticality.reason ?? null,
    })),
  ),
);
