/* Share controls (observatoire/sharing): no third-party script, no tracking, no counter.
   Works on page share blocks (.share) and on claim share pages. Without JavaScript the
   Telegram link and the claims' « partager » links (to /c/<id>/) still work. */
(function () {
  "use strict";
  var KEY = "observatoire-mastodon-instance";
  var MESSAGES = {
    fr: {
      copied: "Lien copié",
      leaflet: "Texte copié pour un tract",
      prompt: "Votre instance Mastodon (par exemple mastodon.social)\u00a0:",
      invalid: "Nom d'instance non valide\u00a0: un nom d'hôte seul, comme mastodon.social.",
      failed: "Copie impossible\u00a0: sélectionnez le texte."
    },
    en: {
      copied: "Link copied",
      leaflet: "Text copied for a leaflet",
      prompt: "Your Mastodon instance (for example mastodon.social):",
      invalid: "Not a valid instance name: a bare host name, such as mastodon.social.",
      failed: "Could not copy: select the text."
    }
  };
  function msg(name) {
    var lang = (document.documentElement.lang || "fr").slice(0, 2);
    return (MESSAGES[lang] || MESSAGES.fr)[name];
  }
  // A bare host name: labels of letters, digits and hyphens, a dot, no scheme/path/port.
  function validInstance(value) {
    if (typeof value !== "string") return null;
    var host = value.trim().toLowerCase();
    if (host.length < 4 || host.length > 253) return null;
    if (!/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/.test(host)) return null;
    if (!/\.[a-z][a-z0-9-]*$/.test(host)) return null; // a top-level name, not an IP address
    return host;
  }
  function setStatus(block, text) {
    var status = block.querySelector(".share__status");
    if (status) status.textContent = text;
  }
  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("no clipboard"));
  }
  function instance(block) {
    var stored = null;
    try { stored = validInstance(localStorage.getItem(KEY)); } catch (e) { stored = null; }
    if (stored) return stored;
    var answer = window.prompt(msg("prompt"), "");
    if (answer === null) return null;
    var host = validInstance(answer);
    if (!host) { setStatus(block, msg("invalid")); return null; }
    try { localStorage.setItem(KEY, host); } catch (e) { /* private mode */ }
    return host;
  }
  function setup(block) {
    var url = block.dataset.shareUrl, text = block.dataset.shareText || "";
    var leaflet = block.dataset.shareLeaflet || text + "\n" + url;
    function show(selector, handler) {
      var button = block.querySelector(selector);
      if (!button) return;
      button.closest("li").hidden = false;
      button.addEventListener("click", handler);
    }
    show(".share__mastodon", function () {
      var host = instance(block);
      if (!host) return;
      var target = "https://" + host + "/share?text=" + encodeURIComponent(text + "\n" + url);
      window.open(target, "_blank", "noopener");
    });
    show(".share__copy", function () {
      copy(url).then(function () { setStatus(block, msg("copied")); },
        function () { setStatus(block, msg("failed")); });
    });
    if (navigator.share) {
      show(".share__native", function () {
        navigator.share({ title: text, text: text, url: url }).catch(function () {});
      });
    }
    show(".share__leaflet", function () {
      copy(leaflet).then(function () { setStatus(block, msg("leaflet")); },
        function () { setStatus(block, msg("failed")); });
    });
  }
  // Share pages (no Material bundle): the light/dark switch, stored like Material does.
  function palette() {
    var form = document.querySelector("form.share-page__palette");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var key = new URL(form.getAttribute("data-root") || "./", location).pathname + ".__palette";
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
    function apply(input) {
      ["scheme", "primary", "accent"].forEach(function (name) {
        document.body.setAttribute("data-md-color-" + name, input.getAttribute("data-md-color-" + name));
      });
      input.checked = true;
      inputs.forEach(function (other) {
        var label = form.querySelector("label[for='" + other.id + "']");
        if (label) label.hidden = other === input; // show the switch to the other scheme
      });
    }
    // The page's own script chose the reader's palette before the first paint (no shift).
    apply(inputs.filter(function (i) { return i.checked; })[0] || inputs[0]);
    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () {
        apply(input);
        var color = {};
        ["media", "scheme", "primary", "accent"].forEach(function (name) {
          color[name] = input.getAttribute("data-md-color-" + name);
        });
        try { localStorage.setItem(key, JSON.stringify({ index: index, color: color })); } catch (e) { /* */ }
      });
    });
  }
  function init() {
    palette();
    var blocks = document.querySelectorAll(".share[data-share-url]");
    for (var i = 0; i < blocks.length; i++) {
      if (!blocks[i].dataset.shareReady) { blocks[i].dataset.shareReady = "1"; setup(blocks[i]); }
    }
  }
  window.observatoireShare = { validInstance: validInstance };
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
