// Draws the weekly trend with its 95% confidence band from the JSON the page embeds; a click on a
// week opens the responses behind it (the same link as the table's figure).
(function () {
  const source = document.getElementById('nps-trend-data');
  const canvas = document.getElementById('nps-trend');
  if (!source || !canvas || typeof Chart === 'undefined') return;
  const weeks = JSON.parse(source.textContent || '[]');
  const labels = weeks.map(w => w.week);
  const value = w => (w.score === null ? null : Math.round(w.score * 10) / 10);
  const band = sign => weeks.map(w => (w.score === null ? null : Math.round((w.score + sign * w.margin) * 10) / 10));
  const title = (document.getElementById('trend-title')?.firstChild?.textContent || '').replace(' by week', '').trim();
  new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'Upper 95%', data: band(1), borderWidth: 0, pointRadius: 0, fill: '+1', backgroundColor: 'rgba(31,95,191,0.12)' },
        { label: 'Lower 95%', data: band(-1), borderWidth: 0, pointRadius: 0, fill: false },
        { label: title, data: weeks.map(value), borderColor: '#1f5fbf', backgroundColor: '#1f5fbf', tension: 0.25, spanGaps: true }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      onClick: (_, elements) => {
        const hit = elements.find(e => e.datasetIndex === 2);
        if (hit && weeks[hit.index].href) window.location.href = weeks[hit.index].href;
      },
      scales: { y: { title: { display: true, text: title } } },
      plugins: {
        legend: { labels: { filter: item => item.text === title } },
        tooltip: { callbacks: { afterLabel: ctx => ctx.datasetIndex === 2 ? `n = ${weeks[ctx.dataIndex].n}` : '' } }
      }
    }
  });
})();
