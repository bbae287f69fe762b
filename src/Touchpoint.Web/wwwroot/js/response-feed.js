// Live response feed: new answers of this workspace arrive as Server-Sent Events and are prepended
// to the table. Every value is set with textContent: comments are customers' text.
(function () {
  "use strict";
  var rows = document.getElementById("responses-rows");
  if (!rows || rows.dataset.live !== "on" || !window.EventSource) { return; }
  var status = document.getElementById("live-status");
  var scales = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };
  var waiting = 0;

  function cell(text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    return td;
  }

  function add(item) {
    var tr = document.createElement("tr");
    tr.className = "live-new";
    var when = document.createElement("td");
    when.className = "mono";
    var link = document.createElement("a");
    link.href = "/responses/" + encodeURIComponent(item.id);
    link.textContent = String(item.submittedAt).slice(0, 16).replace("T", " ");
    when.appendChild(link);
    tr.appendChild(when);
    tr.appendChild(cell(item.surveyName || ""));
    var scoreCell = document.createElement("td");
    var badge = document.createElement("span");
    var scale = scales[item.metric] || [0, 10];
    var position = item.score == null ? 0 : (item.score - scale[0]) / (scale[1] - scale[0]);
    badge.className = "score-badge " + (position >= 0.8 ? "hi" : position >= 0.6 ? "mid" : "lo");
    badge.textContent = item.score == null ? "\u2013" : String(item.score);
    badge.setAttribute("aria-label", String(item.metric).toUpperCase() + " " + badge.textContent);
    scoreCell.appendChild(badge);
    tr.appendChild(scoreCell);
    tr.appendChild(cell(item.comment || ""));
    // The sentiment column: the live line carries no analysis; a reload shows it.
    tr.appendChild(cell(""));
    tr.appendChild(cell(item.channel || "\u2013"));
    tr.appendChild(cell("completed"));
    rows.insertBefore(tr, rows.firstChild);
    document.getElementById("responses-table").hidden = false;
    document.getElementById("responses-empty").hidden = true;
  }

  var source = new EventSource("/responses/live");
  source.addEventListener("open", function () { rows.dataset.listening = "true"; });
  source.addEventListener("response", function (e) {
    var item = JSON.parse(e.data);
    if (rows.dataset.survey && rows.dataset.survey !== item.surveyId) { return; }
    if (rows.dataset.filtered === "true") {
      waiting++;
      status.textContent = waiting + " new response" + (waiting === 1 ? "" : "s") + " arrived. Reload to see those that match your filter.";
      return;
    }
    add(item);
    status.textContent = "New response: " + (item.surveyName || "survey") + ", score " + (item.score == null ? "none" : item.score) + ".";
  });
})();
