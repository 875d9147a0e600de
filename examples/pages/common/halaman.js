// What the citizen pages share on the page itself: two languages (Bahasa Indonesia first,
// English with `?lang=en` or the button `#bahasa`; every element with `data-t` shows the text of
// that key) and the message box `#pesan`.

export const LANGUAGES = ["id", "en"];
export const LOCALES = { id: "id-ID", en: "en-GB" };

export const $ = (id) => document.getElementById(id);

/** The language `?lang=` asks for, or Bahasa Indonesia. */
export function addressLanguage(params) {
  return LANGUAGES.includes(params.get("lang")) ? params.get("lang") : "id";
}

/** The text `key` of `texts[language]` (else Bahasa Indonesia's), `{name}` replaced from `params`. */
export function fill(texts, language, key, params = {}) {
  const template = texts[language]?.[key] ?? texts.id[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The document's language, title, `data-t` texts and the language button, with `text(key)`. */
export function applyPageTexts(language, text) {
  document.documentElement.lang = language;
  document.title = text("pageTitle");
  for (const element of document.querySelectorAll("[data-t]")) element.textContent = text(element.dataset.t);
  const toggle = $("bahasa");
  toggle.textContent = text("switchLanguage");
  toggle.lang = language === "id" ? "en" : "id"; // read out in the language it names
}

/** The button `#bahasa` switches `state.language`, keeps it in the address (`?lang=`) and calls `render`. */
export function onLanguageButton(state, render) {
  $("bahasa").addEventListener("click", () => {
    state.language = state.language === "id" ? "en" : "id";
    const url = new URL(location.href);
    if (state.language === "id") url.searchParams.delete("lang");
    else url.searchParams.set("lang", state.language);
    history.replaceState(null, "", url);
    render();
  });
}

/** The message box `#pesan`: hidden without a message, else its `raw` text or `text(key, params)`. */
export function showMessage(message, text) {
  const element = $("pesan");
  if (!message) {
    element.hidden = true;
    element.textContent = "";
    return;
  }
  element.hidden = false;
  element.className = `pesan ${message.tone ?? "galat"}`;
  element.textContent = message.raw ?? text(message.key, message.params);
}
