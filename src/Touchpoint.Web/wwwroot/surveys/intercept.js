/*
 * Touchpoint web intercept. One script tag on a site:
 *   <script src="https://HOST/surveys/intercept.js" data-write-key="WRITE_KEY" async></script>
 * Shows a live survey in a dialog when one of its triggers fires (page path, tracked event, time on
 * page, exit intent) and the visitor falls in its sample. The decision is remembered in localStorage:
 * a visitor sees a survey once; one who closed it may be asked again after 90 days; one left out of
 * the sample is not drawn again for 30 days. Events: window.touchpoint.intercept.track("name").
 * Each decision is also announced as a "touchpoint:intercept" DOM event with {surveyId, decision}.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var writeKey = script.getAttribute("data-write-key");
  var base = new URL(script.src, location.href).origin;
  var DAY = 86400000;
  var surveys = null;
  var queued = [];
  var open = false;
  var api = (window.touchpoint = window.touchpoint || {});
  var earlier = api.intercept && api.intercept.q;
  api.intercept = {
    track: function (name) {
      if (surveys) { fireEvent(String(name)); } else { queued.push(String(name)); }
    }
  };
  if (earlier && earlier.length) { queued = queued.concat(earlier); }

  function storageKey(id) { return "touchpoint.intercept." + id; }
  function remembered(id) {
    try { return JSON.parse(localStorage.getItem(storageKey(id)) || "null"); } catch (e) { return null; }
  }
  function remember(id, state) {
    try { localStorage.setItem(storageKey(id), JSON.stringify({ state: state, at: Date.now() })); } catch (e) { /* private mode */ }
  }
  function announce(id, decision) {
    document.documentElement.setAttribute("data-touchpoint-intercept", decision);
    document.dispatchEvent(new CustomEvent("touchpoint:intercept", { detail: { surveyId: id, decision: decision } }));
  }
  // May this visitor still be asked this survey?
  function eligible(id) {
    var past = remembered(id);
    if (!past) { return true; }
    if (past.state === "dismissed") { return Date.now() - past.at > 90 * DAY; }
    if (past.state === "notSampled") { return Date.now() - past.at > 30 * DAY; }
    return false;
  }

  function fire(survey) {
    if (survey.fired || open) { return; }
    survey.fired = true;
    if (!eligible(survey.id)) { announce(survey.id, "alreadyAsked"); return; }
    if (!(Math.random() * 100 < survey.samplingPercent)) {
      remember(survey.id, "notSampled");
      announce(survey.id, "notSampled");
      return;
    }
    remember(survey.id, "shown");
    setTimeout(function () { show(survey); }, Math.max(0, survey.delaySeconds) * 1000);
  }

  function fireEvent(name) {
    surveys.forEach(function (s) {
      s.triggers.forEach(function (t) { if (t.type === "event" && t.name === name) { fire(s); } });
    });
  }

  function show(survey) {
    if (open) { return; }
    open = true;
    var previous = document.activeElement;
    var overlay = document.createElement("div");
    overlay.setAttribute("data-touchpoint-intercept", "");
    overlay.style.cssText = "position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:2147483647;display:flex;align-items:flex-end;justify-content:center";
    var dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "Feedback survey");
    dialog.style.cssText = "background:#fff;color:#111;width:100%;max-width:32rem;height:min(36rem,90vh);border-radius:.75rem .75rem 0 0;box-shadow:0 -4px 24px rgba(0,0,0,.2);display:flex;flex-direction:column;font:16px/1.4 system-ui,sans-serif";
    var bar = document.createElement("div");
    bar.style.cssText = "display:flex;justify-content:flex-end;padding:.25rem";
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Close survey");
    close.textContent = "\u00d7";
    close.style.cssText = "font-size:1.5rem;line-height:1;background:none;border:0;padding:.5rem .75rem;cursor:pointer;color:inherit";
    var frame = document.createElement("iframe");
    frame.title = "Survey";
    frame.src = survey.url;
    frame.style.cssText = "flex:1;border:0;width:100%";
    bar.appendChild(close);
    dialog.appendChild(bar);
    dialog.appendChild(frame);
    overlay.appendChild(dialog);

    function dismiss(state) {
      if (!overlay.parentNode) { return; }
      overlay.parentNode.removeChild(overlay);
      document.removeEventListener("keydown", onKey, true);
      open = false;
      remember(survey.id, state);
      announce(survey.id, state);
      if (previous && previous.focus) { previous.focus(); }
    }
    function onKey(e) {
      if (e.key === "Escape") { dismiss("dismissed"); }
      if (e.key === "Tab") { // keep focus inside the dialog
        e.preventDefault();
        (document.activeElement === close ? frame : close).focus();
      }
    }
    close.addEventListener("click", function () { dismiss("dismissed"); });
    overlay.addEventListener("click", function (e) { if (e.target === overlay) { dismiss("dismissed"); } });
    document.addEventListener("keydown", onKey, true);
    window.addEventListener("message", function (e) {
      if (e.origin === base && e.data && e.data.type === "touchpoint:survey-completed") { dismiss("answered"); }
    });
    document.body.appendChild(overlay);
    close.focus();
    announce(survey.id, "shown");
  }

  function arm(survey) {
    survey.triggers.forEach(function (t) {
      if (t.type === "page" && location.pathname.indexOf(t.pathPrefix) === 0) { fire(survey); }
      if (t.type === "timeOnPage") { setTimeout(function () { fire(survey); }, t.seconds * 1000); }
      if (t.type === "exitIntent") {
        document.addEventListener("mouseout", function (e) {
          if (!e.relatedTarget && e.clientY <= 0) { fire(survey); }
        });
      }
    });
  }

  if (!writeKey) { return; }
  fetch(base + "/surveys/intercept/config?writeKey=" + encodeURIComponent(writeKey), { credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : { surveys: [] }; })
    .then(function (config) {
      surveys = config.surveys || [];
      surveys.forEach(arm);
      queued.forEach(fireEvent);
      queued = [];
    })
    .catch(function () { surveys = []; });
})();
