/* kg query page: sends the query to /sparql and shows the answer as a table. No external code. */
(function () {
  "use strict";

  var EXAMPLES = {
    investments: [
      "# Who invests in whom: amounts stated in the articles and how many articles say so",
      "SELECT ?investor ?investee (MAX(?amt) AS ?amount) (SAMPLE(?cur) AS ?currency)",
      "       (COUNT(DISTINCT ?doc) AS ?articles)",
      "WHERE {",
      "  ?a a kg:Assertion ; rdf:predicate kg:investsIn ; rdf:subject ?i ; rdf:object ?e ;",
      "     kg:asserted true ; prov:wasDerivedFrom ?doc .",
      "  ?i rdfs:label ?investor .",
      "  ?e rdfs:label ?investee .",
      "  OPTIONAL { ?a kg:amount ?amt ; kg:currency ?cur }",
      "}",
      "GROUP BY ?investor ?investee",
      "ORDER BY DESC(?articles) ?investor",
      "LIMIT 100"
    ],
    acquisitions: [
      "# Acquisitions: buyer, company bought, date when stated, evidence sentence",
      "SELECT ?buyer ?bought ?date ?evidence",
      "WHERE {",
      "  ?a a kg:Assertion ; rdf:predicate kg:acquired ; rdf:subject ?b ; rdf:object ?t ;",
      "     kg:evidence ?evidence .",
      "  OPTIONAL { ?a kg:date ?date }",
      "  ?b rdfs:label ?buyer .",
      "  ?t rdfs:label ?bought .",
      "}",
      "ORDER BY ?buyer ?bought",
      "LIMIT 100"
    ],
    suppliers: [
      "# Who supplies cloud, compute, chips or models to whom",
      "SELECT ?supplier ?customer (COUNT(DISTINCT ?doc) AS ?articles)",
      "WHERE {",
      "  ?s kg:suppliesTo ?c .",
      "  ?s rdfs:label ?supplier .",
      "  ?c rdfs:label ?customer .",
      "  ?a rdf:subject ?s ; rdf:predicate kg:suppliesTo ; rdf:object ?c ; prov:wasDerivedFrom ?doc .",
      "}",
      "GROUP BY ?supplier ?customer",
      "ORDER BY DESC(?articles) ?supplier"
    ],
    leaders: [
      "# Chief executives and other leaders of each organisation",
      "SELECT ?organisation ?person ?role",
      "WHERE {",
      "  VALUES ?role { kg:ceoOf kg:leads kg:founderOf }",
      "  ?p ?role ?o .",
      "  ?p rdfs:label ?person .",
      "  ?o rdfs:label ?organisation .",
      "}",
      "ORDER BY ?organisation ?role ?person"
    ],
    partners: [
      "# Partners of one company (change the name in the FILTER)",
      "SELECT DISTINCT ?company ?partner",
      "WHERE {",
      "  ?c kg:partnersWith ?p .",
      "  ?c rdfs:label ?company .",
      "  ?p rdfs:label ?partner .",
      "  FILTER(CONTAINS(LCASE(?company), \"microsoft\"))",
      "}",
      "ORDER BY ?partner"
    ],
    graph: [
      "# The investment relations as RDF triples",
      "CONSTRUCT { ?i kg:investsIn ?e }",
      "WHERE { ?i kg:investsIn ?e }",
      "LIMIT 200"
    ]
  };

  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = ["integer", "decimal", "double", "float", "long", "int", "nonNegativeInteger"];
  var prefixes = {};

  var form = document.getElementById("query-form");
  var textarea = document.getElementById("query");
  var examples = document.getElementById("examples");
  var runButton = document.getElementById("run");
  var statusLine = document.getElementById("status");
  var results = document.getElementById("results");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function shorten(iri) {
    var best = null;
    Object.keys(prefixes).forEach(function (name) {
      var ns = prefixes[name];
      if (iri.indexOf(ns) === 0 && (best === null || ns.length > prefixes[best].length)) { best = name; }
    });
    return best === null ? "<" + iri + ">" : best + ":" + iri.slice(prefixes[best].length);
  }

  /* A term as {type: uri|bnode|literal, value, datatype?, "xml:lang"?} -> table cell. */
  function cell(term) {
    var td = el("td");
    if (!term) { td.className = "unbound"; return td; }
    if (term.type === "uri") {
      var span = el("span", "iri", shorten(term.value));
      span.title = term.value;
      td.appendChild(span);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.appendChild(document.createTextNode(term.value));
      if (term["xml:lang"]) {
        td.appendChild(el("span", "lang", "@" + term["xml:lang"]));
      } else if (term.datatype) {
        var local = term.datatype.indexOf(XSD) === 0 ? term.datatype.slice(XSD.length) : null;
        if (local !== null && NUMERIC.indexOf(local) >= 0) {
          td.className = "num";
        } else if (local !== "string") {
          td.appendChild(el("span", "dtype", shorten(term.datatype)));
        }
      }
    }
    return td;
  }

  function table(variables, rows) {
    var t = el("table");
    var head = el("tr");
    variables.forEach(function (v) { head.appendChild(el("th", null, v)); });
    var thead = el("thead");
    thead.appendChild(head);
    t.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      variables.forEach(function (v) { tr.appendChild(cell(row[v])); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  /* One N-Triples term starting at line[i] -> [term, next index]. */
  function ntTerm(line, i) {
    while (line[i] === " " || line[i] === "\t") { i++; }
    if (line[i] === "<") {
      var end = line.indexOf(">", i);
      return [{ type: "uri", value: line.slice(i + 1, end) }, end + 1];
    }
    if (line[i] === "_") {
      var m = /^_:(\S+)/.exec(line.slice(i));
      return [{ type: "bnode", value: m[1] }, i + m[0].length];
    }
    var j = i + 1, value = "";
    while (j < line.length && line[j] !== "\"") {
      if (line[j] === "\\") {
        var c = line[j + 1];
        if (c === "u" || c === "U") {
          var n = c === "u" ? 4 : 8;
          value += String.fromCodePoint(parseInt(line.substr(j + 2, n), 16));
          j += 2 + n;
          continue;
        }
        value += { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" }[c] || c;
        j += 2;
        continue;
      }
      value += line[j];
      j++;
    }
    var term = { type: "literal", value: value };
    j++;
    if (line[j] === "@") {
      var lang = /^@([A-Za-z0-9-]+)/.exec(line.slice(j));
      term["xml:lang"] = lang[1];
      j += lang[0].length;
    } else if (line.substr(j, 3) === "^^<") {
      var close = line.indexOf(">", j);
      term.datatype = line.slice(j + 3, close);
      j = close + 1;
    }
    return [term, j];
  }

  function parseNTriples(text) {
    var rows = [];
    text.split("\n").forEach(function (line) {
      if (!line.trim() || line.trim()[0] === "#") { return; }
      var s = ntTerm(line, 0), p = ntTerm(line, s[1]), o = ntTerm(line, p[1]);
      rows.push({ subject: s[0], predicate: p[0], object: o[0] });
    });
    return rows;
  }

  function setStatus(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? "error" : "";
  }

  function showMessage(text, kind) {
    results.appendChild(el("div", "message " + kind, text));
  }

  function show(response, text, started) {
    var ms = Math.round(performance.now() - started);
    results.textContent = "";
    if (!response.ok) {
      setStatus("HTTP " + response.status, true);
      showMessage(text.trim() || response.statusText, "error");
      return;
    }
    var type = (response.headers.get("Content-Type") || "").split(";")[0];
    var count;
    if (type === "application/sparql-results+json") {
      var data = JSON.parse(text);
      if (typeof data.boolean === "boolean") {
        results.appendChild(el("p", "boolean", data.boolean ? "yes (true)" : "no (false)"));
        setStatus("ASK answered in " + ms + " ms", false);
        return;
      }
      count = data.results.bindings.length;
      results.appendChild(table(data.head.vars, data.results.bindings));
    } else {
      var triples = parseNTriples(text);
      count = triples.length;
      results.appendChild(table(["subject", "predicate", "object"], triples));
    }
    var noun = type === "application/sparql-results+json" ? " row" : " triple";
    setStatus(count + noun + (count === 1 ? "" : "s") + " in " + ms + " ms", false);
    if (response.headers.get("X-KG-Truncated") === "true") {
      var limit = response.headers.get("X-KG-Row-Limit");
      results.insertBefore(el("div", "message warning",
        "The answer was cut at " + limit + " rows (the server's limit). Add LIMIT/OFFSET or narrow the query."),
        results.firstChild);
    }
  }

  function run(event) {
    if (event) { event.preventDefault(); }
    var query = textarea.value;
    if (!query.trim()) { setStatus("Write a query first.", true); return; }
    runButton.disabled = true;
    setStatus("Running...", false);
    var started = performance.now();
    prefixesLoaded.then(function () {
      return fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, application/n-triples;q=0.9"
        },
        body: new URLSearchParams({ query: query }).toString()
      });
    }).then(function (response) {
      return response.text().then(function (text) { show(response, text, started); });
    }).catch(function (error) {
      results.textContent = "";
      setStatus("The endpoint did not answer.", true);
      showMessage(String(error), "error");
    }).then(function () {
      runButton.disabled = false;
    });
  }

  function download() {
    var fmt = document.getElementById("download").value;
    var url = "/sparql?" + new URLSearchParams({ query: textarea.value, format: fmt }).toString();
    var ext = { turtle: "ttl" }[fmt] || fmt;
    var link = el("a");
    link.href = url;
    link.download = "results." + ext;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function loadExample() {
    textarea.value = EXAMPLES[examples.value].join("\n") + "\n";
  }

  form.addEventListener("submit", run);
  examples.addEventListener("change", loadExample);
  document.getElementById("download-button").addEventListener("click", download);
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { run(event); }
  });
  document.getElementById("endpoint").textContent = window.location.origin + "/sparql";

  var prefixesLoaded = fetch("/prefixes.json").then(function (r) { return r.json(); })
    .then(function (p) { prefixes = p; }).catch(function () { prefixes = {}; });
  loadExample();
  window.kgQuery = { run: run, examples: EXAMPLES };
}());
