/* Claims: copy a claim's permalink; open a citation's preview (tap, click, Enter).
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

  // The page's references and labels, written once per page (claims/page_references.py).
  var pageData = null;
  function data() {
    if (pageData === null) {
      var block = document.getElementById("citation-references");
      try { pageData = block ? JSON.parse(block.textContent) : {}; } catch (e) { pageData = {}; }
      pageData.labels = pageData.labels || {};
      pageData.references = pageData.references || {};
    }
    return pageData;
  }

  document.addEventListener("click", function (event) {
    var permalink = event.target.closest && event.target.closest("a.claim-permalink");
    if (permalink) {
      var hash = permalink.getAttribute("href");
      var url = absoluteUrl(hash);
      history.replaceState(null, "", hash);
      copyText(url).then(function () {
        announce(permalink, data().labels.copied || "OK");
      });
      event.preventDefault();
      return;
    }
  });

  // Citations: the short label opens its preview (the whole reference, « lire dans le texte »,
  // « voir dans la bibliographie »), kept inside the viewport; the same label again, Escape or
  // a tap elsewhere closes it. Without JavaScript the label is a link to the bibliography and
  // the preview shows on hover and keyboard focus (extra.css).
  document.documentElement.classList.add("citations-js");
  var MARGIN = 8; // px between a preview and the edges of the screen

  function previewOf(citation) {
    return document.getElementById(citation.getAttribute("aria-controls"));
  }

  function place(citation, preview) {
    preview.style.removeProperty("left");
    preview.style.removeProperty("top");
    // Narrow screens: a sheet along the bottom of the screen (CSS); the label stays in sight
    // above it, so that a second tap on it closes the preview.
    var style = window.getComputedStyle(preview);
    if (style.display === "none") { return; }
    if (style.position !== "absolute") {
      var hidden = citation.getBoundingClientRect().bottom - preview.getBoundingClientRect().top;
      if (hidden > -MARGIN) { window.scrollBy(0, hidden + MARGIN); }
      return;
    }
    var parent = preview.offsetParent || document.body;
    var origin = parent.getBoundingClientRect();
    var anchor = citation.getBoundingClientRect();
    var width = preview.offsetWidth, height = preview.offsetHeight;
    var right = document.documentElement.clientWidth - MARGIN;
    var left = Math.max(MARGIN, Math.min(anchor.left, right - width));
    var top = anchor.bottom;
    if (top + height > window.innerHeight - MARGIN && anchor.top - height > MARGIN) {
      top = anchor.top - height; // no room below: above the label
    }
    preview.style.left = (left - origin.left - parent.clientLeft) + "px";
    preview.style.top = (top - origin.top - parent.clientTop) + "px";
  }

  function close(citation) {
    var preview = previewOf(citation);
    if (preview) { preview.classList.remove("is-open"); }
    citation.setAttribute("aria-expanded", "false");
  }

  function closeAll(except) {
    document.querySelectorAll("a.citation[aria-expanded='true']").forEach(function (c) {
      if (c !== except) { close(c); }
    });
  }

  function open(citation) {
    var preview = previewOf(citation);
    if (!preview) { return; }
    closeAll(citation);
    preview.classList.add("is-open");
    citation.setAttribute("aria-expanded", "true");
    place(citation, preview);
  }

  // A preview as written holds « lire dans le texte » (if the citation names passages): the
  // whole reference goes before it and « voir dans la bibliographie » beside it, as the
  // preview showed them when each carried its own copy.
  function fill(citation) {
    var preview = previewOf(citation);
    var key = citation.getAttribute("data-key");
    if (!preview || preview.hasAttribute("data-filled")) { return; }
    preview.setAttribute("data-filled", "");
    var reference = data().references[key];
    if (reference) {
      var text = document.createElement("span");
      text.className = "citation-reference";
      text.innerHTML = reference; // the build's own escaped HTML (a title in <i>)
      preview.insertBefore(text, preview.firstChild);
    }
    var links = document.createElement("span");
    links.className = "citation-links";
    var passage = preview.querySelector("a.citation-passage");
    if (passage) {
      links.appendChild(passage);
      links.appendChild(document.createTextNode(" "));
    }
    var bibliography = document.createElement("a");
    bibliography.className = "citation-bibliography";
    bibliography.href = citation.getAttribute("href");
    bibliography.textContent = data().labels.bibliography || citation.textContent;
    links.appendChild(bibliography);
    preview.appendChild(links);
  }

  function setUpCitations() {
    document.querySelectorAll("a.citation[aria-controls]").forEach(function (citation) {
      citation.setAttribute("aria-expanded", "false");
      fill(citation);
    });
    // A tooltip for the claim's controls (their aria-label names them; the symbol alone
    // says little to a mouse reader).
    document.querySelectorAll(".claim-tools a[aria-label]").forEach(function (control) {
      if (!control.title) { control.title = control.getAttribute("aria-label"); }
    });
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) { return; }
    var citation = event.target.closest("a.citation[aria-controls]");
    var modified = event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey;
    if (citation && !modified) {
      event.preventDefault(); // the preview links to the bibliography
      if (citation.getAttribute("aria-expanded") === "true") { close(citation); } else { open(citation); }
      return;
    }
    if (!event.target.closest(".citation-preview.is-open")) { closeAll(null); }
  });

  // Hover (mouse): the preview shows by CSS; place it inside the window.
  var mouse = window.matchMedia("(hover: hover)");
  document.addEventListener("mouseover", function (event) {
    if (!mouse.matches) { return; } // touch screens send a mouseover with each tap
    var citation = event.target.closest && event.target.closest("a.citation[aria-controls]");
    var preview = citation && previewOf(citation);
    if (preview && !preview.classList.contains("is-open")) { place(citation, preview); }
  });

  // Keyboard: focus leaving a citation and its preview closes the preview.
  document.addEventListener("focusout", function (event) {
    var group = event.target.closest && event.target.closest(".citation-group");
    if (!group || (event.relatedTarget && group.contains(event.relatedTarget))) { return; }
    group.querySelectorAll("a.citation[aria-expanded='true']").forEach(close);
  });

  window.addEventListener("resize", function () {
    document.querySelectorAll("a.citation[aria-expanded='true']").forEach(function (c) {
      place(c, previewOf(c));
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("a.citation[aria-expanded='true']").forEach(function (citation) {
      var inside = previewOf(citation).contains(document.activeElement);
      close(citation);
      if (inside) { citation.focus(); }
    });
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
  function ready() {
    setUpCitations();
    highlightPassages();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
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
