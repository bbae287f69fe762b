// The importance-versus-performance matrix: one labelled point per driver, the quadrant lines at the
// average importance and the overall score; clicking a point opens the answers behind it.
(function () {
  const source = document.getElementById('driver-matrix-data');
  const canvas = document.getElementById('driver-matrix');
  if (!source || !canvas || typeof Chart === 'undefined') return;
  const data = JSON.parse(source.textContent || '{}');
  const colours = { 'fix first': '#c0392b', 'keep up': '#1e8449', 'low priority': '#7f8c8d', 'possible overkill': '#b9770e' };
  const points = data.points.filter(p => p.x !== null && p.y !== null);
  const lines = {
    id: 'quadrants',
    afterDraw(chart) {
      const { ctx, chartArea: a, scales: { x, y } } = chart;
      ctx.save();
      ctx.strokeStyle = '#999';
      ctx.setLineDash([4, 4]);
      const vx = x.getPixelForValue(data.average);
      const hy = y.getPixelForValue(data.overall);
      ctx.beginPath(); ctx.moveTo(vx, a.top); ctx.lineTo(vx, a.bottom); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(a.left, hy); ctx.lineTo(a.right, hy); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#333';
      ctx.font = '11px sans-serif';
      // Only the drivers that matter get a name on the chart, so the crowd near zero stays legible; all are in the table and tooltips.
      chart.getDatasetMeta(0).data.forEach((el, i) => { if (points[i].x >= data.average / 2) ctx.fillText(points[i].label, el.x + 6, el.y - 6); });
      ctx.restore();
    }
  };
  new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: [{
        label: 'Drivers',
        data: points.map(p => ({ x: p.x, y: p.y })),
        pointRadius: 6,
        pointBackgroundColor: points.map(p => colours[p.quadrant] || '#1f5fbf')
      }]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      onClick: (event, elements) => { if (elements.length) window.location.href = points[elements[0].index].href; },
      scales: {
        x: { title: { display: true, text: 'Importance (% of explained variance)' }, beginAtZero: true },
        y: { title: { display: true, text: `Performance (${data.metric})` } }
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: ctx => `${points[ctx.dataIndex].label}: importance ${ctx.parsed.x.toFixed(1)}, ${data.metric} ${ctx.parsed.y.toFixed(1)} (n = ${points[ctx.dataIndex].n}, ${points[ctx.dataIndex].quadrant})` } }
      }
    },
    plugins: [lines]
  });
})();
