/* Observatoire: load the search index on first use of search, in the page's language only.
   Material (unchanged) requests search/search_index.json as soon as a page loads; this shim,
   loaded before Material's bundle, holds that one request until the reader opens search and
   points it at search/search_index.<lang>.json. Nothing else is touched; file:// copies
   (offline kit) load the index as Material does. */
(function () {
  "use strict";
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (!proto || location.protocol === "file:") return;
  var open = proto.open, send = proto.send, held = [], released = false;
  var lang = (document.documentElement.getAttribute("lang") || "").slice(0, 2).toLowerCase();
  var files = (document.currentScript && document.currentScript.getAttribute("data-langs")) || "";
  var perLanguage = lang && (" " + files + " ").indexOf(" " + lang + " ") >= 0;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  proto.open = function (method, url) {
    var path = String(url).split(/[?#]/)[0];
    if (/(^|\/)search\/search_index\.json$/.test(path)) {
      this.__observatoireIndex = true;
      if (perLanguage) {
        arguments[1] = String(url).replace("search_index.json", "search_index." + lang + ".json");
      }
    }
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.__observatoireIndex && !released) {
      var request = this, args = arguments;
      held.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(this, arguments);
  };

  // A page opened from a search result (?h=…) highlights with the index: load it now.
  if (new URLSearchParams(location.search).has("h")) release();
  function isSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) release(); });
  document.addEventListener("pointerdown", function (event) { if (isSearch(event.target)) release(); });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  });
})();
