// What the citizen pages share to call CETTAR's public GraphQL API over HTTP: the API's address
// (`?api=`, by default a local `make run`) and one POST of one operation, in the page's language
// (`Accept-Language`), with no cookies, no cache and no Referer.

export const DEFAULT_API = "http://127.0.0.1:8000/graphql";

/** An error of the API (its `extensions.code`), or OFFLINE, or HTTP_<status>. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

/** The API's address from `?api=` (or the default) as a URL; null unless it is http(s). */
export function apiAddress(raw) {
  const address = raw || DEFAULT_API;
  try {
    const url = new URL(address);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // the page reports it
  }
  return null;
}

/**
 * POST one operation to `api`; its `data`. Throws an ApiError for the first error, except errors
 * of the root fields named in `optional` (whose value is then null).
 */
export async function graphql(api, query, variables, { language, token = null, optional = [], timeoutMs }) {
  const headers = {
    "Content-Type": "application/json",
    Accept: "application/graphql-response+json, application/json;q=0.9",
    "Accept-Language": language,
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(api, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new ApiError("OFFLINE");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP_${response.status}`, `HTTP ${response.status}`);
  }
  const error = (body.errors ?? []).find((e) => !(e.path && optional.includes(e.path[0])));
  if (error || !body.data) throw new ApiError(error?.extensions?.code || "ERROR", error?.message);
  return body.data;
}
