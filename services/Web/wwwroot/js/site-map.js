// The site register's map: Leaflet with no tile layer (the console must work offline), each site a circle marker
// coloured by status, the view fitted to the points. Reads the points the page wrote into #site-points.
(function () {
  var element = document.getElementById('site-map');
  var data = document.getElementById('site-points');
  if (!element || !data || typeof L === 'undefined') return;
  var points = JSON.parse(data.textContent || '[]');
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  var colours = { operational: '#1b7f3b', approved: '#1f5fa8', 'permit-requested': '#b58105', planned: '#8e44ad', refused: '#c0392b', decommissioned: '#777777' };
  var markers = points.map(function (p) {
    return L.circleMarker([p.lat, p.lng], { radius: 7, weight: 2, color: '#222', fillColor: colours[p.status] || '#c0392b', fillOpacity: 0.85 })
      .bindTooltip(p.name + ' — ' + p.owner)
      .addTo(map);
  });
  if (markers.length > 0) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 13 });
  else map.setView([22.48, 103.97], 9); // Lào Cai
  element.setAttribute('data-points', String(markers.length));
})();
