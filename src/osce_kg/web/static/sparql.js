// The query editor: runs the query with a POST to /sparql and shows what the server answered,
// its error message too (the syntax error with its line and column, the read-only refusal,
// the time-out, the size limits). Results: a table whose IRIs show their labels and link to
// their pages, and, when the answer has them, a map (coordinates), a timeline (dates) and a bar
// chart (counts). `#query=…` links share a query; `/sparql?query=…` opens and runs one.
// Everything from the data or the server is written as text, never as HTML.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  var words = config.words;
  var form = document.getElementById("sparql-form");
  var textarea = document.getElementById("sparql-query");
  var select = document.getElementById("sparql-examples");
  var statusBox = document.getElementById("sparql-status");
  var errorBox = document.getElementById("sparql-error");
  var results = document.getElementById("sparql-results");
  var shareButton = form.querySelector("button.share");
  var stopButton = form.querySelector("button.stop");
  var shareBox = form.querySelector(".share-link");
  var shareInput = document.getElementById("sparql-share");
  var downloads = form.querySelector(".downloads");
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var DATE_TYPES = ["date", "dateTime", "gYear", "gYearMonth"].map(function (t) { return XSD + t; });
  var NUMBER_TYPES = ["integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger",
                      "positiveInteger"].map(function (t) { return XSD + t; });
  var TABLE_ROWS = 500;
  var running = null;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // --- what kind of query: CONSTRUCT and DESCRIBE answer RDF, the others SPARQL results
  function queryForm(text) {
    var code = text.replace(/#[^\n]*/g, " ").replace(/<[^>]*>/g, " ")
      .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, " ");
    var match = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(code);
    return match ? match[1].toLowerCase() : "select";
  }

  // --- where the links of a term go: this site's page for its own IRIs
  function localPath(iri) {
    if (iri.indexOf(config.idBase) === 0) { return "/page/" + iri.slice(config.idBase.length); }
    var ontology = config.idBase.replace(/id\/$/, "ontology#");
    if (iri.indexOf(ontology) === 0) { return "/ontology#" + iri.slice(ontology.length); }
    return null;
  }

  function withLang(path) {
    return config.lang && config.lang !== "en" ? path + (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + config.lang : path;
  }

  // --- the server's answer, or its error in the site's one error shape
  function readError(response, body) {
    var type = response.headers.get("Content-Type") || "";
    var found = {status: response.status, error: response.statusText || "Error", message: body, details: {}};
    if (type.indexOf("json") >= 0) {
      try {
        var parsed = JSON.parse(body);
        if (parsed && parsed.message) { found = parsed; }
      } catch (ignored) { /* not the JSON error shape: shown as text */ }
    } else {
      var line = /^(\d{3}) ([^:\n]+): ([\s\S]*)$/.exec(body.trim());
      if (line) { found = {status: Number(line[1]), error: line[2], message: line[3], details: {}}; }
      else if (type.indexOf("html") >= 0) {
        var doc = new DOMParser().parseFromString(body, "text/html");
        var message = doc.querySelector(".message") || doc.querySelector("h1") || doc.body;
        found.message = (message ? message.textContent : body).trim();
      }
    }
    found.details = found.details || {};
    return found;
  }

  function showError(found) {
    errorBox.textContent = "";
    var head = el("p", {"class": "error-head"});
    head.appendChild(el("strong", {}, found.status ? found.status + " " + found.error : found.error));
    errorBox.appendChild(head);
    errorBox.appendChild(el("p", {"class": "error-message"}, found.message));
    var position = found.details.position;
    if (position) {
      var parts = String(position).split(":");
      var where = el("button", {type: "button", "class": "error-position"},
                     format(words.position, {line: parts[0], column: parts[1]}));
      where.addEventListener("click", function () { selectPosition(Number(parts[0]), Number(parts[1])); });
      errorBox.appendChild(where);
    }
    if (found.details.limit_s) {
      errorBox.appendChild(el("p", {"class": "error-detail"}, "limit: " + found.details.limit_s + " s"));
    }
    errorBox.hidden = false;
    results.hidden = true;
    statusBox.textContent = "";
  }

  function selectPosition(line, column) {
    var lines = textarea.value.split("\n");
    var offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) { offset += lines[i].length + 1; }
    offset += Math.max(column - 1, 0);
    textarea.focus();
    textarea.setSelectionRange(offset, Math.min(offset + 1, textarea.value.length));
  }

  function run() {
    var text = textarea.value;
    var kind = queryForm(text);
    var accept = kind === "construct" || kind === "describe" ?
      "text/turtle, application/json;q=0.5" :
      "application/sparql-results+json, application/json;q=0.9";
    if (running) { running.abort(); }
    running = new AbortController();
    errorBox.hidden = true;
    statusBox.textContent = words.running;
    form.setAttribute("aria-busy", "true");
    stopButton.hidden = false;
    var started = performance.now();
    var body = new URLSearchParams();
    body.set("query", text);
    return fetch(config.endpoint, {
      method: "POST", body: body, signal: running.signal,
      headers: {Accept: accept, "Content-Type": "application/x-www-form-urlencoded"}
    }).then(function (response) {
      return response.text().then(function (answer) {
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        if (!response.ok) { showError(readError(response, answer)); return; }
        var truncated = response.headers.get("OSCE-KG-Truncated") === "true";
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("sparql-results+json") >= 0) {
          showResults(JSON.parse(answer), seconds, truncated);
        } else {
          showGraph(answer, seconds, truncated);
        }
        offerDownloads(text, kind);
      });
    }).catch(function (err) {
      if (err.name === "AbortError") { statusBox.textContent = words.stopped; return; }
      showError({status: 0, error: words.unreachable, message: String(err.message || err), details: {}});
    }).then(function () {
      form.removeAttribute("aria-busy");
      stopButton.hidden = true;
      shareButton.hidden = false;
    });
  }

  function offerDownloads(text, kind) {
    var graph = kind === "construct" || kind === "describe";
    downloads.querySelectorAll("a").forEach(function (a) {
      var fmt = a.getAttribute("data-format");
      var wanted = graph ? {csv: "ttl", tsv: "nt", json: "jsonld", xml: "rdf"}[fmt] : fmt;
      a.textContent = graph ? {csv: "Turtle", tsv: "N-Triples", json: "JSON-LD", xml: "RDF/XML"}[fmt] : fmt.toUpperCase();
      a.href = config.endpoint + "?" + new URLSearchParams({query: text, format: wanted}).toString();
    });
    downloads.hidden = false;
  }

  // --- RDF answers (CONSTRUCT, DESCRIBE) as text
  function showGraph(text, seconds, truncated) {
    var lines = text.split("\n").filter(function (l) { return l.trim(); }).length;
    statusBox.textContent = format(words.triples, {n: lines, s: seconds}) + (truncated ? " — " + words.truncated : "");
    setViews({table: true});
    var box = results.querySelector(".view-table");
    box.textContent = "";
    box.appendChild(el("pre", {"class": "rdf-answer"}, text));
    results.hidden = false;
    pick("table");
  }

  // --- SPARQL results (SELECT, ASK)
  function showResults(data, seconds, truncated) {
    var tableBox = results.querySelector(".view-table");
    tableBox.textContent = "";
    if (typeof data.boolean === "boolean") {
      statusBox.textContent = "ASK: " + (data.boolean ? words.yes : words.no) + " (" + seconds + " s)";
      tableBox.appendChild(el("p", {"class": "ask-answer"}, data.boolean ? words.yes : words.no));
      setViews({table: true});
      results.hidden = false;
      pick("table");
      return;
    }
    var vars = data.head.vars || [];
    var rows = data.results.bindings || [];
    statusBox.textContent = format(words.rows, {n: rows.length.toLocaleString(), s: seconds}) +
      (truncated ? " — " + words.truncated : "");
    if (!rows.length) {
      tableBox.appendChild(el("p", {"class": "empty"}, words.noRows));
    } else {
      drawTable(tableBox, vars, rows, TABLE_ROWS);
    }
    var shapes = analyse(vars, rows);
    setViews({table: true, map: Boolean(shapes.map), timeline: Boolean(shapes.timeline), chart: Boolean(shapes.chart)});
    results.hidden = false;
    results.shapes = shapes;
    results.rows = rows;
    pick("table");
    nameTerms(rows);
  }

  function termCell(term) {
    var td = el("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var local = localPath(term.value);
      var a = el("a", {href: local ? withLang(local) : term.value, title: term.value, "data-iri": term.value},
                 term.value);
      if (!local) { a.setAttribute("class", "external"); a.setAttribute("rel", "noopener"); }
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.appendChild(el("span", {"class": "bnode"}, "_:" + term.value));
    } else {
      td.appendChild(el("span", {"class": "literal"}, term.value));
      if (term["xml:lang"]) { td.appendChild(el("span", {"class": "tag lang"}, " @" + term["xml:lang"])); }
      if (NUMBER_TYPES.indexOf(term.datatype) >= 0) { td.setAttribute("class", "num"); }
    }
    return td;
  }

  function drawTable(box, vars, rows, limit) {
    var table = el("table", {"class": "grid results-table"});
    table.appendChild(el("caption", {"class": "visually-hidden"}, format(words.caption, {n: rows.length})));
    var head = el("thead");
    var tr = el("tr");
    vars.forEach(function (v) { tr.appendChild(el("th", {scope: "col"}, "?" + v)); });
    head.appendChild(tr);
    table.appendChild(head);
    var tbody = el("tbody");
    rows.slice(0, limit).forEach(function (row) {
      var line = el("tr");
      vars.forEach(function (v) { line.appendChild(termCell(row[v])); });
      tbody.appendChild(line);
    });
    table.appendChild(tbody);
    box.appendChild(table);
    if (rows.length > limit) {
      var more = el("button", {type: "button", "class": "show-all"}, format(words.showAll, {n: rows.length}));
      more.addEventListener("click", function () {
        box.textContent = "";
        drawTable(box, vars, rows, rows.length);
        nameTerms(rows);
      });
      box.appendChild(more);
    }
  }

  // IRIs shown by their labels (the IRI stays in the link's title)
  var names = {};
  function nameTerms(rows) {
    var wanted = {};
    rows.slice(0, 2000).forEach(function (row) {
      Object.keys(row).forEach(function (k) {
        var t = row[k];
        if (t.type === "uri" && !(t.value in names)) { wanted[t.value] = true; }
      });
    });
    var iris = Object.keys(wanted).slice(0, 500);
    var apply = function () {
      results.querySelectorAll("a[data-iri]").forEach(function (a) {
        var label = names[a.getAttribute("data-iri")];
        if (label) { a.textContent = label; }
      });
      redrawViews();
    };
    if (!iris.length) { apply(); return; }
    fetch(config.labels, {method: "POST", headers: {"Content-Type": "application/json", Accept: "application/json"},
                          body: JSON.stringify({iris: iris, lang: config.lang})})
      .then(function (r) { return r.ok ? r.json() : {labels: {}}; })
      .then(function (found) {
        iris.forEach(function (iri) { names[iri] = found.labels[iri] || null; });
        apply();
      })
      .catch(function () { /* the IRIs stay as they are */ });
  }

  function termText(term) {
    if (!term) { return ""; }
    if (term.type === "uri") { return names[term.value] || term.value.replace(/^.*[\/#]/, ""); }
    return term.value;
  }

  // --- which pictures the answer allows
  function analyse(vars, rows) {
    var sample = rows.slice(0, 200);
    function all(v, test) {
      var seen = sample.filter(function (r) { return r[v]; });
      return seen.length > 0 && seen.every(function (r) { return test(r[v]); });
    }
    function numeric(t) { return t.type === "literal" && (NUMBER_TYPES.indexOf(t.datatype) >= 0 || /^-?\d+(\.\d+)?$/.test(t.value)); }
    function dated(t) { return t.type === "literal" && DATE_TYPES.indexOf(t.datatype) >= 0; }
    var lat = vars.filter(function (v) { return /^lat(itude)?$/i.test(v) && all(v, numeric); })[0];
    var lng = vars.filter(function (v) { return /^(long|lon|lng|longitude)$/i.test(v) && all(v, numeric); })[0];
    var dates = vars.filter(function (v) { return all(v, dated); });
    var counts = vars.filter(function (v) {
      return [lat, lng].indexOf(v) < 0 && all(v, function (t) {
        return t.type === "literal" && NUMBER_TYPES.indexOf(t.datatype) >= 0;
      });
    });
    var labelVar = vars.filter(function (v) { return [lat, lng].indexOf(v) < 0 && dates.indexOf(v) < 0 && counts.indexOf(v) < 0; })[0];
    var thingVar = vars.filter(function (v) { return all(v, function (t) { return t.type === "uri"; }); })[0];
    return {
      map: lat && lng ? {lat: lat, lng: lng, label: labelVar, thing: thingVar} : null,
      timeline: dates.length ? {start: dates[0], end: dates[1] || null, label: labelVar, thing: thingVar} : null,
      chart: counts.length && labelVar ? {count: counts[0], label: labelVar, thing: thingVar} : null
    };
  }

  function setViews(allowed) {
    results.querySelectorAll(".views button").forEach(function (b) {
      b.hidden = !allowed[b.getAttribute("data-view")];
    });
    results.querySelector(".views").hidden = Object.keys(allowed).filter(function (k) { return allowed[k]; }).length < 2;
  }

  function pick(view) {
    results.querySelectorAll(".views button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
    results.querySelectorAll(".view").forEach(function (v) { v.hidden = v.getAttribute("data-view") !== view; });
    results.setAttribute("data-current", view);
    redrawViews();
  }

  function redrawViews() {
    var view = results.getAttribute("data-current");
    var shapes = results.shapes || {};
    if (view === "map" && shapes.map) { drawMap(shapes.map, results.rows); }
    if (view === "timeline" && shapes.timeline) { drawTimeline(shapes.timeline, results.rows); }
    if (view === "chart" && shapes.chart) { drawChart(shapes.chart, results.rows); }
  }

  function thingLink(spec, row, text) {
    var term = spec.thing ? row[spec.thing] : null;
    var local = term ? localPath(term.value) : null;
    return local ? el("a", {href: withLang(local)}, text) : el("span", {}, text);
  }

  var resultsMap = null;
  var resultsLayer = null;
  function drawMap(spec, rows) {
    var maps = window.OsceMaps;
    var box = results.querySelector(".results-map");
    if (!maps) { return; }
    box.classList.add("ready");
    if (!resultsMap) {
      box.setAttribute("data-world", config.world);
      box.setAttribute("data-codes", config.codes);
      var base = maps.baseMap(box);
      resultsMap = base.map;
      resultsMap.setView([48, 20], 3);
      window.L.control.layers(base.bases, null, {collapsed: true}).addTo(resultsMap);
      maps.countries(box).then(function (shapes) {
        window.L.geoJSON(shapes, {interactive: false, style: {className: "country", weight: 0.6}}).addTo(resultsMap).bringToBack();
        box.setAttribute("data-countries", String(shapes.features.length));
      }).catch(function () { /* markers only */ });
    }
    if (resultsLayer) { resultsLayer.remove(); }
    resultsLayer = window.L.featureGroup().addTo(resultsMap);
    rows.forEach(function (row) {
      var lat = parseFloat(row[spec.lat] && row[spec.lat].value);
      var lng = parseFloat(row[spec.lng] && row[spec.lng].value);
      if (isNaN(lat) || isNaN(lng)) { return; }
      var text = spec.label ? termText(row[spec.label]) : lat + ", " + lng;
      maps.marker(lat, lng, "mark-place result", text, thingLink(spec, row, text)).addTo(resultsLayer);
    });
    resultsMap.invalidateSize();
    if (resultsLayer.getLayers().length) { resultsMap.fitBounds(resultsLayer.getBounds(), {maxZoom: 7, padding: [20, 20]}); }
    box.setAttribute("data-markers", String(resultsLayer.getLayers().length));
  }

  function yearOf(value) {
    var m = /^(-?\d{4})(?:-(\d\d))?(?:-(\d\d))?/.exec(value);
    if (!m) { return NaN; }
    return Number(m[1]) + ((Number(m[2] || 1) - 1) / 12) + ((Number(m[3] || 1) - 1) / 365);
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  var now = new Date();
  var today = now.getFullYear() + now.getMonth() / 12 + (now.getDate() - 1) / 365;

  function drawTimeline(spec, rows) {
    var box = results.querySelector(".view-timeline");
    box.textContent = "";
    var items = rows.map(function (row) {
      var start = yearOf(row[spec.start] ? row[spec.start].value : "");
      // with an end column, a row without an end is still running: drawn to today
      var end = !spec.end ? start : row[spec.end] ? yearOf(row[spec.end].value) : today;
      return {row: row, start: start, end: isNaN(end) ? start : Math.max(end, start),
              text: spec.label ? termText(row[spec.label]) : row[spec.start].value,
              when: row[spec.start].value + (spec.end ? " – " + (row[spec.end] ? row[spec.end].value : "") : "")};
    }).filter(function (i) { return !isNaN(i.start); }).slice(0, 300);
    items.sort(function (a, b) { return a.start - b.start; });
    if (!items.length) { return; }
    var first = Math.floor(Math.min.apply(null, items.map(function (i) { return i.start; })));
    var last = Math.ceil(Math.max.apply(null, items.map(function (i) { return i.end; }))) + 1;
    var gutter = 200, yearWidth = Math.max(8, Math.min(40, 700 / Math.max(last - first, 1))), row = 20;
    var width = gutter + (last - first) * yearWidth + 20, height = 24 + items.length * row;
    var svg = svgEl("svg", {"class": "timeline results-timeline", width: width, height: height,
                            viewBox: "0 0 " + width + " " + height, role: "group"});
    for (var y = first; y <= last; y++) {
      var step = last - first > 60 ? 20 : last - first > 20 ? 5 : 1;
      if (y % step) { continue; }
      var x = gutter + (y - first) * yearWidth;
      svg.appendChild(svgEl("line", {"class": "tick", x1: x, x2: x, y1: 16, y2: height}));
      svg.appendChild(svgEl("text", {"class": "year", x: x, y: 12, "text-anchor": "middle"}, y));
    }
    items.forEach(function (item, index) {
      var top = 22 + index * row;
      var label = item.text.length > 32 ? item.text.slice(0, 31) + "…" : item.text;
      svg.appendChild(svgEl("text", {"class": "row-title", x: 4, y: top + 12}, label));
      var link = svgEl("a", {"class": "span" + (item.end === item.start ? " dot" : "")});
      var term = spec.thing ? item.row[spec.thing] : null;
      var local = term ? localPath(term.value) : null;
      if (local) { link.setAttribute("href", withLang(local)); }
      link.appendChild(svgEl("title", {}, item.text + " (" + item.when + ")"));
      var x0 = gutter + (item.start - first) * yearWidth;
      if (item.end === item.start) {
        link.appendChild(svgEl("circle", {cx: x0, cy: top + 8, r: 5}));
      } else {
        link.appendChild(svgEl("rect", {x: x0, y: top + 1, width: Math.max((item.end - item.start) * yearWidth, 3), height: 14, rx: 3}));
      }
      svg.appendChild(link);
    });
    box.appendChild(svg);
    box.setAttribute("data-items", String(items.length));
  }

  function drawChart(spec, rows) {
    var box = results.querySelector(".view-chart");
    box.textContent = "";
    var bars = rows.map(function (row) {
      return {row: row, n: Number(row[spec.count] ? row[spec.count].value : 0), text: termText(row[spec.label])};
    }).filter(function (b) { return !isNaN(b.n); }).slice(0, 100);
    var top = Math.max.apply(null, bars.map(function (b) { return b.n; }).concat([1]));
    var list = el("ol", {"class": "bar-chart"});
    bars.forEach(function (b) {
      var li = el("li");
      var name = thingLink(spec, b.row, b.text);
      name.classList.add("bar-label");
      li.appendChild(name);
      var track = el("span", {"class": "bar-track"});
      var bar = el("span", {"class": "bar", "data-n": b.n});
      bar.style.width = Math.max(100 * b.n / top, 0.5) + "%";  // CSSOM: allowed by the CSP
      track.appendChild(bar);
      li.appendChild(track);
      li.appendChild(el("span", {"class": "bar-value"}, b.n.toLocaleString()));
      list.appendChild(li);
    });
    box.appendChild(list);
    box.setAttribute("data-bars", String(bars.length));
  }

  // --- sharing: #query=… opens what was shared
  function shareLink() {
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = "query=" + encodeURIComponent(textarea.value);
    return url.toString();
  }

  stopButton.addEventListener("click", function () {
    if (running) { running.abort(); }
  });

  // --- the query's colours: a highlighted copy drawn behind the (transparent) textarea
  var highlight = form.querySelector(".code-highlight code");
  var KEYWORDS = /^(?:SELECT|ASK|CONSTRUCT|DESCRIBE|WHERE|FROM|NAMED|PREFIX|BASE|OPTIONAL|UNION|MINUS|FILTER|BIND|VALUES|GRAPH|SERVICE|GROUP|ORDER|BY|HAVING|LIMIT|OFFSET|DISTINCT|REDUCED|AS|ASC|DESC|NOT|EXISTS|IN|a|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT|SEPARATOR|STR|LANG|LANGMATCHES|DATATYPE|BOUND|IRI|URI|BNODE|YEAR|MONTH|DAY|NOW|CONCAT|CONTAINS|STRSTARTS|STRENDS|LCASE|UCASE|REGEX|REPLACE|COALESCE|IF|isIRI|isURI|isBLANK|isLITERAL|true|false|UNDEF)$/i;
  var TOKEN = /(#[^\n]*)|("""[\s\S]*?"""|'[^'\n]*'|"(?:[^"\\\n]|\\.)*")|(<[^<>"{}|^`\\\s]*>)|([?$][\w\u00b7\u00c0-\uffff]+)|([A-Za-z][\w.-]*)?(:[\w.%-]*)|([A-Za-z_]\w*)|(\d+(?:\.\d+)?)/g;
  var CLASSES = [null, "c-comment", "c-string", "c-iri", "c-var", "c-prefixed", "c-prefixed", "c-word", "c-number"];

  function paint() {
    var text = textarea.value;
    var fragment = document.createDocumentFragment();
    var last = 0, match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      if (match.index > last) { fragment.appendChild(document.createTextNode(text.slice(last, match.index))); }
      var kind = 1;
      while (kind < match.length && match[kind] === undefined) { kind++; }
      var css = kind === 7 ? (KEYWORDS.test(match[0]) ? "c-keyword" : null) : CLASSES[kind];
      fragment.appendChild(css ? el("span", {"class": css}, match[0]) : document.createTextNode(match[0]));
      last = TOKEN.lastIndex;
      if (match[0] === "") { TOKEN.lastIndex++; }
    }
    fragment.appendChild(document.createTextNode(text.slice(last) + "\n"));
    highlight.textContent = "";
    highlight.appendChild(fragment);
    // the textarea grows with its text (no scroll bar of its own: the colours stay aligned)
    textarea.style.height = "auto";
    textarea.style.height = (textarea.scrollHeight + 2) + "px";
    syncScroll();
  }

  function syncScroll() {
    highlight.parentNode.scrollTop = textarea.scrollTop;
    highlight.parentNode.scrollLeft = textarea.scrollLeft;
  }

  textarea.addEventListener("input", paint);
  textarea.addEventListener("scroll", syncScroll);
  form.querySelector(".code-editor").classList.add("painted");

  shareButton.addEventListener("click", function () {
    var link = shareLink();
    shareInput.value = link;
    shareBox.hidden = false;
    shareInput.select();
    history.replaceState(null, "", link);
    if (navigator.clipboard) {
      navigator.clipboard.writeText(link).then(function () { statusBox.textContent = words.copied; },
                                                 function () { /* the link is shown selected */ });
    }
  });

  results.querySelectorAll(".views button").forEach(function (b) {
    b.addEventListener("click", function () { pick(b.getAttribute("data-view")); });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  select.addEventListener("change", function () {
    if (select.value === "") { return; }
    textarea.value = config.examples[Number(select.value)];
    paint();
    run();
  });

  function fromHash() {
    var match = /(?:^#|&)query=([^&]*)/.exec(window.location.hash);
    if (!match) { return null; }
    try { return decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { return null; }
  }

  window.addEventListener("hashchange", function () {
    var shared = fromHash();
    if (shared !== null && shared !== textarea.value) { textarea.value = shared; paint(); run(); }
  });

  var initial = fromHash();
  if (initial !== null) { textarea.value = initial; }
  paint();
  form.setAttribute("data-ready", "true");
  if (initial !== null || config.query) { run(); }
}());
