/* Claims: copy a claim's permalink, and open a citation's preview on first tap (touch screens).
   No third-party code; everything degrades to plain links without JavaScript. */
(function () {
  "use strict";

  function absoluteUrl(hash) {
    var url = new URL(window.location.href);
    url.hash = hash;
    return url.toString();
  }

  function announce(element, message) {
    var live = document.getElementById("claims-live");
    if (!live) {
      live = document.createElement("div");
      live.id = "claims-live";
      live.className = "md-visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
    element.setAttribute("data-state", "copied");
    window.setTimeout(function () { element.removeAttribute("data-state"); }, 2000);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  document.addEventListener("click", function (event) {
    var permalink = event.target.closest && event.target.closest("a.claim-permalink");
    if (permalink) {
      var hash = permalink.getAttribute("href");
      var url = absoluteUrl(hash);
      history.replaceState(null, "", hash);
      copyText(url).then(function () {
        announce(permalink, permalink.getAttribute("data-copied") || "OK");
      });
      event.preventDefault();
      return;
    }
    var citation = event.target.closest && event.target.closest("a.citation");
    var open = document.querySelectorAll(".citation-preview.is-open");
    if (citation && window.matchMedia("(hover: none)").matches) {
      var preview = document.getElementById(citation.getAttribute("aria-describedby"));
      if (preview && !preview.classList.contains("is-open")) {
        open.forEach(function (p) { p.classList.remove("is-open"); });
        preview.classList.add("is-open");
        event.preventDefault(); // first tap shows the reference, second tap follows the link
        return;
      }
    }
    open.forEach(function (p) { p.classList.remove("is-open"); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll(".citation-preview.is-open").forEach(function (p) {
        p.classList.remove("is-open");
      });
    }
  });


  // « lire dans le texte » for several passages (`?passages=56-57,60#p56`): the fragment lands
  // on the first passage (highlighted by CSS :target, also without JavaScript); the others
  // named by the query are highlighted here.
  function highlightPassages() {
    var query = new URLSearchParams(window.location.search).get("passages");
    if (!query || !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(query)) { return; }
    query.split(",").forEach(function (part) {
      var bounds = part.split("-").map(Number);
      var last = Math.min(bounds[bounds.length - 1], bounds[0] + 500);
      for (var n = bounds[0]; n <= last; n++) {
        var passage = document.getElementById("p" + n);
        if (passage) { passage.classList.add("passage-cited"); }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlightPassages);
  } else {
    highlightPassages();
  }

  // The language switch lands on the same claim: French and English pages share paths and
  // claim ids, so the other language's link takes the current #claim-id along.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (link && window.location.hash && link.href.indexOf("#") === -1) {
      link.href = link.href + window.location.hash;
    }
  }, true);
})();
