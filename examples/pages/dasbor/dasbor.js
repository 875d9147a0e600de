// Dasbor kinerja CETTAR: an agency's CETTAR scorecard month by month.
//
// The user picks a kabupaten/kota (`regions`), an agency in it (`agencies`) and a period of whole
// months. The page asks `cettarScorecard(period, agencyCode)` for the period's values and their
// monthly series (`months`), drawn as one inline-SVG bar chart per measure with the figures in a
// table, and `cettarAgencyRanking` (one alias per measure) for the agency's place among the
// agencies of its kabupaten/kota (the province, for a provincial agency). Public API only: no
// sign-in, no token, nothing stored.

import { apiAddress, graphql as post } from "../common/api.js";
import { $, addressLanguage, applyPageTexts, fill, LOCALES, onLanguageButton, showMessage } from "../common/halaman.js";
import { barChart } from "./grafik.js";
import { MEASURES, TEXT } from "./teks.js";

const REQUEST_TIMEOUT_MS = 30_000;
const PAGE = 100; // the API's largest page
const PROVINCE = "35";
const DEFAULT_MONTHS = 6;
const MAX_MONTHS = 60;

const REGIONS = `query Wilayah {
  regions(parentCode: "${PROVINCE}", first: ${PAGE}) { nodes { code name kind } }
}`;

const AGENCIES = `query Instansi($wilayah: String!, $setelah: String) {
  agencies(regionCode: $wilayah, first: ${PAGE}, after: $setelah) {
    pageInfo { hasNextPage endCursor }
    nodes { code name regionCode }
  }
}`;

const AGENCY = `query SatuInstansi($kode: String!) {
  agency(code: $kode) { code name regionCode }
}`;

const SHARE = "numerator denominator ratio";
const MEASURE_FIELDS = `
    cepat { onTime { ${SHARE} } medianWorkingDays }
    efektif { withoutCounterVisit { ${SHARE} } officeVisitsAvoided }
    tanggap { verifiedInTime { ${SHARE} } followedUpInTime { ${SHARE} } medianHoursToFirstResponse }
    transparan { applications { ${SHARE} } complaints { ${SHARE} } overall { ${SHARE} } }
    responsif { respondents index grade }`;

const SCORECARD = `query Skor($periode: PeriodInput!, $instansi: String!) {
  cettarScorecard(period: $periode, agencyCode: $instansi) {
    scope { kind code name }
    periodStart periodEnd
    ${MEASURE_FIELDS}
    akuntabel { transitions { ${SHARE} } auditChain { verified checkedRecords } }
    months {
      month
      ${MEASURE_FIELDS}
      akuntabel { transitions { ${SHARE} } }
    }
  }
}`;

const RANKED = `totalCount
    pageInfo { hasNextPage endCursor }
    nodes { position rank value numerator denominator agency { code name } }`;

// The first page of the ranking by each measure, in one request.
const RANKINGS = `query Peringkat($periode: PeriodInput!, $wilayah: String) {
${MEASURES.map(
  (m) => `  ${m}: cettarAgencyRanking(
    period: $periode, regionCode: $wilayah, measure: ${m.toUpperCase()}, first: ${PAGE}
  ) {
    ${RANKED}
  }`,
).join("\n")}
}`;

// A further page of one ranking, while the agency has not been found.
const RANKING_PAGE = `query PeringkatLanjut(
  $periode: PeriodInput!, $wilayah: String, $ukuran: CettarMeasure!, $setelah: String
) {
  cettarAgencyRanking(period: $periode, regionCode: $wilayah, measure: $ukuran, first: ${PAGE}, after: $setelah) {
    ${RANKED}
  }
}`;

const params = new URLSearchParams(location.search);
const state = {
  api: null,
  language: addressLanguage(params),
  regions: [], // [{code, name, kind}] of the kabupaten/kota
  agencies: [], // the chosen region's agencies
  agenciesLoading: false,
  message: null, // {key, params, tone} or {raw} or null
  result: null, // {agency, from, to, card, ranking, rankingRegion}
  busy: false,
  generation: 0, // bumped by each request for results: older answers are dropped
};

// --- the API over HTTP ------------------------------------------------------------------------

/** POST one operation; its `data`, or an ApiError for the first error. */
function graphql(query, variables = {}) {
  return post(state.api, query, variables, { language: state.language, timeoutMs: REQUEST_TIMEOUT_MS });
}

