// Saving answers as you go, with htmx. Progressive enhancement only: without this file
// each statement still saves with its Save button, and htmx still saves on change.
//
// htmx leaves a 4xx response unswapped; a refused save (400: not a valid answer, 409: the
// review was submitted meanwhile) carries the reason in the statement's fragment, so it
// is swapped in like a success. Any other failure (no connection, a 403 after the lead
// removed this colleague, a server error) is said in the statement's status line, in words
// the page provides, so a save never fails silently.
const FORM = "form[data-rc-answer]";

function answerForm(event) {
  const elt = event.detail && event.detail.elt;
  return elt instanceof Element ? elt.closest(FORM) : null;
}

document.addEventListener("htmx:beforeSwap", (event) => {
  if (!answerForm(event)) return;
  const status = event.detail.xhr.status;
  if (status === 400 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

function sayNotSaved(event) {
  const form = answerForm(event);
  if (!form) return;
  const status = form.querySelector("[data-rc-status]");
  if (!status) return;
  const forbidden = event.detail.xhr && event.detail.xhr.status === 403;
  const message = document.createElement("p");
  message.className = "govuk-body rc-notice rc-notice--error";
  message.textContent = forbidden ? form.dataset.rcForbidden : form.dataset.rcFailed;
  status.replaceChildren(message);
}

document.addEventListener("htmx:responseError", sayNotSaved);
document.addEventListener("htmx:sendError", sayNotSaved);
