// The maps (Leaflet): /map draws every field operation, institution seat and meeting venue over
// the participating States; an entity page (#map) draws its place and shades its country.
// Country shapes come from the site itself (Natural Earth TopoJSON), so both work offline;
// OpenStreetMap tiles are an optional layer. Text from the data is set as text, never HTML.
(function () {
  "use strict";
  var L = window.L;
  var atlasBox = document.getElementById("atlas");
  var placeBox = document.getElementById("map");
  if (typeof L === "undefined") { return; }

  // the interface's words, translated by the page (data-names), English otherwise
  var NAMES = {
    "field-operation": "Field operation", "institution": "Institution", "summit": "Summit",
    "ministerial-council": "Ministerial Council", "current": "active", "closed": "closed",
    "offline": "Country shapes (offline)", "online": "OpenStreetMap (online)"
  };
  [atlasBox, placeBox].forEach(function (box) {
    var given = box ? JSON.parse(box.getAttribute("data-names") || "{}") : {};
    Object.keys(given).forEach(function (key) { NAMES[key] = given[key]; });
  });

  var ANTARCTICA = "010";

  // The TopoJSON is spherical (rings may cross the antimeridian, e.g. Chukotka): make each
  // ring's longitudes continuous so that Leaflet's flat map draws no line across the world.
  function unwrap(geometry) {
    if (!geometry) { return; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] :
      geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        var shift = 0;
        for (var i = 1; i < ring.length; i++) {
          var step = ring[i][0] + shift - ring[i - 1][0];
          if (step > 180) { shift -= 360; } else if (step < -180) { shift += 360; }
          ring[i][0] += shift;
        }
      });
    });
  }

  function getJSON(url) {
    return fetch(url, {headers: {Accept: "application/json"}}).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  // GeoJSON countries with ISO alpha-3 codes (the TopoJSON has numeric ids)
  function countries(box) {
    return Promise.all([getJSON(box.getAttribute("data-world")), getJSON(box.getAttribute("data-codes"))])
      .then(function (found) {
        var topo = found[0], alpha3 = {};
        found[1].forEach(function (row) { alpha3[row[2]] = row[1]; });
        var shapes = window.topojson.feature(topo, topo.objects.countries);
        shapes.features = shapes.features.filter(function (f) { return f.id !== ANTARCTICA; });
        shapes.features.forEach(function (f) {
          f.properties.iso3 = alpha3[f.id] || null;
          unwrap(f.geometry);
        });
        return shapes;
      });
  }

  function baseMap(box) {
    var map = L.map(box, {scrollWheelZoom: false, worldCopyJump: true, minZoom: 1, maxZoom: 12,
                          attributionControl: true});
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18, attribution: "&copy; OpenStreetMap contributors"
    });
    var none = L.layerGroup();
    none.addTo(map);
    var bases = {};
    bases[NAMES.offline] = none;
    bases[NAMES.online] = tiles;
    return {map: map, bases: bases};
  }

  function link(href, text) {
    var a = document.createElement(href ? "a" : "span");
    if (href) { a.href = href; }
    a.textContent = text;
    return a;
  }

  var LAYER_ORDER = {"field-operation": 1000, "institution": 600, "summit": 300};

  function marker(lat, lng, classes, label, popup, kind) {
    var icon = L.divIcon({className: "mark " + classes, iconSize: [14, 14], iconAnchor: [7, 7],
                          popupAnchor: [0, -6]});
    var m = L.marker([lat, lng], {icon: icon, title: label, alt: label, riseOnHover: true,
                              zIndexOffset: LAYER_ORDER[kind] || 0});
    if (popup) { m.bindPopup(popup); }
    m.on("add", function () {
      var el = m.getElement();
      if (el) { el.setAttribute("aria-label", label); }
    });
    return m;
  }

  function featurePopup(p) {
    var box = document.createElement("div");
    var head = document.createElement("strong");
    head.appendChild(link(p.placePage, p.placeLabel));
    box.appendChild(head);
    box.appendChild(document.createTextNode(" · " + (NAMES[p.kind] || p.kind) +
                                            (p.status ? " (" + NAMES[p.status] + ")" : "")));
    var list = document.createElement("ul");
    p.items.forEach(function (item) {
      var li = document.createElement("li");
      li.appendChild(link(item.page, item.label));
      var when = item.start ? " " + item.start.slice(0, 4) + (item.end ? "–" + item.end.slice(0, 4) : (item.status ? "–" : "")) : "";
      if (item.host) { when += " · " + item.host; }
      li.appendChild(document.createTextNode(when));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function drawAtlas(box) {
    box.classList.add("ready");  // shown before Leaflet measures it
    var base = baseMap(box), map = base.map;
    map.setView([50, 40], 3);
    Promise.all([getJSON(box.getAttribute("data-source")), countries(box)]).then(function (found) {
      var data = found[0], shapes = found[1];
      var members = {};
      data.states.forEach(function (s) { if (s.iso3) { members[s.iso3] = s; } });
      L.geoJSON(shapes, {
        interactive: false,
        style: function (f) {
          return {className: "country" + (members[f.properties.iso3] ? " member" : ""), weight: 0.6};
        }
      }).addTo(map);
      var layers = {}, bounds = [];
      data.features.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var key = p.kind + (p.status ? " " + p.status : "");
        var names = p.items.map(function (i) { return i.label; }).join("; ");
        if (!layers[key]) { layers[key] = L.layerGroup().addTo(map); }
        marker(c[1], c[0], "mark-" + p.kind + (p.status ? " " + p.status : ""),
               p.placeLabel + ": " + names, featurePopup(p), p.kind).addTo(layers[key]);
        bounds.push([c[1], c[0]]);
      });
      var overlays = {};
      Object.keys(layers).sort().forEach(function (key) {
        var parts = key.split(" ");
        overlays[(NAMES[parts[0]] || parts[0]) + (parts[1] ? " (" + NAMES[parts[1]] + ")" : "")] = layers[key];
      });
      L.control.layers(base.bases, overlays, {collapsed: true}).addTo(map);
      if (bounds.length) { map.fitBounds(bounds, {padding: [20, 20]}); }
      box.setAttribute("data-features", String(data.features.length));
      box.setAttribute("data-members", String(Object.keys(members).length));
      box.setAttribute("data-drawn", "true");
    }).catch(function (err) {
      box.setAttribute("data-error", String(err));
      box.classList.add("failed");
    });
  }

  function drawPlace(box) {
    var where = JSON.parse(box.getAttribute("data-where") || "{}");
    var points = where.points || [], shaded = where.countries || [];
    if (!points.length && !shaded.length) { return; }
    box.classList.add("ready");
    var base = baseMap(box), map = base.map;
    if (points.length) { map.setView([points[0].lat, points[0].long], 6); } else { map.setView([50, 20], 3); }
    var byCode = {}, byName = {};
    shaded.forEach(function (c) { if (c.iso3) { byCode[c.iso3] = c; } else if (c.name) { byName[c.name] = c; } });
    function shadedOf(f) { return byCode[f.properties.iso3] || (f.id === undefined && byName[f.properties.name]) || null; }
    points.forEach(function (p) {
      marker(p.lat, p.long, "mark-place " + p.role, p.label, p.page ? link(p.page, p.label) : null).addTo(map);
    });
    L.control.layers(base.bases, null, {collapsed: true}).addTo(map);
    countries(box).then(function (shapes) {
      var layer = L.geoJSON(shapes, {
        interactive: false,
        style: function (f) {
          var c = shadedOf(f);
          return {className: "country" + (c ? " focus " + c.role : ""), weight: 0.6};
        }
      }).addTo(map);
      layer.bringToBack();
      var focus = L.featureGroup();
      layer.eachLayer(function (l) { if (shadedOf(l.feature)) { focus.addLayer(l); } });
      if (!points.length && focus.getLayers().length) { map.fitBounds(focus.getBounds(), {maxZoom: 5, padding: [30, 30]}); }
      box.setAttribute("data-countries", String(focus.getLayers().length));
      box.setAttribute("data-drawn", "true");
    }).catch(function (err) { box.setAttribute("data-error", String(err)); });
  }

  // for the query editor's map view (static/sparql.js)
  window.OsceMaps = {countries: countries, baseMap: baseMap, marker: marker, link: link};
  if (atlasBox) { drawAtlas(atlasBox); }
  if (placeBox) { drawPlace(placeBox); }
}());
