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
        if (changesAt && now >= changesAt) { running = false; }
      } else {
        elapsed = changesAt && now >= changesAt ? (now - changesAt) / 1000 : 0;
        running = !!(changesAt && now >= changesAt);
      }
      var left = remaining - elapsed;
      if (left <= 0) {
        el.textContent = "Overdue by " + span(left) + " of business time";
        el.className = "sla-state sla-breached";
      } else {
        el.textContent = span(left) + " of business time left" + (running ? "" : " (paused outside business hours)");
        el.className = "sla-state sla-" + (running ? "running" : "paused");
      }
    });
  }

  setInterval(tick, 1000);
})();
