// Lacak permohonan: track a service application by its tracking number, live.
//
// Anyone: `trackApplication(trackingNumber:)` (the public view: service, agency, status, due
// date, courier status, status history), asked again every 15 s and when the tab becomes
// visible. The applicant, once signed in on this page (`login`; the token is kept in
// sessionStorage only): the `applicationUpdated(trackingNumber:)` subscription over
// graphql-transport-ws, rendered at once on every push. Uses the public GraphQL API only.

import { apiAddress, graphql as post } from "../common/api.js";
import { $, addressLanguage, applyPageTexts, fill, LOCALES, onLanguageButton, showMessage } from "../common/halaman.js";
import { GraphQLWsClient } from "./gql-ws.js";
import { TEXT } from "./teks.js";

const POLL_MS = 15_000;
const REQUEST_TIMEOUT_MS = 15_000;
const TOKEN_KEY = "cettar.lacak.token";
const USERNAME_KEY = "cettar.lacak.username";

const PUBLIC_FIELDS = `
  trackingNumber status dueDate overdue deliveryMethod courierStatus
  service { code nameId nameEn }
  agency { code name }
  timeline { status at }`;

const TRACK = `query Lacak($nomor: String!) {
  trackApplication(trackingNumber: $nomor) { ${PUBLIC_FIELDS} }
}`;

// Signed in: the same public view, plus the reason the API gives the applicant (null for anyone else).
const TRACK_SIGNED_IN = `query LacakPemohon($nomor: String!) {
  trackApplication(trackingNumber: $nomor) { ${PUBLIC_FIELDS} }
  application(trackingNumber: $nomor) { statusReason }
}`;

// Only what the public view shows, and the reason: never answers, names, addresses or files.
const WATCH = `subscription Pantau($nomor: String!) {
  applicationUpdated(trackingNumber: $nomor) {
    kind at
    application {
      trackingNumber status statusReason dueDate overdue deliveryMethod
      delivery { status }
      service { code nameId nameEn }
      agency { code name }
      timeline { kind toStatus at }
    }
  }
}`;

const LOGIN = `mutation Masuk($username: String!, $password: String!) {
  login(username: $username, password: $password) { token account { username } }
}`;

const LOGOUT = "mutation Keluar { logout { revoked } }";

const params = new URLSearchParams(location.search);
const state = {
  api: null,
  language: addressLanguage(params),
  number: null, // what the citizen typed (as sent)
  view: null, // the application as shown
  message: null, // {key, params} or null
  mode: "idle", // idle | polling | connecting | live | reconnecting
  modeDetail: {},
  checkedAt: null,
  token: sessionStorage.getItem(TOKEN_KEY),
  username: sessionStorage.getItem(USERNAME_KEY),
  client: null,
  stopWatching: null,
  pollTimer: 0,
  pushes: 0, // bumped by each push: an HTTP answer older than a push is dropped
  generation: 0, // bumped by each new search: answers for an older search are dropped
};

// --- the API over HTTP ------------------------------------------------------------------------

/**
 * POST one operation; its `data`. Throws an ApiError for the first error, except errors of
 * the root fields named in `optional` (whose value is then null).
 */
