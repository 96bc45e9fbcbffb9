/* Observatoire: load search (worker and index) on first use, in the page's language only.
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

  // Material creates its search worker at start-up; start it on first use instead. The
  // stand-in keeps listeners and messages and hands them to the real worker then.
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!/workers\/search\.[^\/]*\.js/.test(String(url))) return new RealWorker(url, options);
      var real = null, listeners = [], queue = [];
      var proxy = {
        addEventListener: function (type, fn, opts) {
          listeners.push([type, fn, opts]);
          if (real) real.addEventListener(type, fn, opts);
        },
        removeEventListener: function (type, fn, opts) {
          listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== fn; });
          if (real) real.removeEventListener(type, fn, opts);
        },
        postMessage: function (message) {
          if (real) real.postMessage(message); else queue.push(message);
        },
        terminate: function () { if (real) real.terminate(); }
      };
      held.unshift(function () {
        real = new RealWorker(url, options);
        listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      });
      if (released) held.shift()();
      return proxy;
    };
    window.Worker.prototype = RealWorker.prototype;
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
  // Loaded after the first paint (issue 16): a reader may already be in the search field.
  var toggle = document.getElementById("__search");
  if (isSearch(document.activeElement) || (toggle && toggle.checked)) release();
})();
