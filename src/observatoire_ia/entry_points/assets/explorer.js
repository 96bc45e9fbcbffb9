/* The claim explorer (« Explorer les affirmations »): filters kept in the URL, result counts
   announced politely, each claim or the whole selection copied for a leaflet. Its data is a
   script file (assets/explorer/claims.<lang>.js), so it also works from file:// and in a ZIM;
   past its size budget the data comes in one file per theme, loaded when shown.
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
  var data = null;
  var claims = [];
  var loaded = {};
  var requested = {};
  var shown = [];
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

  function add(entry) {
    if (entry.facets) { data = entry; }
    (entry.claims || []).forEach(function (claim) { claims.push(claim); });
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

  // Each option says how many claims it would show with the other filters as they are.
  function countOptions(current) {
    var complete = !data.parts || Object.keys(data.parts).every(function (p) { return loaded[p]; });
    FILTERS.forEach(function (name) {
      var counts = {}, total = 0;
      if (complete) {
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
        option.text = complete ? label + " (" + n + ")" : label;
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
      "<p class=\"explorer-result__text\">" + escape(claim.text) + "</p>" +
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
  var PAGE = 40;
  function show(selection, from) {
    var start = from || 0;
    var end = Math.min(selection.length, start + PAGE);
    var html = selection.slice(start, end).map(item).join("");
    if (start) { list.insertAdjacentHTML("beforeend", html); } else { list.innerHTML = html; }
    list.setAttribute("data-shown", end);
    var left = selection.length - end;
    more.hidden = left <= 0;
    more.textContent = message("more", Math.min(PAGE, left)) + " (" + message("left", left) + ")";
  }

  function announce(text, immediately) {
    window.clearTimeout(announceTimer);
    if (immediately) { count.textContent = text; return; }
    // While a reader types, one announcement once they pause.
    announceTimer = window.setTimeout(function () { count.textContent = text; }, 700);
  }

  function refresh(immediately) {
    var current = state();
    remember(current);
    var missing = data.parts ? wanted(current).filter(function (p) { return !loaded[p]; }) : [];
    if (missing.length) {
      load(missing);
      list.innerHTML = "";
      more.hidden = true;
      announce(message("loading"), true);
      return;
    }
    shown = claims.filter(function (claim) { return matches(claim, current); });
    show(shown);
    countOptions(current);
    box.querySelector(".explorer-copy-all").disabled = shown.length === 0;
    announce(shown.length === 0 ? message("count-none") : shown.length === 1
      ? message("count-one") : message("count-many", shown.length), immediately);
  }

  // -- data split per theme -------------------------------------------------------------------

  function wanted(current) {
    return current.theme ? [current.theme] : Object.keys(data.parts);
  }

  function load(parts) {
    parts.forEach(function (part) {
      if (requested[part] || !data.parts[part]) { return; }
      requested[part] = true;
      var script = document.createElement("script");
      script.src = box.getAttribute("data-data") + data.parts[part];
      script.async = false;
      document.body.appendChild(script);
    });
  }

  // -- copying ----------------------------------------------------------------------------------

  function copy(text) {
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
    copy(text).then(function () { tell(done); }, function () { tell(message("copy-failed")); });
  }

  box.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) { return; }
    if (target === more) {
      var from = Number(list.getAttribute("data-shown"));
      show(shown, from);
      var first = list.children[from];
      if (first) { first.setAttribute("tabindex", "-1"); first.focus(); } // where reading goes on
    } else if (target.classList.contains("explorer-copy-all")) {
      copied(shown.map(leaflet).join("\n\n"), message("copied-all", shown.length));
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
  queue.push = function (entry) { add(entry); refresh(true); return queue.length; };
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
