// The map of an entity page: Leaflet with OpenStreetMap tiles when Leaflet is installed;
// without it (or offline) the coordinates text under the map is what the page shows.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || typeof window.L === "undefined") { return; }
  var points = JSON.parse(box.getAttribute("data-points") || "[]");
  if (!points.length) { return; }
  box.classList.add("ready");
  var map = window.L.map(box, {scrollWheelZoom: false}).setView(points[0], 8);
  window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: "&copy; OpenStreetMap contributors"
  }).addTo(map);
  points.forEach(function (p) {
    var label = document.createElement("span");
    label.textContent = box.getAttribute("data-label") || "";  // text, never HTML
    window.L.marker(p).addTo(map).bindPopup(label);
  });
})();
