/* « Signaler une erreur » (observatoire/feedback): each claim's link is short (the claim's
   share page, whose own link is prefilled); here it becomes the new-issue form prefilled with
   the claim's id, online address and text, taken from the page. No third-party script.
   The address is the page's canonical one: a file:// path (offline kit) is never sent. */
(function () {
  "use strict";
  var LIMIT = 1500;

  function template() {
    var data = document.getElementById("observatoire-report");
    if (!data) return null;
    try { return JSON.parse(data.textContent).url || null; } catch (e) { return null; }
  }

  function address(claim) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : (/^https?:/.test(location.protocol) ? location.href : "");
    if (!base) return "";
    var url = new URL(base);
    url.hash = claim.id;
    return url.toString();
  }

  function text(claim) {
    var copy = claim.cloneNode(true);
    copy.querySelectorAll(".claim-tools, .citation-preview, .headerlink").forEach(function (node) {
      node.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim().slice(0, LIMIT);
  }

  function prefill(event) {
    var link = event.target.closest && event.target.closest("a.claim-report");
    var claim = link && link.closest(".claim");
    var url = claim && template();
    if (!url || link.dataset.prefilled) return;
    link.href = url.replace(/__CLAIM__/g, encodeURIComponent(claim.id))
      .replace(/__URL__/g, encodeURIComponent(address(claim)))
      .replace(/__TEXT__/g, encodeURIComponent(text(claim)));
    link.dataset.prefilled = "1";
  }

  // Before the browser follows or copies the link: click, middle click, keyboard focus.
  ["pointerdown", "focusin", "click"].forEach(function (name) {
    document.addEventListener(name, prefill, true);
  });
})();