// --- numbers, months and texts ----------------------------------------------------------------

function text(key, values) {
  return fill(TEXT, state.language, key, values);
}

const locale = () => LOCALES[state.language];

function percent(ratio) {
  return new Intl.NumberFormat(locale(), {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(ratio);
}

function number(value, digits = 2) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

function indexText(value) {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** `80,0% (4/5)`, or a dash when there is nothing to measure. */
function shareText(share) {
  if (!share || share.ratio === null || share.ratio === undefined) return "–";
  return `${percent(share.ratio)} (${number(share.numerator, 0)}/${number(share.denominator, 0)})`;
}

function monthDate(month) {
  const [year, index] = month.split("-").map(Number);
  return new Date(Date.UTC(year, index - 1, 1));
}

function monthName(month) {
  const format = new Intl.DateTimeFormat(locale(), { month: "long", year: "numeric", timeZone: "UTC" });
  return format.format(monthDate(month));
}

function monthShort(month) {
  const format = new Intl.DateTimeFormat(locale(), { month: "short", year: "2-digit", timeZone: "UTC" });
  return format.format(monthDate(month));
}

function dayText(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** The current WIB month, `YYYY-MM`. */
function currentMonth() {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" })
    .formatToParts(new Date())
    .reduce((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}`;
}

function addMonths(month, count) {
  const [year, index] = month.split("-").map(Number);
  const total = year * 12 + (index - 1) + count;
  return `${String(Math.floor(total / 12)).padStart(4, "0")}-${String((total % 12) + 1).padStart(2, "0")}`;
}

function monthsBetween(from, to) {
  const [a, b] = [from, to].map((m) => m.split("-").map(Number));
  return (b[0] - a[0]) * 12 + (b[1] - a[1]) + 1;
}

function lastDay(month) {
  const [year, index] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(year, index, 0)).getUTCDate()).padStart(2, "0")}`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The kabupaten/kota of a region code (`35.78.01` → `35.78`); the province stays `35`. */
function regencyOf(code) {
  return code.split(".").slice(0, 2).join(".");
}

function regionLabel(code) {
  if (code === PROVINCE) return text("province");
  const region = state.regions.find((r) => r.code === code);
  return region ? text(region.kind, { name: region.name }) : code;
}

// --- the measures: headline value and details ---------------------------------------------------

function sum(a, b) {
  const numerator = (a?.numerator ?? 0) + (b?.numerator ?? 0);
  const denominator = (a?.denominator ?? 0) + (b?.denominator ?? 0);
  return { numerator, denominator, ratio: denominator ? numerator / denominator : null };
}

/** The measure's headline in `figures` (the period's or a month's): {value 0–100 or null, text}. */
function headline(measure, figures) {
  if (measure === "responsif") {
    const survey = figures.responsif;
    if (!survey || survey.index === null || survey.index === undefined) return { value: null, text: "–" };
    return {
      value: survey.index,
      text: `${indexText(survey.index)} (${text("respondents", { count: number(survey.respondents, 0) })})`,
    };
  }
  const share = {
    cepat: () => figures.cepat.onTime,
    efektif: () => figures.efektif.withoutCounterVisit,
    tanggap: () => sum(figures.tanggap.verifiedInTime, figures.tanggap.followedUpInTime),
    transparan: () => figures.transparan.overall,
    akuntabel: () => figures.akuntabel.transitions,
  }[measure]();
  return { value: share.ratio === null ? null : share.ratio * 100, text: shareText(share) };
}

const dash = (value, format) => (value === null || value === undefined ? "–" : format(value));

/** The rows `[key, label, value]` under each measure's headline in "values over the period". */
function details(measure, card) {
  switch (measure) {
    case "cepat":
      return [
        ["onTime", shareText(card.cepat.onTime)],
        ["medianWorkingDays", dash(card.cepat.medianWorkingDays, (v) => number(v))],
      ];
    case "efektif":
      return [
        ["withoutCounterVisit", shareText(card.efektif.withoutCounterVisit)],
        ["officeVisitsAvoided", number(card.efektif.officeVisitsAvoided, 0)],
      ];
    case "tanggap":
      return [
        ["verifiedInTime", shareText(card.tanggap.verifiedInTime)],
        ["followedUpInTime", shareText(card.tanggap.followedUpInTime)],
        ["medianHoursToFirstResponse", dash(card.tanggap.medianHoursToFirstResponse, (v) => number(v, 1))],
      ];
    case "transparan":
      return [
        ["applications", shareText(card.transparan.applications)],
        ["complaints", shareText(card.transparan.complaints)],
        ["overall", shareText(card.transparan.overall)],
      ];
    case "akuntabel": {
      const chain = card.akuntabel.auditChain;
      const chainText = chain
        ? text(chain.verified ? "chainIntact" : "chainBroken", { count: number(chain.checkedRecords, 0) })
        : "–";
      return [
        ["transitions", shareText(card.akuntabel.transitions)],
        ["auditChain", chainText],
      ];
    }
    default:
      return [
        ["respondentsLabel", number(card.responsif.respondents, 0)],
        ["indexLabel", dash(card.responsif.index, indexText)],
        ["gradeLabel", dash(card.responsif.grade, String)],
      ];
  }
}

// --- rendering --------------------------------------------------------------------------------

function node(name, attributes = {}, content = null) {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (content !== null) element.textContent = content;
  return element;
}

function applyStaticTexts() {
  applyPageTexts(state.language, text);
  $("tampilkan").textContent = text(state.busy ? "loading" : "show");
}

function renderRegions() {
  const select = $("wilayah");
  const chosen = select.value;
  select.replaceChildren(
    node("option", { value: PROVINCE }, text("province")),
    ...state.regions.map((r) => node("option", { value: r.code }, text(r.kind, { name: r.name }))),
  );
  if (chosen) select.value = chosen;
}

function renderAgencies() {
  const select = $("instansi");
  const chosen = select.value;
  if (state.agenciesLoading) {
    select.replaceChildren(node("option", { value: "" }, text("loadingAgencies")));
    return;
  }
  if (state.agencies.length === 0) {
    select.replaceChildren(node("option", { value: "" }, text("noAgencies")));
    return;
  }
  select.replaceChildren(...state.agencies.map((a) => node("option", { value: a.code }, a.name)));
  if (chosen && state.agencies.some((a) => a.code === chosen)) select.value = chosen;
}

function renderMessage() {
  showMessage(state.message, text);
}

function setMessage(key, values = {}, tone = "galat") {
  state.message = { key, params: values, tone };
  renderMessage();
}

function failed(failure) {
  if (failure.code === "OFFLINE") setMessage("offline");
  else state.message = { raw: text("apiError", { message: failure.message }) };
  renderMessage();
}

function renderResult() {
  const section = $("hasil");
  const result = state.result;
  if (!result) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const { card } = result;
  $("hasil-judul").textContent = text("resultTitle", { agency: card.scope.name });
  $("hasil-periode").textContent = text("periodLine", {
    from: dayText(card.periodStart),
    to: dayText(card.periodEnd),
    code: card.scope.code,
  });
  renderValues(card);
  renderCharts(card);
  renderTable(card);
  renderRanking(result);
}

function renderValues(card) {
  const cards = MEASURES.map((measure) => {
    const main = headline(measure, card);
    const article = node("article", {
      class: "ukuran",
      id: `nilai-${measure}`,
      "aria-labelledby": `nilai-${measure}-nama`,
    });
    const empty = main.value === null;
    article.append(
      node("h4", { id: `nilai-${measure}-nama` }, text(measure)),
      node("p", { class: "ukuran-arti" }, text(`${measure}Headline`)),
      node("p", { class: empty ? "angka kosong" : "angka", "data-angka": measure }, empty ? text("noData") : main.text),
    );
    const list = node("dl", { class: "rincian" });
    for (const [key, value] of details(measure, card)) {
      const row = node("div");
      row.append(node("dt", {}, text(key)), node("dd", { "data-rincian": `${measure}.${key}` }, value));
      list.append(row);
    }
    const formula = node("p", { class: "rumus" });
    formula.append(node("strong", {}, `${text("formula")}: `), document.createTextNode(text(`${measure}Formula`)));
    article.append(list, formula);
    return article;
  });
  $("nilai").replaceChildren(...cards);
}

function renderCharts(card) {
  const figures = MEASURES.map((measure) => {
    const points = card.months.map((month) => ({
      month: month.month,
      label: monthName(month.month),
      short: monthShort(month.month),
      ...headline(measure, month),
    }));
    const headlineText = text(`${measure}Headline`);
    const description = text("chartLabel", {
      measure: text(measure),
      headline: headlineText,
      values: points.map((p) => text("chartValue", { month: p.label, value: p.text })).join("; "),
    });
    const figure = node("figure", { class: "grafik-kartu", "data-ukuran": measure });
    const caption = node("figcaption");
    caption.append(node("strong", {}, text(measure)), document.createTextNode(` — ${headlineText}`));
    const tick =
      measure === "responsif"
        ? (v) => number(v, 0)
        : (v) => new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(v / 100);
    const title = `${text(measure)}: ${headlineText}`;
    figure.append(caption, barChart({ id: `grafik-${measure}`, title, description, points, tick }));
    return figure;
  });
  $("grafik").replaceChildren(...figures);
}

function renderTable(card) {
  $("tabel-keterangan").textContent = text("tableCaption", { agency: card.scope.name });
  const head = node("tr");
  head.append(node("th", { scope: "col" }, text("month")));
  for (const measure of MEASURES) head.append(node("th", { scope: "col" }, text(measure)));
  $("tabel").tHead.replaceChildren(head);
  const rows = card.months.map((month) => {
    const row = node("tr", { "data-bulan": month.month });
    row.append(node("th", { scope: "row" }, monthName(month.month)));
    for (const measure of MEASURES) row.append(node("td", { "data-ukuran": measure }, headline(measure, month).text));
    return row;
  });
  $("tabel").tBodies[0].replaceChildren(...rows);
}

function rankedValue(measure, entry) {
  if (!entry || entry.value === null) return "–";
  if (measure === "responsif") return indexText(entry.value);
  return shareText({ ratio: entry.value, numerator: entry.numerator, denominator: entry.denominator });
}

function renderRanking(result) {
  const region = regionLabel(result.rankingRegion);
  const count = result.ranking.cepat?.totalCount ?? 0;
  $("peringkat-judul").textContent = text("rankingTitle", { region });
  $("peringkat-intro").textContent = text("rankingIntro", { region, count: number(count, 0) });
  const head = node("tr");
  for (const key of ["measure", "rank", "value", "leader"]) head.append(node("th", { scope: "col" }, text(key)));
  $("peringkat").tHead.replaceChildren(head);
  const rows = MEASURES.map((measure) => {
    const ranking = result.ranking[measure];
    const row = node("tr", { id: `peringkat-${measure}` });
    row.append(node("th", { scope: "row" }, text(measure)));
    const mine = ranking.mine;
    const rank =
      mine && mine.rank !== null
        ? text("rankOf", { rank: number(mine.rank, 0), count: number(ranking.totalCount, 0) })
        : text("unranked");
    row.append(
      node("td", { "data-kolom": "rank" }, rank),
      node("td", { "data-kolom": "value" }, rankedValue(measure, mine)),
    );
    const leader = ranking.leader;
    row.append(
      node(
        "td",
        { "data-kolom": "leader" },
        leader && leader.value !== null ? `${leader.agency.name} (${rankedValue(measure, leader)})` : "–",
      ),
    );
    return row;
  });
  $("peringkat").tBodies[0].replaceChildren(...rows);
}

function renderAll() {
  applyStaticTexts();
  renderRegions();
  renderAgencies();
  renderMessage();
  renderResult();
}

function setBusy(busy) {
  state.busy = busy;
  $("tampilkan").disabled = busy;
  $("tampilkan").textContent = text(busy ? "loading" : "show");
  $("hasil").setAttribute("aria-busy", String(busy));
}

// --- loading ----------------------------------------------------------------------------------

async function loadRegions() {
  const data = await graphql(REGIONS);
  state.regions = data.regions.nodes.filter((r) => r.kind === "KABUPATEN" || r.kind === "KOTA");
  renderRegions();
}

/** Every agency based in `region` (page after page), then `keep` chosen if given. */
async function loadAgencies(region, keep = null) {
  state.agenciesLoading = true;
  renderAgencies();
  const agencies = [];
  let after = null;
  try {
    do {
      const page = (await graphql(AGENCIES, { wilayah: region, setelah: after })).agencies;
      agencies.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  } finally {
    state.agenciesLoading = false;
  }
  // An agency based below the kabupaten/kota (in a kecamatan) is listed when it was asked for.
  if (keep && !agencies.some((a) => a.code === keep.code)) agencies.push(keep);
  state.agencies = agencies;
  renderAgencies();
  if (keep) $("instansi").value = keep.code;
}

/** The ranking by one measure, page after page until the agency is on it: {totalCount, mine, leader}. */
async function rankingOf(measure, first, variables, code) {
  let page = first;
  const leader = first.nodes[0] ?? null;
  let mine = page.nodes.find((n) => n.agency.code === code) ?? null;
  while (!mine && page.pageInfo.hasNextPage) {
    page = (
      await graphql(RANKING_PAGE, { ...variables, ukuran: measure.toUpperCase(), setelah: page.pageInfo.endCursor })
    ).cettarAgencyRanking;
    mine = page.nodes.find((n) => n.agency.code === code) ?? null;
  }
  return { totalCount: first.totalCount, mine, leader };
}

async function show() {
  const code = $("instansi").value;
  const from = $("dari").value;
  const to = $("sampai").value;
  if (!code) return refuse("chooseAgency", "instansi");
  if (!MONTH.test(from) || !MONTH.test(to)) return refuse("choosePeriod", MONTH.test(from) ? "sampai" : "dari");
  if (to < from) return refuse("periodReversed", "sampai");
  if (monthsBetween(from, to) > MAX_MONTHS) return refuse("periodTooLong", "sampai");
  const agency = state.agencies.find((a) => a.code === code);
  remember({ instansi: code, dari: from, sampai: to });
  const generation = ++state.generation;
  state.message = null;
  renderMessage();
  setBusy(true);
  const periode = { start: `${from}-01`, end: lastDay(to) };
  const rankingRegion = regencyOf(agency?.regionCode ?? PROVINCE);
  const variables = { periode, wilayah: rankingRegion };
  try {
    const [scorecard, rankings] = await Promise.all([
      graphql(SCORECARD, { periode, instansi: code }),
      graphql(RANKINGS, variables),
    ]);
    const ranking = {};
    await Promise.all(
      MEASURES.map(async (measure) => {
        ranking[measure] = await rankingOf(measure, rankings[measure], variables, code);
      }),
    );
    if (generation !== state.generation) return;
    state.result = { card: scorecard.cettarScorecard, ranking, rankingRegion };
    renderResult();
    $("pengumuman").textContent = text("shown", {
      agency: scorecard.cettarScorecard.scope.name,
      from: monthName(from),
      to: monthName(to),
    });
  } catch (failure) {
    if (generation !== state.generation) return;
    failed(failure);
  } finally {
    if (generation === state.generation) setBusy(false);
  }
}

function refuse(key, field) {
  setMessage(key);
  $(field).focus();
}

function remember(values) {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  history.replaceState(null, "", url);
}

// --- events -----------------------------------------------------------------------------------

$("wilayah").addEventListener("change", async () => {
  try {
    await loadAgencies($("wilayah").value);
  } catch (failure) {
    failed(failure);
  }
});

$("pilih").addEventListener("submit", (event) => {
  event.preventDefault();
  show();
});

onLanguageButton(state, renderAll);

// --- start ------------------------------------------------------------------------------------

async function start() {
  state.api = apiAddress(params.get("api"));
  renderAll();
  if (!state.api) {
    setMessage("badApi", { api: params.get("api") });
    return;
  }
  const to = MONTH.test(params.get("sampai") ?? "") ? params.get("sampai") : currentMonth();
  const from = MONTH.test(params.get("dari") ?? "") ? params.get("dari") : addMonths(to, 1 - DEFAULT_MONTHS);
  $("dari").value = from;
  $("sampai").value = to;
  try {
    await loadRegions();
    const wanted = params.get("instansi");
    const agency = wanted ? (await graphql(AGENCY, { kode: wanted })).agency : null;
    $("wilayah").value = agency ? regencyOf(agency.regionCode) : PROVINCE;
    await loadAgencies($("wilayah").value, agency);
    $("pilih-isian").disabled = false;
    if (wanted && !agency) setMessage("unknownAgency", { code: wanted });
    else if (agency) await show();
  } catch (failure) {
    failed(failure);
  }
}

start();
