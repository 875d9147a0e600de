/*
 * CETTAR's GraphiQL: the vendored GraphiQL (see ../README.md) with the example
 * operations of schema/graphiql/examples.py as tabs. Every request goes to the
 * origin that served this page: the Content-Security-Policy allows nothing else.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("cettar-graphiql-config").textContent);
  // The <style> element react-remove-scroll adds while a dialog is open takes this
  // nonce, which the page's Content-Security-Policy allows (get-nonce reads it).
  window.__webpack_nonce__ = config.styleNonce;
  var endpoint = window.location.origin + window.location.pathname;
  var socket = new URL(endpoint);
  socket.protocol = socket.protocol === "https:" ? "wss:" : "ws:";

  var fetcher = GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: socket.toString() });

  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [GraphiQLPluginExplorer.explorerPlugin()],
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      // A bearer token is not kept in the browser's storage unless the user turns it on
      // (Settings → Persist headers).
      shouldPersistHeaders: false,
      showPersistHeadersSettings: true,
      inputValueDeprecation: true,
    }),
  );
})();
