// Makes the case page's SLA clocks tick: each clock starts from the business time the server computed
// and counts down only while the business is open (until data-changes-at, when it pauses or resumes).
(function () {
  "use strict";
  if (window.touchpointSlaClock) { return; }
  window.touchpointSlaClock = true;
  var loadedAt = Date.now();

  function span(seconds) {
    var minutes = Math.floor(Math.abs(seconds) / 60);
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
    if (days > 0) { return days + "d " + hours + "h"; }
    if (hours > 0) { return hours + "h " + (mins < 10 ? "0" : "") + mins + "m"; }
    return mins + "m";
  }

  // When a clock pauses, resumes or runs out, the server's view (breached, the next change) is fetched once.
  var refreshing = {};
  function refresh(el) {
    var panel = el.closest("[data-case-id]");
    var id = panel && panel.getAttribute("data-case-id");
    if (!id || refreshing[id]) { return; }
    refreshing[id] = true;
    setTimeout(function () {
      fetch("/cases/sla-clock/" + encodeURIComponent(id), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html) {
            var holder = document.createElement("div");
            holder.innerHTML = html;
            var fresh = holder.querySelector("[data-case-id]");
            if (fresh) { panel.replaceWith(fresh); loadedAt = Date.now(); }
          }
        })
        .catch(function () { /* the clock keeps its last text; the next change tries again */ })
        .then(function () { refreshing[id] = false; });
    }, 5000);
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-sla-clock]").forEach(function (el) {
      var state = el.getAttribute("data-state");
      if (state !== "running" && state !== "paused") { return; }
      var remaining = Number(el.getAttribute("data-remaining"));
      var changesAt = el.getAttribute("data-changes-at") ? Number(el.getAttribute("data-changes-at")) : null;
      var running = state === "running";
      var elapsed;
      if (running) {
        elapsed = (Math.min(now, changesAt || now) - loadedAt) / 1000;
        if (changesAt && now >= changesAt) { running = false; refresh(el); }
      } else {
        elapsed = changesAt && now >= changesAt ? (now - changesAt) / 1000 : 0;
        running = !!(changesAt && now >= changesAt);
        if (running) { refresh(el); }
      }
      var left = remaining - elapsed;
      if (left <= 0) {
        el.textContent = "Overdue by " + span(left) + " of business time";
        el.className = "sla-state sla-breached";
        refresh(el);
      } else {
        el.textContent = span(left) + " of business time left" + (running ? "" : " (paused outside business hours)");
        el.className = "sla-state sla-" + (running ? "running" : "paused");
      }
    });
  }

  setInterval(tick, 1000);
})();