function graphql(query, variables, { token = state.token, optional = [] } = {}) {
  return post(state.api, query, variables, {
    language: state.language,
    token,
    optional,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
}

// --- rendering --------------------------------------------------------------------------------

function text(key, values) {
  return fill(TEXT, state.language, key, values);
}

function formatDate(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(LOCALES[state.language], { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

function formatMoment(isoDateTime) {
  const formatted = new Intl.DateTimeFormat(LOCALES[state.language], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(new Date(isoDateTime));
  return `${formatted} WIB`;
}

function formatClock(date) {
  return new Intl.DateTimeFormat(LOCALES[state.language], { timeStyle: "medium" }).format(date);
}

const STATUS_GROUP = {
  SUBMITTED: "berjalan",
  VERIFIED: "berjalan",
  IN_PROCESS: "berjalan",
  READY: "siap",
  PICKED_UP: "selesai",
  DELIVERED: "selesai",
  NEEDS_REVISION: "perhatian",
  REJECTED: "tutup",
  CANCELLED: "tutup",
};

function applyStaticTexts() {
  applyPageTexts(state.language, text);
}

function renderMessage() {
  showMessage(state.message, text);
}

function renderView() {
  const view = state.view;
  const section = $("hasil");
  if (!view) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  $("hasil-judul").textContent = text("resultTitle", { number: view.trackingNumber });
  const status = $("status");
  status.textContent = text(view.status);
  status.className = `lencana ${STATUS_GROUP[view.status] ?? ""}`;
  status.dataset.status = view.status;
  const service = view.service;
  $("layanan").textContent = service ? (state.language === "en" ? service.nameEn : service.nameId) : "—";
  $("instansi").textContent = view.agency?.name ?? "—";
  $("batas").textContent = formatDate(view.dueDate);
  const overdue = $("terlambat");
  overdue.hidden = !view.overdue;
  overdue.textContent = text("overdue");
  $("pengambilan").textContent = text(view.deliveryMethod === "HOME_DELIVERY" ? "homeDelivery" : "pickup");
  $("kurir-baris").hidden = !view.courierStatus;
  $("kurir").textContent = view.courierStatus
    ? text(view.courierStatus === "DELIVERED" ? "COURIER_DELIVERED" : view.courierStatus)
    : "";
  $("alasan-blok").hidden = !view.reason;
  $("alasan").textContent = view.reason ?? "";
  const list = $("riwayat");
  list.replaceChildren();
  for (const entry of view.timeline) {
    const item = document.createElement("li");
    const name = document.createElement("span");
    name.className = "riwayat-status";
    name.textContent = text(entry.status);
    const time = document.createElement("time");
    time.dateTime = entry.at;
    time.textContent = formatMoment(entry.at);
    item.append(name, " ", time);
    list.append(item);
  }
  if (view.timeline.length === 0) {
    const item = document.createElement("li");
    item.textContent = text("emptyHistory");
    list.append(item);
  }
  renderMode();
}

function renderMode() {
  const element = $("mode");
  element.dataset.mode = state.mode;
  switch (state.mode) {
    case "polling":
      element.textContent = text("modePolling", { time: state.checkedAt ? formatClock(state.checkedAt) : "—" });
      break;
    case "connecting":
      element.textContent = text("modeConnecting");
      break;
    case "live":
      element.textContent = text("modeLive");
      break;
    case "reconnecting":
      element.textContent = text("modeReconnecting", {
        seconds: Math.max(1, Math.round((state.modeDetail.delay ?? 0) / 1000)),
      });
      break;
    default:
      element.textContent = "";
  }
}

function renderAccount() {
  const signedIn = Boolean(state.token);
  $("masuk").hidden = signedIn;
  $("keluar-blok").hidden = !signedIn;
  $("masuk-sebagai").textContent = signedIn ? text("signedInAs", { username: state.username ?? "" }) : "";
}

function renderAll() {
  applyStaticTexts();
  renderMessage();
  renderView();
  renderMode();
  renderAccount();
}

function announce(message) {
  const region = $("pengumuman");
  region.textContent = "";
  // A new text node after a tick is announced even when the text repeats.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

function show(view) {
  const previous = state.view;
  state.view = view;
  if (state.message?.transient) {
    state.message = null;
    renderMessage();
  }
  renderView();
  if (previous && previous.trackingNumber === view.trackingNumber && previous.status !== view.status) {
    const status = $("status");
    status.classList.remove("baru");
    void status.offsetWidth; // restart the highlight
    status.classList.add("baru");
    announce(text("statusChanged", { number: view.trackingNumber, status: text(view.status) }));
  }
}

/** A message above the result; a `transient` one (the network) goes away with the next answer. */
function setMessage(key, values = {}, { tone = "galat", transient = false } = {}) {
  state.message = { key, params: values, tone, transient };
  renderMessage();
}

function setMode(mode, detail = {}) {
  state.mode = mode;
  state.modeDetail = detail;
  renderMode();
}

// --- the public view, asked over HTTP ---------------------------------------------------------

function fromTracked(tracked, reason) {
  return {
    trackingNumber: tracked.trackingNumber,
    status: tracked.status,
    dueDate: tracked.dueDate,
    overdue: tracked.overdue,
    deliveryMethod: tracked.deliveryMethod,
    courierStatus: tracked.courierStatus,
    service: tracked.service,
    agency: tracked.agency,
    timeline: tracked.timeline,
    reason: reason ?? null,
  };
}

function fromPush(application) {
  return {
    trackingNumber: application.trackingNumber,
    status: application.status,
    dueDate: application.dueDate,
    overdue: application.overdue,
    deliveryMethod: application.deliveryMethod,
    courierStatus: application.delivery?.status ?? null,
    service: application.service,
    agency: application.agency,
    timeline: application.timeline
      .filter((entry) => entry.kind === "STATUS_CHANGED" && entry.toStatus)
      .map((entry) => ({ status: entry.toStatus, at: entry.at })),
    reason: application.statusReason ?? null,
  };
}

/** Ask for the application now; true when it was found and shown. */
async function refresh() {
  const number = state.number;
  if (!number) return false;
  const generation = state.generation;
  const pushes = state.pushes;
  const signedIn = Boolean(state.token);
  let data;
  try {
    // The reason is a bonus: an error there must not hide the public view.
    data = await graphql(signedIn ? TRACK_SIGNED_IN : TRACK, { nomor: number }, { optional: ["application"] });
  } catch (error) {
    if (generation !== state.generation) return false;
    return handleQueryError(error, number);
  }
  if (generation !== state.generation || pushes !== state.pushes) return Boolean(state.view);
  state.checkedAt = new Date();
  const tracked = data.trackApplication;
  if (!tracked) {
    stopUpdates();
    state.view = null;
    renderView();
    setMessage("notFound", { number: number.toUpperCase() });
    return false;
  }
  show(fromTracked(tracked, signedIn ? data.application?.statusReason : null));
  return true;
}

async function handleQueryError(error, number) {
  switch (error.code) {
    case "INVALID_TRACKING_NUMBER":
      stopUpdates();
      state.view = null;
      renderView();
      setMessage("invalidNumber", { number: number.toUpperCase() });
      return false;
    case "INVALID_TOKEN":
    case "UNAUTHENTICATED":
      signOutLocally("sessionEnded");
      if (!(await refresh())) return false;
      if (state.mode !== "polling") startPolling();
      return true;
    case "OFFLINE":
      setMessage("offline", {}, { transient: true });
      return Boolean(state.view);
    default:
      setMessage("apiError", { message: error.message }, { transient: true });
      return Boolean(state.view);
  }
}

// --- polling ----------------------------------------------------------------------------------

function startPolling() {
  if (state.mode !== "reconnecting") setMode("polling");
  schedulePoll();
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(poll, POLL_MS);
}

async function poll() {
  state.pollTimer = 0;
  if (state.mode !== "polling" && state.mode !== "reconnecting") return;
  if (document.visibilityState === "visible") await refresh();
  if (state.mode === "polling" || state.mode === "reconnecting") {
    renderMode();
    schedulePoll();
  }
}

function stopPolling() {
  clearTimeout(state.pollTimer);
  state.pollTimer = 0;
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState !== "visible" || !state.view) return;
  // Back on the tab: check at once (timers may have been throttled while it was hidden).
  refresh().then(() => {
    if (state.mode === "polling" || state.mode === "reconnecting") schedulePoll();
  });
});

// --- live updates over graphql-transport-ws ---------------------------------------------------

function socketAddress() {
  const url = new URL(state.api);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

function watch() {
  stopWatching();
  const token = state.token;
  const number = state.view.trackingNumber;
  setMode("connecting");
  state.client = new GraphQLWsClient(socketAddress(), {
    connectionParams: { Authorization: `Bearer ${token}` },
    onState: (socketState, detail) => {
      if (socketState === "connected") {
        stopPolling();
        setMode("live");
        // Changes made while the socket was down were not pushed: ask once.
        if (detail.reconnected) refresh();
      } else if (socketState === "reconnecting") {
        setMode("reconnecting", detail);
        if (!state.pollTimer) schedulePoll();
      }
    },
  });
  state.stopWatching = state.client.subscribe(
    { query: WATCH, variables: { nomor: number }, operationName: "Pantau" },
    {
      next: (payload) => {
        if (payload.errors?.length) {
          liveRefused(payload.errors);
          return;
        }
        const update = payload.data?.applicationUpdated;
        if (!update) return;
        state.pushes += 1;
        state.checkedAt = new Date();
        show(fromPush(update.application));
      },
      error: ({ errors, closeCode }) => {
        if (closeCode === 4401 || closeCode === 4403) {
          signOutLocally("sessionEnded");
          startPolling();
        } else if (errors) liveRefused(errors);
        else fallBack("liveEnded");
      },
      complete: () => {
        if (state.mode === "live" || state.mode === "connecting") fallBack("liveEnded");
      },
    },
  );
}

function liveRefused(errors) {
  const code = errors[0]?.extensions?.code;
  if (code === "INVALID_TOKEN" || code === "UNAUTHENTICATED") {
    signOutLocally("sessionEnded");
    startPolling();
  } else if (code === "NOT_FOUND") {
    fallBack("notYours", "info");
  } else {
    fallBack("liveEnded");
  }
}

function fallBack(messageKey, tone = "galat") {
  stopWatching();
  setMessage(messageKey, {}, { tone });
  startPolling();
}

function stopWatching() {
  state.stopWatching = null;
  if (state.client) {
    state.client.dispose();
    state.client = null;
  }
}

function stopUpdates() {
  stopWatching();
  stopPolling();
  setMode("idle");
}

function startUpdates() {
  if (state.token) watch();
  else startPolling();
}

window.addEventListener("online", () => state.client?.retryNow());
window.addEventListener("pagehide", () => stopWatching());

// --- searching --------------------------------------------------------------------------------

async function track(number) {
  stopUpdates();
  const generation = ++state.generation;
  state.number = number;
  state.view = null;
  state.message = null;
  renderMessage();
  renderView();
  rememberNumber(number);
  if (!(await refresh()) || generation !== state.generation) return;
  // Shown and kept in the address as the API writes it (LYN-XXXXX-XXXXX-X), however it was typed.
  $("nomor").value = state.view.trackingNumber;
  rememberNumber(state.view.trackingNumber);
  startUpdates();
}

function rememberNumber(number) {
  const url = new URL(location.href);
  url.searchParams.set("nomor", number);
  history.replaceState(null, "", url);
}

$("cari").addEventListener("submit", (event) => {
  event.preventDefault();
  const number = $("nomor").value.trim();
  if (!number) {
    setMessage("enterNumber");
    $("nomor").focus();
    return;
  }
  track(number);
});

// --- signing in and out -----------------------------------------------------------------------

$("masuk").addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = $("pengguna").value.trim();
  const password = $("sandi").value;
  const error = $("masuk-pesan");
  error.hidden = true;
  if (!username || !password) {
    (username ? $("sandi") : $("pengguna")).focus();
    return;
  }
  const button = $("masuk-tombol");
  button.disabled = true;
  button.textContent = text("signingIn");
  try {
    const data = await graphql(LOGIN, { username, password }, { token: null });
    state.token = data.login.token;
    state.username = data.login.account?.username ?? username;
    sessionStorage.setItem(TOKEN_KEY, state.token);
    sessionStorage.setItem(USERNAME_KEY, state.username);
    $("sandi").value = "";
    renderAccount();
    if (state.number && (await refresh()) && state.token) {
      stopPolling();
      watch();
    }
  } catch (failure) {
    error.textContent = failure.code === "OFFLINE" ? text("offline") : failure.message;
    error.hidden = false;
  } finally {
    button.disabled = false;
    button.textContent = text("signIn");
  }
});

function signOutLocally(messageKey) {
  stopWatching();
  state.token = null;
  state.username = null;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USERNAME_KEY);
  if (state.view) state.view = { ...state.view, reason: null };
  renderView();
  renderAccount();
  if (messageKey) setMessage(messageKey, {}, { tone: "info" });
}

$("keluar").addEventListener("click", async () => {
  const token = state.token;
  signOutLocally(null);
  if (state.view) startPolling();
  try {
    await graphql(LOGOUT, {}, { token }); // revoke the token on the server too
  } catch {
    // it expires on its own; this tab has forgotten it already
  }
  $("pengguna").focus();
});

// --- language ---------------------------------------------------------------------------------

onLanguageButton(state, renderAll);

// --- start ------------------------------------------------------------------------------------

state.api = apiAddress(params.get("api"));
$("masuk-isian").disabled = false;
renderAll();
if (!state.api) {
  setMessage("badApi", { api: params.get("api") });
  for (const element of document.querySelectorAll("form button, form input")) element.disabled = true;
} else if (params.get("nomor")) {
  $("nomor").value = params.get("nomor");
  track(params.get("nomor").trim());
}
