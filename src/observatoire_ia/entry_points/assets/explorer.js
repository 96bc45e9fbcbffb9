/* The claim explorer (« Explorer les affirmations »): filters kept in the URL, result counts
   announced politely, each claim or the whole selection copied for a leaflet. Its data are
   script files (assets/explorer/claims.<lang>*.js), so it also works from file:// and in a ZIM.
   The page loads the head only (facets, their counts, the total, the first claims): the rest
   (one file, or one per theme past a size budget) is loaded when the reader needs it, at the
   first filter, words, « more », copy of the selection, or at once for an address with filters.
   No third-party code; without JavaScript the page links to the theme pages. */
(function () {
  "use strict";
  var box = document.getElementById("explorer");
  if (!box) { return; }
  var queue = window.observatoireExplorer = window.observatoireExplorer || [];
  var FILTERS = ["theme", "kind", "source", "org", "date"];
  var ui = box.querySelector(".explorer-ui");
  var form = box.querySelector(".explorer-filters");
  var words = form.elements.q;
  var count = box.querySelector(".explorer-count");
  var feedback = box.querySelector(".explorer-feedback");
  var list = box.querySelector(".explorer-results");
  var more = box.querySelector(".explorer-more");
  var root = box.getAttribute("data-root") || "";
  var lang = document.documentElement.lang || "fr";
  var data = null; // the head: facets, counts, tables, parts
  var claims = [];
  var loaded = {};
  var requested = {};
  var waiting = []; // called once every part asked for has arrived
  var shown = [];
  var size = 0; // claims in the selection (the head alone: the total it announces)
  var busy = false; // the list waits for parts
  var announceTimer = null;

  function message(name, n) {
    var text = box.getAttribute("data-" + name) || "";
    return n === undefined ? text : text.replace("{n}", n);
  }

  // Accents, case, ligatures and French no-break spaces do not count.
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/[\u00a0\u202f\s]+/g, " ");
  }

  function escape(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  function unique(values) {
    return values.filter(function (value, index) { return values.indexOf(value) === index; });
  }

  // A compact record -> what the list shows and copies (its page row, its sources' table).
  function expand(record) {
    var page = data.pages[record.p];
    var sources = unique(record.cite.map(function (c) { return c[0]; }));
    return {
      n: record.n, id: record.id, text: record.text, kinds: record.kinds, cite: record.cite,
      url: record.url, date: record.date, when: record.when, textLang: record.textLang,
      page: page[0], title: page[1], theme: page[2], sources: sources,
      short: unique(sources.map(function (k) { return data.refs[k][0]; })).join("; "),
      orgs: unique(sources.map(function (k) { return data.refs[k][1]; }).filter(Boolean))
    };
  }

  function add(entry) {
    if (entry.facets) { data = entry; }
    if (!data) { return; }
    (entry.claims || []).forEach(function (record) { claims.push(expand(record)); });
    claims.sort(function (a, b) { return a.n - b.n; });
    if (entry.part) { loaded[entry.part] = true; }
  }

  // -- state: the form <-> the URL -----------------------------------------------------------

  function state() {
    var current = { q: words.value.trim() };
    FILTERS.forEach(function (name) { current[name] = form.elements[name].value; });
    current.terms = fold(current.q).split(" ").filter(Boolean);
    return current;
  }

  function query(current) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (current[name]) { params.set(name, current[name]); } });
    if (current.q) { params.set("q", current.q); }
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var value = params.get(name);
      var select = form.elements[name];
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    words.value = params.get("q") || "";
  }

  function remember(current) {
    var search = query(current);
    try {
      window.history.replaceState(null, "", window.location.pathname + search);
    } catch (error) { /* a file:// copy may refuse: the filters still work */ }
    // « Partager cette page » shares the filtered view.
    var url = box.getAttribute("data-url") + search;
    document.querySelectorAll(".share[data-share-url]").forEach(function (block) {
      block.setAttribute("data-share-url", url);
      var telegram = block.querySelector("a.share__telegram");
      if (telegram) {
        telegram.href = "https://t.me/share/url?url=" + encodeURIComponent(url) +
          "&text=" + encodeURIComponent(block.getAttribute("data-share-text") || "");
      }
    });
  }

  // -- filtering --------------------------------------------------------------------------------

  function filtered(current) {
    return current.terms.length > 0 || FILTERS.some(function (name) { return current[name]; });
  }

  // The parts a selection needs that have not arrived: none for the first view (the head
  // holds it), the theme's own file for a theme when split per theme, else every part.
  function missing(current, everything) {
    if (!everything && !filtered(current)) { return []; }
    var names = Object.keys(data.parts);
    if (data.byTheme && current.theme) {
      names = names.filter(function (name) { return name === current.theme; });
    }
    return names.filter(function (name) { return !loaded[name]; });
  }

  function complete() {
    return Object.keys(data.parts).every(function (name) { return loaded[name]; });
  }

  function matches(claim, current, skip) {
    if (skip !== "theme" && current.theme && claim.theme !== current.theme) { return false; }
    if (skip !== "kind" && current.kind && claim.kinds.indexOf(current.kind) < 0) { return false; }
    if (skip !== "source" && current.source && claim.sources.indexOf(current.source) < 0) { return false; }
    if (skip !== "org" && current.org && claim.orgs.indexOf(current.org) < 0) { return false; }
    if (skip !== "date" && current.date && (claim.date || "").slice(0, 4) !== current.date) { return false; }
    if (!current.terms.length) { return true; }
    if (claim.search === undefined) { // folded once, on the first search
      claim.search = fold([claim.text, claim.title, claim.short,
        claim.cite.map(function (c) { return c[1]; }).join(" ")].join(" "));
    }
    return current.terms.every(function (term) { return claim.search.indexOf(term) >= 0; });
  }

  function fill() {
    var labels = { theme: "all-themes", kind: "all-kinds", source: "all-sources",
      org: "all-organisations", date: "all-dates" };
    FILTERS.forEach(function (name) {
      var select = form.elements[name];
      select.appendChild(new Option(message(labels[name]), ""));
      var groups = {};
      data.facets[name].forEach(function (facet) {
        var option = new Option(facet[1], facet[0]);
        option.setAttribute("data-label", facet[1]);
        var parent = select;
        if (facet[2]) { // sources: union texts, then the others
          if (!groups[facet[2]]) {
            groups[facet[2]] = document.createElement("optgroup");
            groups[facet[2]].label = message(facet[2] === "union" ? "union-texts" : "other-sources");
            select.appendChild(groups[facet[2]]);
          }
          parent = groups[facet[2]];
        }
        parent.appendChild(option);
      });
    });
  }

  // Each option says how many claims it would show with the other filters as they are
  // (before any filter, the head's counts).
  function countOptions(current) {
    var whole = complete();
    var known = whole || !filtered(current);
    FILTERS.forEach(function (name) {
      var counts = whole ? {} : data.counts[name], total = whole ? 0 : data.total;
      if (whole) {
        claims.forEach(function (claim) {
          if (!matches(claim, current, name)) { return; }
          total += 1;
          var values = name === "theme" ? [claim.theme] : name === "date" ? [(claim.date || "").slice(0, 4)]
            : name === "kind" ? claim.kinds : name === "source" ? claim.sources : claim.orgs;
          values.forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
      }
      Array.prototype.forEach.call(form.elements[name].options, function (option) {
        var label = option.value ? option.getAttribute("data-label") : option.text.replace(/ \(\d+\)$/, "");
        var n = option.value ? counts[option.value] || 0 : total;
        option.text = known ? label + " (" + n + ")" : label;
      });
    });
  }

  function leaflet(claim) {
    var url = claim.url || data.shareUrl.replace("{id}", claim.id);
    return [claim.text, claim.short ? "(" + claim.short + ")" : "", url]
      .filter(Boolean).join("\n");
  }

  function item(claim) {
    var separator = lang === "fr" ? "\u202f; " : "; ";
    var cites = claim.cite.map(function (cite) {
      return "<a href=\"" + escape(root + data.bibliography + "#ref-" + cite[0]) + "\">" +
        escape(cite[1]) + "</a>";
    }).join(separator);
    var page = root + claim.page + "#" + claim.id;
    var share = data.share ? "<a class=\"explorer-share\" href=\"" +
      escape(root + data.share.replace("{id}", claim.id)) + "\" aria-label=\"" +
      escape(message("share") + " (" + claim.id + ")") + "\">↗</a>" : "";
    return "<li class=\"explorer-result\" data-id=\"" + escape(claim.id) + "\">" +
      "<p class=\"explorer-result__text\"" +
      (claim.textLang ? " lang=\"" + escape(claim.textLang) + "\"" : "") + ">" + escape(claim.text) + "</p>" +
      "<p class=\"explorer-result__meta\"><span class=\"explorer-result__cite\">[" + cites + "]</span> · " +
      "<a href=\"" + escape(root + claim.page) + "\">" + escape(claim.title) + "</a>" +
      (claim.when ? " · <time datetime=\"" + escape(claim.date) + "\">" + escape(claim.when) + "</time>" : "") +
      "</p><p class=\"claim-tools explorer-result__tools\">" +
      "<a class=\"explorer-permalink\" href=\"" + escape(page) + "\" aria-label=\"" +
      escape(message("permalink") + " (" + claim.id + ")") + "\">#</a>" + share +
      "<button type=\"button\" class=\"explorer-leaflet\" aria-label=\"" +
      escape(message("leaflet") + " (" + claim.id + ")") + "\">" + escape(message("leaflet")) +
      "</button></p></li>";
  }

  // Forty at a time (« Afficher 40 de plus »): a short page on a slow phone; copying takes
  // the whole selection.
  function show(selection, from) {
    var step = data.step || 40;
    var start = from || 0;
    var end = Math.min(selection.length, start + step);
    var html = selection.slice(start, end).map(item).join("");
    if (start) { list.insertAdjacentHTML("beforeend", html); } else { list.innerHTML = html; }
    list.setAttribute("data-shown", end);
    var left = size - end;
    more.hidden = left <= 0;
    more.textContent = message("more", Math.min(step, left)) + " (" + message("left", left) + ")";
  }

  function announce(text, immediately) {
    window.clearTimeout(announceTimer);
    if (immediately) { count.textContent = text; return; }
    // While a reader types, one announcement once they pause.
    announceTimer = window.setTimeout(function () { count.textContent = text; }, 700);
  }

  // The claims the form selects (before any filter with the head alone: its first claims,
  // and the total it announces).
  function select(current) {
    shown = claims.filter(function (claim) { return matches(claim, current); });
    size = filtered(current) || complete() ? shown.length : data.total;
  }

  function refresh(immediately) {
    var current = state();
    remember(current);
    var absent = missing(current);
    busy = absent.length > 0;
    if (busy) {
      load(absent);
      list.innerHTML = "";
      list.setAttribute("aria-busy", "true");
      more.hidden = true;
      announce(message("loading"), true);
      return;
    }
    list.removeAttribute("aria-busy");
    select(current);
    show(shown);
    countOptions(current);
    box.querySelector(".explorer-copy-all").disabled = size === 0;
    announce(size === 0 ? message("count-none") : size === 1
      ? message("count-one") : message("count-many", size), immediately);
  }

  // -- the rest of the data, when needed --------------------------------------------------------

  function load(parts) {
    parts.forEach(function (part) {
      if (requested[part] || !data.parts[part]) { return; }
      requested[part] = true;
      var script = document.createElement("script");
      script.src = box.getAttribute("data-data") + data.parts[part];
      script.async = false;
      // A bad line: say so, and let the next filter or button try again.
      script.onerror = function () {
        requested[part] = false;
        script.remove();
        var callbacks = waiting;
        waiting = [];
        callbacks.forEach(function (callback) { callback.reject(new Error(part)); });
        if (busy) { announce(message("load-failed"), true); }
      };
      document.body.appendChild(script);
    });
  }

  // Resolves once the selection's claims are all in (`everything`: also without a filter).
  function ready(everything) {
    var absent = missing(state(), everything);
    if (!absent.length) { return null; }
    load(absent);
    return new Promise(function (resolve, reject) {
      waiting.push({ resolve: resolve, reject: reject });
    });
  }

  function arrived() {
    if (busy) { refresh(true); } else { select(state()); countOptions(state()); }
    var pending = Object.keys(requested).some(function (name) { return !loaded[name]; });
    if (pending) { return; }
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (callback) { callback.resolve(); });
  }

  // -- copying ----------------------------------------------------------------------------------

  // `text`: a string, or a promise of one while the selection's data arrives.
  function copy(text) {
    if (typeof text !== "string") {
      if (navigator.clipboard && window.isSecureContext && window.ClipboardItem) {
        // A promise in the item keeps the reader's tap valid for the write, however slow the line.
        var blob = text.then(function (value) { return new Blob([value], { type: "text/plain" }); });
        return navigator.clipboard.write([new window.ClipboardItem({ "text/plain": blob })])
          .catch(function () { return text.then(copy); });
      }
      return text.then(copy);
    }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "explorer-copy-area";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(area);
      return done ? Promise.resolve() : Promise.reject(new Error("copy"));
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(fallback);
    }
    return fallback();
  }

  function tell(text) {
    feedback.textContent = "";
    window.setTimeout(function () { feedback.textContent = text; }, 50);
  }

  function copied(text, done) {
    copy(text).then(function () { tell(typeof done === "function" ? done() : done); },
      function () { tell(message("copy-failed")); });
  }

  function more40() {
    var from = Number(list.getAttribute("data-shown"));
    show(shown, from);
    var first = list.children[from];
    if (first) { first.setAttribute("tabindex", "-1"); first.focus(); } // where reading goes on
  }

  box.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) { return; }
    if (target === more) {
      var later = ready(true);
      if (!later) { more40(); return; }
      if (more.getAttribute("aria-busy")) { return; } // already asked
      more.setAttribute("aria-busy", "true");
      var asked = query(state());
      later.then(function () {
        more.removeAttribute("aria-busy");
        if (query(state()) === asked) { more40(); } // unless the filters changed meanwhile
      }, function () {
        more.removeAttribute("aria-busy");
        tell(message("load-failed"));
      });
    } else if (target.classList.contains("explorer-copy-all")) {
      var all = function () { return shown.map(leaflet).join("\n\n"); };
      var done = function () { return message("copied-all", shown.length); };
      var pending = ready(true);
      copied(pending ? pending.then(all) : all(), done);
    } else if (target.classList.contains("explorer-copy-link")) {
      copied(box.getAttribute("data-url") + query(state()), message("link-copied"));
    } else if (target.classList.contains("explorer-leaflet")) {
      var id = target.closest(".explorer-result").getAttribute("data-id");
      var claim = claims.filter(function (c) { return c.id === id; })[0];
      if (claim) { copied(leaflet(claim), message("copied")); }
    }
  });

  // -- start ------------------------------------------------------------------------------------

  queue.forEach(add);
  if (!data) { return; } // no data: the notice for readers without JavaScript stays
  queue.push = function (entry) { add(entry); arrived(); return queue.length; };
  // A reader reaching for a filter or a button will need the rest: start fetching it.
  var prefetch = function () { load(missing(state(), true)); };
  [form, box.querySelector(".explorer-actions"), more].forEach(function (area) {
    area.addEventListener("focusin", prefetch);
    area.addEventListener("pointerdown", prefetch);
  });
  fill();
  restore();
  box.querySelector(".explorer-nojs").hidden = true;
  ui.hidden = false;
  form.addEventListener("change", function () { refresh(true); });
  words.addEventListener("input", function () { refresh(false); });
  form.addEventListener("submit", function (event) { event.preventDefault(); refresh(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { refresh(true); }, 0); });
  refresh(true);
})();
