// Draws a small world map with a dot at the customer's location, from a world atlas served by
// this app (no map-tile servers). Builds SVG nodes with DOM calls only: nothing here is markup.
(function () {
  'use strict';
  const figure = document.getElementById('customer-map');
  if (!figure || !window.d3 || !window.topojson) {
    return;
  }

  const latitude = Number(figure.dataset.latitude);
  const longitude = Number(figure.dataset.longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return;
  }

  const ns = 'http://www.w3.org/2000/svg';
  const width = 640;
  const height = 330;

  function element(name, attributes) {
    const node = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) {
      node.setAttribute(key, String(value));
    }
    return node;
  }

  fetch(figure.dataset.atlas)
    .then((response) => {
      if (!response.ok) {
        throw new Error('The world atlas did not load: ' + response.status);
      }
      return response.json();
    })
    .then((atlas) => {
      const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: 'Sphere' });
      const path = d3.geoPath(projection);
      const countries = topojson.feature(atlas, atlas.objects.countries);
      const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'world-map' });
      const title = element('title', {});
      title.textContent = `Customer location: latitude ${latitude}, longitude ${longitude}`;
      svg.appendChild(title);
      svg.appendChild(element('path', { d: path({ type: 'Sphere' }), class: 'map-sphere' }));
      svg.appendChild(element('path', { d: path(countries), class: 'map-land' }));
      const [x, y] = projection([longitude, latitude]);
      svg.appendChild(element('circle', { cx: x, cy: y, r: 6, class: 'map-dot', 'data-testid': 'map-dot' }));
      figure.insertBefore(svg, figure.firstChild);
    })
    .catch((error) => {
      const note = document.createElement('p');
      note.className = 'muted';
      note.textContent = 'The map could not be drawn. ' + error.message;
      figure.appendChild(note);
    });
})();
