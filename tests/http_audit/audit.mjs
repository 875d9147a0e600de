// Audits a GraphQL endpoint against the GraphQL over HTTP spec with graphql-http's
// auditServer and prints one JSON array: {id, name, grade, status, reason, response}.
// grade is MUST, SHOULD or MAY; status is ok, or error (MUST), warn (SHOULD) or
// notice (MAY) when the audit failed. Run by tests/test_graphql_over_http.py:
//
//   npm ci --prefix tests/http_audit && node tests/http_audit/audit.mjs http://127.0.0.1:8000/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

async function describe(response) {
  if (!response) return null;
  let body = null;
  try {
    body = await response.text();
  } catch {
    // the audit already read the body
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}

const results = await auditServer({ url });
const report = [];
for (const result of results) {
  const failed = result.status !== 'ok';
  report.push({
    id: result.id,
    name: result.name,
    grade: result.name.split(' ', 1)[0],
    status: result.status,
    reason: failed ? result.reason : null,
    response: failed ? await describe(result.response) : null,
  });
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
