/* A page that moved: go to its new address, keeping the #claim-id of the link that led here
   (a meta refresh alone would drop it). */
(function () {
  "use strict";
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  var target = refresh && refresh.getAttribute("content").split("url=")[1];
  if (target) {
    window.location.replace(target + window.location.hash);
  }
})();
