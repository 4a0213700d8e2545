// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/govuk-frontend.min.js";

// govuk-frontend styles and starts its enhanced components only under these classes. Its
// own page template sets them with an inline script, which our Content Security Policy
// forbids; a browser that runs this module supports what govuk-frontend needs.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// "Print" buttons (reports, action plans) need a script to print; without one they stay
// hidden and the page tells readers to use the browser's Print.
for (const button of document.querySelectorAll("[data-rc-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
