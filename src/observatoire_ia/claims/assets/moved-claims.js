/* A claim published on this page now lives on another page (redirects.yml): a link to
   page/#claim-id follows it there. Loaded only on pages that list moved claims. */
(function () {
  "use strict";
  function follow() {
    var data = document.getElementById("moved-claims");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!data || !id || document.getElementById(id)) { return; }
    var moved = JSON.parse(data.textContent);
    if (Object.prototype.hasOwnProperty.call(moved, id)) {
      window.location.replace(moved[id]);
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
