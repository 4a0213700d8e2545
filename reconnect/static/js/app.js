// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/govuk-frontend.min.js";

// govuk-frontend styles and starts its enhanced components only under these classes. Its
// own page template sets them with an inline script, which our Content Security Policy
// forbids; a browser that runs this module supports what govuk-frontend needs.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
