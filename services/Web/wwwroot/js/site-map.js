// The site register's map, with no tile server (the console must work offline): the province's communes are the
// base layer (SVG paths from /ban-do/xa.geojson, the shipped boundaries), coloured by coverage (operational BTS
// sites per commune, written by the page into #site-coverage); each site a circle coloured by status, each duct or
// cable route a line. Reads the sites the page wrote into #site-points.
(function () {
  var element = document.getElementById('site-map');
  var data = document.getElementById('site-points');
  if (!element || !data || typeof L === 'undefined') return;
  var points = JSON.parse(data.textContent || '[]');
  var coverageElement = document.getElementById('site-coverage');
  var coverage = coverageElement ? JSON.parse(coverageElement.textContent || '{}') : {};
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25, preferCanvas: false });
  var colours = { operational: '#1b7f3b', approved: '#1f5fa8', 'permit-requested': '#b58105', planned: '#8e44ad', refused: '#c0392b', decommissioned: '#777777' };
  var shapes = points.map(function (p) {
    var style = { weight: 3, color: colours[p.status] || '#c0392b', className: 'site' };
    var shape = p.route && p.route.length > 1
      ? L.polyline(p.route.map(function (c) { return [c[1], c[0]]; }), style) // GeoJSON [lon, lat] → Leaflet [lat, lng]
      : L.circleMarker([p.lat, p.lng], { radius: 7, weight: 2, color: '#222', fillColor: colours[p.status] || '#c0392b', fillOpacity: 0.85, className: 'site' });
    return shape.bindTooltip(p.name + ' — ' + p.owner + (p.lengthKm ? ' (' + p.lengthKm.toFixed(2) + ' km)' : '')).addTo(map);
  });
  element.setAttribute('data-points', String(shapes.length));
  function fit(layer) {
    if (shapes.length > 0) map.fitBounds(L.featureGroup(shapes).getBounds().pad(0.2), { maxZoom: 13 });
    else if (layer) map.fitBounds(layer.getBounds());
    else map.setView([22.0, 104.4], 8);
  }
  fetch('/ban-do/xa.geojson', { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (communes) {
      var layer = L.geoJSON(communes, {
        style: function (f) {
          var sites = coverage[f.properties.code];
          var fill = sites === undefined ? '#eeeeee' : sites === 0 ? '#f4c7c3' : sites < 3 ? '#b7dfb9' : '#57bb8a';
          return { color: '#666', weight: 0.7, fillColor: fill, fillOpacity: 0.7, className: 'commune' + (sites > 0 ? ' covered' : '') };
        },
        onEachFeature: function (f, l) {
          var sites = coverage[f.properties.code];
          l.bindTooltip(f.properties.name + (sites === undefined ? '' : ' · BTS: ' + sites), { sticky: true });
        },
      }).addTo(map);
      layer.bringToBack();
      element.setAttribute('data-communes', String(communes.features.length));
      fit(layer);
    })
    .catch(function () { fit(null); });
})();
