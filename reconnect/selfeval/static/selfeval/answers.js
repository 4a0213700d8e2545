// Saving answers as you go, with htmx. Progressive enhancement only: without this file
// each statement still saves with its Save button, and htmx still saves on change.
//
// htmx leaves a 4xx response unswapped; a refused save (400: not a valid answer, 409: the
// review was submitted meanwhile) carries the reason in the statement's fragment, so it
// is swapped in like a success. Anything else is said in the statement's status line, in
// words the page provides, so a save never fails silently: no connection, a 403 after the
// lead removed this colleague, a server error, or a session that ended (the request was
// sent to the sign-in page, whose HTML must not land inside the statement).
const FORM = "form[data-rc-answer]";

function answerForm(event) {
  const elt = event.detail && event.detail.elt;
  return elt instanceof Element ? elt.closest(FORM) : null;
}

function say(form, text) {
  const status = form.querySelector("[data-rc-status]");
  if (!status) return;
  const message = document.createElement("p");
  message.className = "govuk-body rc-notice rc-notice--error";
  message.textContent = text;
  status.replaceChildren(message);
}

function redirected(detail) {
  const asked = new URL(detail.requestConfig.path, window.location.href).pathname;
  return new URL(detail.xhr.responseURL, window.location.href).pathname !== asked;
}

document.addEventListener("htmx:beforeSwap", (event) => {
  const form = answerForm(event);
  if (!form) return;
  if (event.detail.xhr.responseURL && redirected(event.detail)) {
    event.detail.shouldSwap = false;
    event.detail.isError = false;
    say(form, form.dataset.rcSignedOut);
    return;
  }
  const status = event.detail.xhr.status;
  if (status === 400 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

function notSaved(event) {
  const form = answerForm(event);
  if (!form) return;
  const forbidden = event.detail.xhr && event.detail.xhr.status === 403;
  say(form, forbidden ? form.dataset.rcForbidden : form.dataset.rcFailed);
}

document.addEventListener("htmx:responseError", notSaved);
document.addEventListener("htmx:sendError", notSaved);
