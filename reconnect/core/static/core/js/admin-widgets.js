// Starts Wagtail's admin widgets from JSON config in the page, instead of inline scripts.
// Wagtail starts its date pickers and choosers with inline scripts, which the admin's
// Content Security Policy refuses. core/templates/wagtailadmin/widgets/ (date pickers) and
// reconnect/core/admin_widgets.py (choosers) write the same calls as inert JSON; this file,
// served from 'self', makes them.
(function () {
  "use strict";
  var dateStarters = {
    date: "initDateChooser",
    time: "initTimeChooser",
    datetime: "initDateTimeChooser",
  };

  function once(node, start) {
    if (node.dataset.started) {
      return;
    }
    node.dataset.started = "true";
    start(JSON.parse(node.dataset.reconnectOptions || node.textContent));
  }

  function startAll() {
    document.querySelectorAll("script[data-reconnect-chooser]").forEach(function (node) {
      var starter = window[dateStarters[node.dataset.reconnectChooser]];
      if (typeof starter === "function") {
        once(node, function (config) { starter(node.dataset.for, config); });
      }
    });
    document.querySelectorAll("[data-reconnect-widget]").forEach(function (node) {
      var Widget = window[node.dataset.reconnectWidget];
      if (typeof Widget !== "function") {
        return;
      }
      once(node, function (options) {
        // Choosers take the input's id first; panels take their options alone.
        if (node.dataset.for) {
          new Widget(node.dataset.for, options);
        } else {
          new Widget(options);
        }
      });
    });
  }

  function start() {
    startAll();
    // Rows added to an inline panel bring their own choosers and date pickers.
    new MutationObserver(startAll).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
