/* Observatoire: load search (worker and index) on first use, in the page's language only.
   Material (unchanged) requests search/search_index.json as soon as a page loads; this shim,
   loaded before Material's bundle, holds that one request until the reader opens search and
   points it at search/search_index.<lang>.json. Nothing else is touched; file:// copies
   (offline kit) load the index as Material does.
   With data-search="pagefind" (online, quality/pagefind.py), Material's search worker is
   replaced by a stand-in that answers Material's messages with Pagefind, which fetches only
   the index chunks a query needs; Material's search box, results and highlighting stay. */
(function () {
  "use strict";
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (!proto || location.protocol === "file:") return;
  var open = proto.open, send = proto.send, held = [], released = false;
  var lang = (document.documentElement.getAttribute("lang") || "").slice(0, 2).toLowerCase();
  var script = document.currentScript;
  var files = (script && script.getAttribute("data-langs")) || "";
  var perLanguage = lang && (" " + files + " ").indexOf(" " + lang + " ") >= 0;
  var pagefind = script && script.getAttribute("data-search") === "pagefind" && script.src;
  var root = pagefind ? script.src.replace(/assets\/javascripts\/search-lazy\.js([?#].*)?$/, "") : "";
  var SHOWN = 10; // results whose text is fetched (Material shows 10 before scrolling)

  // Material's search messages: 0 setup, 1 ready, 2 query, 3 result.
  function PagefindSearch() {
    var target = new EventTarget(), loading = null, asked = 0;
    function post(message) {
      setTimeout(function () {
        target.dispatchEvent(new MessageEvent("message", { data: message }));
      }, 0);
    }
    function load() {
      loading = loading || import(root + "pagefind/pagefind.js").then(function (module) {
        var options = { baseUrl: new URL(root).pathname, excerptLength: 24 };
        return module.options(options).then(function () { return module; });
      });
      return loading;
    }
    function text(value) { // Pagefind escapes < and >; Material writes results as HTML
      return String(value || "").replace(/&(?!(lt|gt);)/g, "&amp;");
    }
    function escape(value) {
      return text(value).replace(/</g, "&lt;").replace(/>/g, "&gt;");
    }
    function count(total) { // the number of pages found, not only of those shown
      var meta = document.querySelector(".md-search-result__meta");
      var config = document.getElementById("__config");
      if (!meta || !config || total <= SHOWN) return;
      var other = (JSON.parse(config.textContent).translations || {})["search.result.other"];
      if (other) meta.textContent = other.replace("#", String(total));
    }
    function query(value, number) {
      var words = value.split(/\s+/).filter(Boolean);
      if (!words.length) return post({ type: 3, data: { items: [] } });
      load().then(function (module) {
        return module.debouncedSearch(value, {}, 60);
      }).then(function (search) {
        if (!search || number !== asked) return null;
        var shown = search.results.slice(0, SHOWN).map(function (r) { return r.data(); });
        return Promise.all(shown).then(function (pages) {
          return { total: search.results.length, pages: pages };
        });
      }).then(function (found) {
        if (!found || number !== asked) return;
        var terms = {};
        words.forEach(function (word) { terms[word.toLowerCase()] = true; });
        var items = found.pages.map(function (page, rank) {
          var score = found.pages.length - rank;
          var group = [{ location: page.url, title: escape(page.meta.title || page.url),
            text: text(page.excerpt), score: score, terms: terms }];
          (page.sub_results || []).forEach(function (sub) {
            if (sub.url.indexOf("#") < 0) return;
            group.push({ location: sub.url, title: escape(sub.title), text: text(sub.excerpt),
              score: group.length > 1 ? score / 2 : score, terms: terms });
          });
          return group;
        });
        post({ type: 3, data: { items: items } });
        setTimeout(function () { count(found.total); }, 0);
      }).catch(function (error) {
        if (window.console) console.error("search:", error);
        post({ type: 3, data: { items: [] } });
      });
    }
    return {
      addEventListener: target.addEventListener.bind(target),
      removeEventListener: target.removeEventListener.bind(target),
      postMessage: function (message) {
        if (message.type === 0) { // ready once Pagefind and this language's index are in
          load().then(function (module) { return module.init(); }).then(
            function () { post({ type: 1 }); },
            function (error) { if (window.console) console.error("search:", error); });
        }
        else if (message.type === 2) query(String(message.data || ""), ++asked);
      },
      terminate: function () {}
    };
  }

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
        real = pagefind ? PagefindSearch() : new RealWorker(url, options);
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
