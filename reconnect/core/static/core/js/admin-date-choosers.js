// Starts Wagtail's date, time and date-time choosers from JSON config in the page.
// Wagtail's own widgets start them with inline scripts, which the admin's Content Security
// Policy refuses; core/templates/wagtailadmin/widgets/ renders the config as inert JSON
// instead, and this file (served from 'self') does what the inline scripts did.
(function () {
  "use strict";
  var starters = {
    date: "initDateChooser",
    time: "initTimeChooser",
    datetime: "initDateTimeChooser",
  };

  function start() {
    document.querySelectorAll("script[data-reconnect-chooser]").forEach(function (node) {
      var starter = window[starters[node.dataset.reconnectChooser]];
      if (typeof starter !== "function" || node.dataset.started) {
        return;
      }
      node.dataset.started = "true";
      starter(node.dataset.for, JSON.parse(node.textContent));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
