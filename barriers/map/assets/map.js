/* barriers map: the page's behaviour. Model text is only ever inserted with textContent. */
(function () {
  "use strict";

  // Every lookup by id goes through objects without a prototype (dict()), so an id such as
  // "constructor" or "__proto__" is a key like any other and never finds Object's own members.
  function dict() { return Object.create(null); }
  function noProto(key, value) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      var plain = dict();
      Object.keys(value).forEach(function (k) { plain[k] = value[k]; });
      return plain;
    }
    return value;
  }
  var DATA = JSON.parse(document.getElementById("barriers-data").textContent, noProto);
  // the graph as pyvis hands it to the template: nodes, edges and vis options
  var GRAPH = JSON.parse(document.getElementById("barriers-network").textContent);
  DATA.nodes = GRAPH.nodes;
  DATA.edges = GRAPH.edges;
  DATA.options = GRAPH.options;
  var W = DATA.words;
  var ITEMS = DATA.items;
  var KIND_ORDER = Object.assign(dict(), { phase: 0, intervention: 1, partner: 2 });
  var HTTP = /^https?:\/\//i;
  var UNCOVERED = DATA.palette.uncovered;
  var DIM = 0.15;
  // partner -> barrier links: hidden, drawn for what is chosen, or all when asked for
  var LINK = { color: DATA.palette.chosen_link, width: 2.5 };
  var FAINT = { color: DATA.palette.link, width: 1 };
  // the first view, presentation and reset never zoom out below the scale at which the
  // smallest label is READABLE_PX pixels high
  var READABLE_PX = 11;
  var PHASE_PX = 12.2;
  var MAX_SCALE = 1;
  var VIEW_PAD = 8;
  // model text in another language than the page's words carries its own lang attribute
  var TEXT_LANG = DATA.text_lang;

  var resolveReady;
  var ready = new Promise(function (resolve) { resolveReady = resolve; });

  function $(id) { return document.getElementById(id); }
  function make(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }
  function nid(kind, id) { return kind + ":" + id; }
  function asModel(e) { if (TEXT_LANG) e.lang = TEXT_LANG; return e; }
  function asWords(e) { if (TEXT_LANG) e.lang = DATA.lang; return e; }
  function modelSpan(text) { return asModel(make("span", null, text)); }
  function labelled(word, value) {
    // "Word: value" with the word in the page's language and the value as written
    var p = make("p");
    p.appendChild(asWords(make("span", null, word + ": ")));
    p.appendChild(modelSpan(value));
    return p;
  }
  function nameOf(id) { return ITEMS[id] ? ITEMS[id].name : id; }

  // -- the network ------------------------------------------------------------------------------
  // every node drawn (ALL_NODES) is an item's own node (NODE_IDS, the ids of ITEMS) or a
  // copy of an intervention's, under another phase it acts on (ITEM_OF names its item)
  var BASE = dict();
  DATA.nodes.forEach(function (n) { BASE[n.id] = n; });
  var ALL_NODES = DATA.nodes.map(function (n) { return n.id; });
  var ITEM_OF = dict();
  ALL_NODES.forEach(function (id) { ITEM_OF[id] = id; });
  var COPIES = DATA.copies;
  Object.keys(COPIES).forEach(function (id) {
    COPIES[id].forEach(function (copy) { ITEM_OF[copy] = id; });
  });
  var NODE_IDS = ALL_NODES.filter(function (id) { return ITEM_OF[id] === id; });
  function cardsOf(id) { return [id].concat(COPIES[id] || []); }
  var neighbours = dict();
  NODE_IDS.forEach(function (id) { neighbours[id] = []; });
  function neighbour(a, b) {
    if (!(a in neighbours) || !(b in neighbours)) return;
    if (neighbours[a].indexOf(b) < 0) neighbours[a].push(b);
    if (neighbours[b].indexOf(a) < 0) neighbours[b].push(a);
  }
  DATA.edges.forEach(function (e) { neighbour(e.from, e.to); });
  NODE_IDS.forEach(function (id) {
    var item = ITEMS[id];
    if (item.kind === "intervention") item.phases.forEach(function (p) { neighbour(id, nid("phase", p)); });
  });

  var smallest = DATA.nodes.reduce(function (m, n) { return Math.min(m, n.font.size); }, Infinity);
  var READABLE = smallest === Infinity ? MAX_SCALE : Math.min(MAX_SCALE, READABLE_PX / smallest);
  // the first view fits the row of phases to the width, if their labels stay PHASE_PX high
  var phaseFont = DATA.nodes.reduce(function (m, n) {
    return ITEMS[n.id] && ITEMS[n.id].kind === "phase" ? Math.min(m, n.font.size) : m;
  }, Infinity);
  var PHASE_READABLE = phaseFont === Infinity ? READABLE : Math.min(MAX_SCALE, PHASE_PX / phaseFont);

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) { return Object.assign({}, n); }));
  var edges = new vis.DataSet(DATA.edges);
  // on a narrow screen the legend starts folded, so the map keeps its room
  var legendBox = document.querySelector(".legend");
  if (legendBox && window.matchMedia && window.matchMedia("(max-width: 600px)").matches) legendBox.open = false;
  var container = $("map");
  // the map fills the screen below the toolbar, so it is seen whole (a click that focuses it
  // never scrolls the page), and never gets smaller than a useful minimum
  function fitMapHeight() {
    var top = container.getBoundingClientRect().top + window.scrollY;
    var legend = container.parentNode.querySelector(".legend");
    var below = legend ? Math.min(legend.getBoundingClientRect().height, 40) : 0;
    container.style.height = Math.max(320, Math.floor(window.innerHeight - top - below - 4)) + "px";
  }
  fitMapHeight();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);

  // Show a box of the canvas: whole when that keeps the labels readable (at ``least``, the
  // smallest label's readable scale by default); otherwise at that scale (or wider, to fit
  // the box's width), from the box's top left.
  function showBox(box, least) {
    var readable = least || READABLE;
    var w = container.clientWidth;
    var h = container.clientHeight;
    var bw = Math.max(box.right - box.left, 1);
    var bh = Math.max(box.bottom - box.top, 1);
    var fitWidth = (w - 2 * VIEW_PAD) / bw;
    var fit = Math.min(fitWidth, (h - 2 * VIEW_PAD) / bh);
    var scale = Math.min(fit, MAX_SCALE);
    var cx = (box.left + box.right) / 2;
    var cy = (box.top + box.bottom) / 2;
    if (fit < readable) {
      scale = Math.max(readable, Math.min(fitWidth, MAX_SCALE));
      if (bw * scale > w - 2 * VIEW_PAD) cx = box.left + (w / 2 - VIEW_PAD) / scale;
      if (bh * scale > h - 2 * VIEW_PAD) cy = box.top + (h / 2 - VIEW_PAD) / scale;
    }
    network.moveTo({ position: { x: cx, y: cy }, scale: scale, animation: false });
  }
  function boxOf(ids) {
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) return;
      box.left = Math.min(box.left, b.left);
      box.top = Math.min(box.top, b.top);
      box.right = Math.max(box.right, b.right);
      box.bottom = Math.max(box.bottom, b.bottom);
    });
    return box;
  }
  // the first view: the whole row of phases, their names and counts readable, and as much
  // of the cards under them as fits (drawn as chips until one zooms in)
  function home() {
    showBox({ left: 0, top: 0, right: DATA.size.width, bottom: DATA.size.height }, PHASE_READABLE);
  }
  home();
  network.on("beforeDrawing", function (ctx) {
    // an opaque background, so the exported PNG is readable
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = DATA.palette.paper;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  network.once("afterDrawing", function () { resolveReady(); });

  var frame = container.querySelector(".vis-network") || container;
  frame.setAttribute("tabindex", "0");
  frame.setAttribute("role", "application");
  frame.setAttribute("aria-label", W.map);
  frame.setAttribute("aria-describedby", "map-help");

  // -- state and the one function that draws it ---------------------------------------------------
  var state = {
    partner: "", phase: "", type: "", whatif: [], focus: null, hover: null, present: -1, slide: -1, selected: null, links: false
  };
  // what each node looks like now, so restyle() only updates what changes (the nodes start
  // as the page's data draws them)
  function styleKey(label, hidden, opacity, width, dashes, background) {
    return [label, hidden, opacity, width, JSON.stringify(dashes || false), background].join("|");
  }
  var applied = dict();
  DATA.nodes.forEach(function (n) {
    var dashes = n.shapeProperties ? n.shapeProperties.borderDashes : false;
    applied[n.id] = styleKey(n.label, false, 1, n.borderWidth, dashes, n.color.background);
  });
  // how each edge is drawn now: "" (hidden), "on", or for partner links "link" and "faint"
  var appliedEdges = dict();
  DATA.edges.forEach(function (e) {
    appliedEdges[e.id] = e.hidden ? "" : e.id.indexOf("raises:") === 0 ? "faint" : "on";
  });

  function interventionMatches(item) {
    if (state.partner && item.partners.indexOf(state.partner) < 0) return false;
    if (state.phase && item.phases.indexOf(state.phase) < 0) return false;
    if (state.type === "-") return !item.type;
    if (state.type && item.type !== state.type) return false;
    return true;
  }

  function visibility() {
    var filtering = Boolean(state.partner || state.phase || state.type);
    var shown = dict();
    var partnersShown = dict();
    NODE_IDS.forEach(function (id) {
      var item = ITEMS[id];
      if (item.kind === "intervention") {
        var ok = !filtering || interventionMatches(item);
        shown[id] = ok;
        if (ok) item.partners.forEach(function (p) { partnersShown[nid("partner", p)] = true; });
      }
    });
    NODE_IDS.forEach(function (id) {
      var item = ITEMS[id];
      if (item.kind === "phase") shown[id] = true;
      else if (item.kind === "partner") {
        shown[id] = !filtering || Boolean(partnersShown[id]) || state.partner === item.id;
      }
    });
    return shown;
  }

  function focusSet(forFit) {
    if (state.present >= 0 && state.slide > 0) {
      var pid = DATA.order[state.slide - 1];
      var phase = ITEMS[nid("phase", pid)];
      var set = dict();
      set[nid("phase", pid)] = true;
      phase.interventions.forEach(function (i) {
        // to fit the view: the barriers that sit under this phase (others are linked to it)
        if (!forFit || ITEMS[nid("intervention", i)].home === pid) set[nid("intervention", i)] = true;
      });
      if (!forFit) phase.partners.forEach(function (p) { set[nid("partner", p)] = true; });
      return set;
    }
    if (state.hover && state.hover in neighbours) {
      var near = dict();
      near[state.hover] = true;
      neighbours[state.hover].forEach(function (n) { near[n] = true; });
      // the phases stay as they are: the row of the process is the frame of reference
      DATA.order.forEach(function (p) { near[nid("phase", p)] = true; });
      return near;
    }
    if (state.focus) {
      var around = dict();
      around[state.focus] = true;
      neighbours[state.focus].forEach(function (n) { around[n] = true; });
      return around;
    }
    return null;
  }

  // the partner links that belong to what is chosen: the selected partner, barrier or phase,
  // the filtered view, the partner that drops out, the focus and the presented phase
  function linkChosen(shown, focus) {
    var filtering = Boolean(state.partner || state.phase || state.type);
    var sel = state.selected ? ITEMS[state.selected] : null;
    var ofPhase = dict();
    if (sel && sel.kind === "phase") {
      sel.interventions.forEach(function (i) { ofPhase[nid("intervention", i)] = true; });
    }
    var dropped = dict();
    state.whatif.forEach(function (p) { dropped[nid("partner", p)] = true; });
    return function (e) {
      if (filtering && shown[e.from] && shown[e.to]) return true;
      if (focus && focus[e.from] && focus[e.to]) return true;
      if (dropped[e.from] || e.from === state.hover) return true;
      if (state.selected && (e.from === state.selected || e.to === state.selected)) return true;
      return Boolean(ofPhase[e.to]);
    };
  }

  function restyle() {
    var shown = visibility();
    var focus = focusSet();
    var chosen = linkChosen(shown, focus);
    var lost = dict();
    var uncovered = dict();
    var gone = dict();
    var weaker = dict();
    if (state.whatif.length) {
      var answer = whatif(state.whatif);
      answer.lost_interventions.forEach(function (i) { lost[nid("intervention", i)] = true; });
      answer.newly_uncovered.forEach(function (p) { uncovered[nid("phase", p)] = true; });
      state.whatif.forEach(function (p) { gone[nid("partner", p)] = true; });
      answer.weakened.forEach(function (w) { weaker[nid("phase", w.id)] = "↓ " + w.before + " → " + w.after; });
      answer.single_partner.forEach(function (p) {
        var id = nid("phase", p);
        weaker[id] = (weaker[id] ? weaker[id] + " · " : "") + "! " + W.single_partner;
      });
    }
    var updates = [];
    ALL_NODES.forEach(function (id) {
      var base = BASE[id];
      var item = ITEM_OF[id];
      var label = base.label;
      var color = base.color;
      var dashes = base.shapeProperties ? base.shapeProperties.borderDashes : false;
      var width = base.borderWidth;
      if (lost[item] || gone[item]) {
        label = "✕ " + label;
        dashes = [3, 4];
        width = 3;
      }
      if (weaker[item]) label = label + "\n" + weaker[item];
      if (uncovered[item]) {
        label = label + "\n⚠ " + W.uncovered;
        color = Object.assign({}, color, UNCOVERED, { highlight: UNCOVERED, hover: UNCOVERED });
        dashes = [8, 5];
        width = 4;
      }
      var opacity = focus && !focus[item] ? DIM : 1;
      var hidden = !shown[item];
      var key = styleKey(label, hidden, opacity, width, dashes, color.background);
      if (applied[id] === key) return;
      applied[id] = key;
      updates.push({
        id: id, label: label, hidden: hidden, opacity: opacity, color: color, borderWidth: width,
        shapeProperties: Object.assign({}, base.shapeProperties, { borderDashes: dashes || false })
      });
    });
    if (updates.length) nodes.update(updates);
    var edgeUpdates = [];
    DATA.edges.forEach(function (e) {
      var hide = !shown[e.from] || !shown[e.to] || Boolean(focus && !(focus[e.from] && focus[e.to]));
      var how = hide ? "" : "on";
      if (!hide && e.id.indexOf("raises:") === 0) {
        how = chosen(e) ? "link" : state.links ? "faint" : "";
      }
      if (appliedEdges[e.id] === how) return;
      appliedEdges[e.id] = how;
      var update = { id: e.id, hidden: how === "" };
      var look = how === "link" ? LINK : how === "faint" ? FAINT : null;
      if (look) {
        update.color = { color: look.color, highlight: LINK.color, hover: LINK.color };
        update.width = look.width;
      }
      edgeUpdates.push(update);
    });
    if (edgeUpdates.length) edges.update(edgeUpdates);
    var total = 0;
    var visible = 0;
    NODE_IDS.forEach(function (id) {
      if (ITEMS[id].kind === "intervention" && ITEMS[id].mark !== "removed") {
        total += 1;
        if (shown[id]) visible += 1;
      }
    });
    if (state.partner || state.phase || state.type) {
      say(fmt(W.filter_status, { shown: visible, total: total }));
    }
  }

  function labelPx(id) {
    var body = network.body.nodes[id];
    if (!body || applied[id] === undefined) return 0;
    if (!body.labelModule.visible()) return 0;
    return body.labelModule.fontOptions.size * network.getScale();
  }

  function say(text) { $("status").textContent = text; }

  // -- what if a partner drops out (held equal to barriers.analysis.whatif by the tests) ----------
  function whatif(without) {
    var gone = dict();
    without.forEach(function (p) { gone[p] = true; });
    var lost = [];
    var lostSet = dict();
    NODE_IDS.forEach(function (id) {
      var item = ITEMS[id];
      if (item.kind !== "intervention" || item.mark === "removed") return;
      var left = item.partners.filter(function (p) { return !gone[p]; });
      // lost when its lead drops out; without a lead, when all its partners do
      var isLost = item.lead ? gone[item.lead] === true : item.partners.length && left.length === 0;
      if (isLost) {
        lost.push(item.id);
        lostSet[item.id] = true;
      }
    });
    lost.sort();
    var newly = [];
    var weakened = [];
    var single = [];
    DATA.order.forEach(function (pid) {
      var phase = ITEMS[nid("phase", pid)];
      var before = phase.interventions.length;
      var kept = phase.interventions.filter(function (i) { return !lostSet[i]; });
      if (before && !kept.length) newly.push(pid);
      else if (kept.length < before) weakened.push({ id: pid, before: before, after: kept.length });
      // phases whose barriers come from more than one partner now, and from one after
      var after = dict();
      kept.forEach(function (i) {
        ITEMS[nid("intervention", i)].partners.forEach(function (p) { if (!gone[p]) after[p] = true; });
      });
      if (phase.partners.length > 1 && Object.keys(after).length === 1) single.push(pid);
    });
    return { newly_uncovered: newly, lost_interventions: lost, weakened: weakened, single_partner: single };
  }

  function phaseList(entries, className) {
    // phases as links, each with a note in the page's words after its name
    var ul = asModel(make("ul", className));
    entries.forEach(function (entry) {
      var li = make("li");
      li.appendChild(nodeButton(nid("phase", entry[0])));
      if (entry[1]) li.appendChild(asWords(make("span", "note", " " + entry[1])));
      ul.appendChild(li);
    });
    return ul;
  }
  function showWhatif() {
    var box = $("whatif-result");
    box.textContent = "";
    if (!state.whatif.length) {
      box.hidden = true;
      return;
    }
    var answer = whatif(state.whatif);
    var template = state.whatif.length > 1 ? W.whatif_uncovered_many : W.whatif_uncovered;
    var parts = template.split("{partner}");
    var heading = make("h2", null, parts[0]);
    state.whatif.forEach(function (p, k) {
      if (k) heading.appendChild(document.createTextNode(k === state.whatif.length - 1 ? W.and : ", "));
      heading.appendChild(modelSpan(nameOf(nid("partner", p))));
    });
    heading.appendChild(document.createTextNode(parts.slice(1).join("")));
    box.appendChild(heading);
    if (answer.newly_uncovered.length) {
      box.appendChild(phaseList(answer.newly_uncovered.map(function (p) { return [p, ""]; }), "whatif-uncovered"));
    } else {
      box.appendChild(make("p", "whatif-none", W.whatif_result_none));
    }
    if (answer.weakened.length) {
      box.appendChild(make("h2", null, W.whatif_weakened + " (" + answer.weakened.length + ")"));
      box.appendChild(phaseList(answer.weakened.map(function (w) {
        return [w.id, "(" + w.before + " → " + w.after + " " + W.count_barriers + ")"];
      }), "whatif-weakened"));
    }
    if (answer.single_partner.length) {
      box.appendChild(make("h2", null, W.whatif_single + " (" + answer.single_partner.length + ")"));
      box.appendChild(phaseList(answer.single_partner.map(function (p) { return [p, ""]; }), "whatif-single"));
    }
    if (answer.lost_interventions.length) {
      box.appendChild(make("h2", null, W.whatif_lost + " (" + answer.lost_interventions.length + ")"));
      box.appendChild(listOf(answer.lost_interventions.map(function (i) { return nid("intervention", i); }), "whatif-lost"));
    }
    box.hidden = false;
  }

  // -- the details panel ----------------------------------------------------------------------------
  function nodeButton(id) {
    var b = make("button", "node-link", nameOf(id));
    b.type = "button";
    b.setAttribute("data-node", id);
    return b;
  }
  function listOf(ids, className) {
    var ul = asModel(make("ul", className));
    ids.forEach(function (id) {
      var li = make("li");
      if (ITEMS[id]) li.appendChild(nodeButton(id));
      else li.textContent = id;
      ul.appendChild(li);
    });
    return ul;
  }
  function textList(values) {
    var ul = asModel(make("ul"));
    values.forEach(function (v) { ul.appendChild(make("li", null, v)); });
    return ul;
  }
  function link(url, text) {
    if (typeof url === "string" && HTTP.test(url)) {
      var a = make("a", null, text);
      a.href = url;
      a.rel = "noopener noreferrer";
      return a;
    }
    return document.createTextNode(text);
  }
  function section(body, title, content) {
    if (!content) return;
    var s = make("section");
    s.appendChild(asWords(make("h3", null, title)));
    s.appendChild(content);
    body.appendChild(s);
  }
  function para(text) { return text ? asModel(make("p", null, text)) : null; }
  function wordsPara(text) { return asWords(make("p", null, text)); }
  function sourcesList(ids) {
    var cited = ids.filter(function (s) { return DATA.sources[s]; });
    if (!cited.length) return null;
    var ul = asModel(make("ul", "sources"));
    cited.forEach(function (id) {
      var s = DATA.sources[id];
      var li = make("li");
      li.appendChild(link(s.url, s.title));
      var extra = [s.publisher, s.year].filter(function (v) { return v !== undefined && v !== null; });
      if (extra.length) li.appendChild(document.createTextNode(" (" + extra.join(", ") + ")"));
      ul.appendChild(li);
    });
    return ul;
  }
  function idsOf(kind, ids) { return ids.map(function (i) { return nid(kind, i); }).filter(function (i) { return ITEMS[i]; }); }

  function showPanel(id) {
    var item = ITEMS[id];
    var body = $("panel-body");
    body.textContent = "";
    $("panel-title").textContent = item.name;
    asModel($("panel-title"));
    $("panel").classList.add("has-selection");
    $("panel-close").hidden = false;
    var kind = W["kind_" + item.kind];
    if (item.mark) kind += " · " + W["mark_" + item.mark];
    body.appendChild(asWords(make("p", "kind", kind)));
    if (item.changed_fields && item.changed_fields.length) {
      body.appendChild(asWords(make("p", "mark", W.changed_fields + ": " + item.changed_fields.join(", "))));
    }
    body.appendChild(idLine(item.id));
    var actions = asWords(make("div", "actions"));
    var focusButton = make("button", null, state.focus === id ? W.focus_clear : W.focus_neighbours);
    focusButton.type = "button";
    focusButton.id = "focus-toggle";
    focusButton.setAttribute("aria-pressed", state.focus === id ? "true" : "false");
    focusButton.addEventListener("click", function () { toggleFocus(id); });
    actions.appendChild(focusButton);
    if (item.kind === "partner" && item.interventions.length) {
      var drop = make("button", null, W.whatif);
      drop.type = "button";
      drop.id = "panel-whatif";
      drop.addEventListener("click", function () {
        setWhatif(state.whatif.indexOf(item.id) >= 0 ? state.whatif : state.whatif.concat([item.id]));
        $("whatif").focus();
      });
      actions.appendChild(drop);
    }
    body.appendChild(actions);

    if (item.kind === "phase") {
      var counts = item.counts.interventions + " " + W.count_barriers + " · " + item.counts.partners + " " + W.count_partners;
      // a removed phase (a ghost) shows what the base had there
      if (item.state === "removed") counts = W.in_base + ": " + counts;
      body.appendChild(asWords(make("p", "counts", counts)));
      if (item.state === "uncovered" || item.state === "single") {
        body.appendChild(asWords(make("p", "state state-" + item.state, (item.state === "uncovered" ? "⚠ " + W.uncovered : "! " + W.single_partner))));
      }
      section(body, W.description, para(item.description));
      var groups = [["victim", W.signals_victim], ["offender", W.signals_offender]];
      groups.forEach(function (g) {
        var texts = item.signals.filter(function (s) { return s.about === g[0]; }).map(function (s) { return s.text; });
        if (texts.length) section(body, g[1], textList(texts));
      });
      var other = item.signals.filter(function (s) { return s.about !== "victim" && s.about !== "offender"; }).map(function (s) { return s.text; });
      if (other.length) section(body, W.signals_other, textList(other));
      if (item.opportunities.length) section(body, W.opportunities, textList(item.opportunities));
      [["knowing", W.facilitators_knowing], ["unknowing", W.facilitators_unknowing], ["both", W.facilitators_both], [null, W.facilitators_unspecified]].forEach(function (g) {
        var texts = item.facilitators.filter(function (f) { return f.awareness === g[0]; }).map(function (f) { return f.text; });
        if (texts.length) section(body, g[1], textList(texts));
      });
      section(body, W.partners, item.partners.length ? listOf(idsOf("partner", item.partners)) : wordsPara(W.none));
      section(body, W.barriers, item.interventions.length ? listOf(idsOf("intervention", item.interventions)) : wordsPara("⚠ " + W.uncovered));
      if (item.prev.length) section(body, W.follows, listOf(idsOf("phase", item.prev)));
      if (item.next.length) section(body, W.leads_to, listOf(idsOf("phase", item.next)));
    } else if (item.kind === "intervention") {
      if (item.type) body.appendChild(labelled(W.type, item.type));
      section(body, W.description, para(item.description));
      section(body, W.phases, listOf(idsOf("phase", item.phases)));
      section(body, W.partners, listOf(idsOf("partner", item.partners)));
      if (item.legal_basis.length) section(body, W.legal_basis, textList(item.legal_basis));
      if (item.status) section(body, W.status, wordsPara(item.status));
      if (item.technique) section(body, W.technique, wordsPara(item.technique));
      if (item.target_group.length) section(body, W.target_group, textList(item.target_group));
      if (item.url) {
        var p = make("p");
        p.appendChild(link(item.url, item.url));
        section(body, W.website, p);
      }
    } else {
      if (item.sector) body.appendChild(labelled(W.sector, item.sector));
      if (item.idle) body.appendChild(asWords(make("p", "state", "⚠ " + W.idle_partner)));
      section(body, W.description, para(item.description));
      if (item.url) {
        var q = make("p");
        q.appendChild(link(item.url, item.url));
        section(body, W.website, q);
      }
      if (item.interventions.length) {
        var what = make("div");
        DATA.order.forEach(function (pid) {
          var here = item.interventions.filter(function (i) {
            var it = ITEMS[nid("intervention", i)];
            return it && it.phases.indexOf(pid) >= 0;
          });
          if (!here.length) return;
          what.appendChild(asModel(make("h4", null, nameOf(nid("phase", pid)))));
          what.appendChild(listOf(idsOf("intervention", here)));
        });
        section(body, W.what_it_does, what);
      }
    }
    if (item.notes) section(body, W.notes, asModel(make("p", "notes-text", item.notes)));
    section(body, W.sources, sourcesList(item.sources));
  }

  // the id a model author needs for extends and remove, with a button that copies it
  function idLine(id) {
    var p = make("p", "item-id");
    p.appendChild(asWords(make("span", null, W.item_id + ": ")));
    p.appendChild(make("code", null, id));
    var b = asWords(make("button", "copy", W.copy_id));
    b.type = "button";
    b.setAttribute("data-copy", id);
    p.appendChild(document.createTextNode(" "));
    p.appendChild(b);
    return p;
  }
  function copyText(text, button) {
    function done() { button.textContent = W.copied; }
    function fallback() {
      var area = make("textarea", null, text);
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (err) { /* the id stays shown */ }
      area.remove();
      button.focus();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }
  document.addEventListener("click", function (e) {
    var b = e.target instanceof Element ? e.target.closest("button[data-copy]") : null;
    if (b) copyText(b.getAttribute("data-copy"), b);
  });

  // what the filters chose, in the panel: the barriers by phase, each a link
  function showChoice(shown) {
    state.selected = null;
    network.unselectAll();
    var body = $("panel-body");
    body.textContent = "";
    var what = [];
    if (state.partner) what.push(nameOf(nid("partner", state.partner)));
    if (state.phase) what.push(nameOf(nid("phase", state.phase)));
    if (state.type) what.push(state.type === "-" ? W.no_type : "‹" + state.type + "›");
    $("panel-title").textContent = W.selected + ": " + what.join(" · ");
    asModel($("panel-title"));
    $("panel").classList.add("has-selection");
    $("panel-close").hidden = false;
    var count = 0;
    DATA.order.forEach(function (pid) {
      var here = ITEMS[nid("phase", pid)].interventions.map(function (i) { return nid("intervention", i); })
        .filter(function (i) { return shown[i]; });
      if (!here.length) return;
      count += here.length;
      var s = make("section");
      s.appendChild(asModel(make("h3", null, nameOf(nid("phase", pid)) + " (" + here.length + ")")));
      s.appendChild(listOf(here));
      body.appendChild(s);
    });
    var partners = NODE_IDS.filter(function (id) { return ITEMS[id].kind === "partner" && shown[id]; });
    if (partners.length) section(body, W.partners, listOf(partners));
    body.insertBefore(asWords(make("p", "counts", fmt(W.filter_status, { shown: count, total: countInterventions() }))), body.firstChild);
  }
  function countInterventions() {
    return NODE_IDS.filter(function (id) { return ITEMS[id].kind === "intervention" && ITEMS[id].mark !== "removed"; }).length;
  }
  // pan and zoom to what the filters left: the cards of the barriers and their phases
  function showChosen(shown) {
    var ids = [];
    NODE_IDS.forEach(function (id) {
      if (ITEMS[id].kind === "intervention" && shown[id]) ids = ids.concat(cardsOf(id));
    });
    if (!ids.length) return;
    var box = boxOf(ids);
    box.top = 0;
    showBox(box, 0.01);
  }

  function clearPanel() {
    state.selected = null;
    $("panel-title").textContent = W.details;
    $("panel-title").removeAttribute("lang");
    $("panel").classList.remove("has-selection");
    $("panel-close").hidden = true;
    var body = $("panel-body");
    body.textContent = "";
    body.appendChild(make("p", "hint", W.details_hint));
    network.unselectAll();
    restyle();
  }

  // select(id): what a click on the node does
  function select(id) {
    if (typeof id !== "string" || !(id in ITEMS)) return false;
    state.selected = id;
    restyle();
    network.selectNodes(cardsOf(id));
    showPanel(id);
    return true;
  }

  function show(id) {
    // from a keyboard or a list: select, bring into view, and move focus to the details
    if (!select(id)) return;
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    $("panel-title").focus();
  }

  function toggleFocus(id) {
    state.focus = state.focus === id ? null : id;
    restyle();
    if (state.focus) {
      var around = [];
      Object.keys(focusSet()).forEach(function (id) { around = around.concat(cardsOf(id)); });
      network.fit({ nodes: around, animation: false });
    }
    if (state.selected) showPanel(state.selected);
    var b = $("focus-toggle");
    if (b) b.focus();
  }

  // -- search -------------------------------------------------------------------------------------
  var searchInput = $("search");
  var results = $("search-results");
  function runSearch() {
    var q = searchInput.value.trim().toLowerCase();
    results.textContent = "";
    if (!q) {
      results.hidden = true;
      $("search-status").textContent = "";
      return;
    }
    var found = NODE_IDS.filter(function (id) {
      var item = ITEMS[id];
      return item.name.toLowerCase().indexOf(q) >= 0 || item.id.indexOf(q) >= 0;
    });
    found.sort(function (a, b) {
      var ka = KIND_ORDER[ITEMS[a].kind];
      var kb = KIND_ORDER[ITEMS[b].kind];
      if (ka !== kb) return ka - kb;
      return ITEMS[a].name.localeCompare(ITEMS[b].name) || (a < b ? -1 : 1);
    });
    found.slice(0, 40).forEach(function (id) {
      var li = make("li");
      var b = make("button", "node-link");
      b.type = "button";
      b.setAttribute("data-node", id);
      b.appendChild(make("span", "kind", W["kind_" + ITEMS[id].kind] + ": "));
      b.appendChild(modelSpan(ITEMS[id].name));
      li.appendChild(b);
      results.appendChild(li);
    });
    if (!found.length) results.appendChild(make("li", "none", W.no_results));
    results.hidden = false;
    $("search-status").textContent = found.length ? found.length + " " + W.results_count : W.no_results;
  }
  searchInput.addEventListener("input", runSearch);
  searchInput.addEventListener("keydown", function (e) {
    var first = results.querySelector("button");
    if (e.key === "Enter" && first) {
      e.preventDefault();
      closeSearch();
      show(first.getAttribute("data-node"));
    } else if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === "Escape") {
      searchInput.value = "";
      runSearch();
    }
  });
  results.addEventListener("keydown", function (e) {
    var buttons = Array.prototype.slice.call(results.querySelectorAll("button"));
    var at = buttons.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at >= 0 && at < buttons.length - 1) {
      e.preventDefault();
      buttons[at + 1].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (at > 0) buttons[at - 1].focus();
      else searchInput.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      closeSearch();
      searchInput.focus();
    }
  });
  function closeSearch() { results.hidden = true; }
  var searchField = searchInput.parentNode;
  searchField.addEventListener("focusout", function (e) {
    if (!(e.relatedTarget instanceof Node && searchField.contains(e.relatedTarget))) closeSearch();
  });
  searchInput.addEventListener("focus", function () { if (searchInput.value.trim()) runSearch(); });
  document.addEventListener("pointerdown", function (e) {
    if (!(e.target instanceof Node && searchField.contains(e.target))) closeSearch();
  });

  // every .node-link, wherever it is (panel, search, text version, presentation card)
  document.addEventListener("click", function (e) {
    var target = e.target instanceof Element ? e.target.closest(".node-link") : null;
    if (!target) return;
    e.preventDefault();
    closeSearch();
    show(target.getAttribute("data-node"));
  });

  // -- the partners beside the map: pointing at one (or focusing it) shows its barriers --------
  function hoverPartner(id) {
    if (state.hover === id) return;
    state.hover = id;
    restyle();
  }
  var side = $("partner-side");
  side.addEventListener("mouseover", function (e) {
    var b = e.target instanceof Element ? e.target.closest(".partner-link") : null;
    if (b) hoverPartner(b.getAttribute("data-node"));
  });
  side.addEventListener("mouseleave", function () { hoverPartner(null); });
  side.addEventListener("focusin", function (e) {
    var b = e.target instanceof Element ? e.target.closest(".partner-link") : null;
    hoverPartner(b ? b.getAttribute("data-node") : null);
  });
  side.addEventListener("focusout", function (e) {
    if (!(e.relatedTarget instanceof Node && side.contains(e.relatedTarget))) hoverPartner(null);
  });

  // -- the views: the map, and who can act where (the partner x phase matrix) --------------------
  var TABS = [$("tab-map"), $("tab-matrix")];
  function showTab(tab) {
    TABS.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    });
    if (tab === TABS[0]) {
      fitMapHeight();
      network.redraw();
    }
  }
  TABS.forEach(function (t, k) {
    t.addEventListener("click", function () { showTab(t); });
    t.addEventListener("keydown", function (e) {
      var to = e.key === "ArrowRight" ? k + 1 : e.key === "ArrowLeft" ? k - 1 : null;
      if (to === null) return;
      e.preventDefault();
      var next = TABS[(to + TABS.length) % TABS.length];
      showTab(next);
      next.focus();
    });
  });

  var matrix = $("matrix");
  var matrixBody = matrix.tBodies[0];
  var cells = function () {
    return Array.prototype.map.call(matrixBody.rows, function (row) {
      return Array.prototype.slice.call(row.querySelectorAll(".cell"));
    });
  };
  var firstCell = matrix.querySelector(".cell");
  if (firstCell) firstCell.tabIndex = 0;
  // the barriers of one partner in one phase, in the panel
  function showCell(partner, phase) {
    var p = ITEMS[nid("partner", partner)];
    var ph = ITEMS[nid("phase", phase)];
    if (!p || !ph) return;
    state.selected = null;
    var here = ph.interventions.filter(function (i) { return p.interventions.indexOf(i) >= 0; });
    $("panel-title").textContent = p.name + " · " + ph.name;
    asModel($("panel-title"));
    $("panel").classList.add("has-selection");
    $("panel-close").hidden = false;
    var body = $("panel-body");
    body.textContent = "";
    body.appendChild(asWords(make("p", "counts", here.length + " " + W.count_barriers)));
    if (here.length) body.appendChild(listOf(idsOf("intervention", here)));
    section(body, W.kind_partner, listOf([nid("partner", partner)]));
    section(body, W.kind_phase, listOf([nid("phase", phase)]));
  }
  matrix.addEventListener("click", function (e) {
    var cell = e.target instanceof Element ? e.target.closest(".cell") : null;
    if (cell) {
      moveCell(cell);
      showCell(cell.getAttribute("data-partner"), cell.getAttribute("data-phase"));
      return;
    }
    var sort = e.target instanceof Element ? e.target.closest(".sort") : null;
    if (sort) sortMatrix(sort);
  });
  function moveCell(cell) {
    Array.prototype.forEach.call(matrix.querySelectorAll(".cell"), function (c) { c.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus();
  }
  matrix.addEventListener("keydown", function (e) {
    var cell = e.target instanceof Element ? e.target.closest(".cell") : null;
    if (!cell) return;
    var grid = cells();
    var r = -1;
    var c = -1;
    grid.forEach(function (row, i) { var j = row.indexOf(cell); if (j >= 0) { r = i; c = j; } });
    if (r < 0) return;
    var moves = Object.assign(dict(), { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] });
    var to = null;
    if (e.key in moves) {
      var nr = Math.max(0, Math.min(grid.length - 1, r + moves[e.key][0]));
      var nc = Math.max(0, Math.min(grid[nr].length - 1, c + moves[e.key][1]));
      to = grid[nr][nc];
    } else if (e.key === "Home") {
      to = grid[r][0];
    } else if (e.key === "End") {
      to = grid[r][grid[r].length - 1];
    }
    if (to) {
      e.preventDefault();
      moveCell(to);
    }
  });
  // sort the rows by a column: partner name (A-Z), a phase or the total (most first); the
  // same heading again turns the order round; ties keep the model's order
  function sortMatrix(button) {
    var key = button.getAttribute("data-sort");
    var th = button.closest("th");
    var was = th.getAttribute("aria-sort");
    var first = key === "name" ? "ascending" : "descending";
    var how = was === first ? (first === "ascending" ? "descending" : "ascending") : first;
    Array.prototype.forEach.call(matrix.tHead.rows[0].cells, function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", how);
    var column = Array.prototype.indexOf.call(th.parentNode.cells, th);
    var rows = Array.prototype.slice.call(matrixBody.rows);
    function value(row) {
      if (key === "name") return row.cells[0].textContent;
      return Number(row.cells[column].getAttribute("data-n"));
    }
    rows.sort(function (a, b) {
      var va = value(a);
      var vb = value(b);
      var order = key === "name" ? va.localeCompare(vb) : va - vb;
      if (how === "descending") order = -order;
      return order || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    rows.forEach(function (row) { matrixBody.appendChild(row); });
  }

  // -- filters and what-if ------------------------------------------------------------------------
  function onFilter() {
    state.partner = $("filter-partner").value;
    state.phase = $("filter-phase").value;
    state.type = $("filter-type").value;
    restyle();
    if (!state.partner && !state.phase && !state.type) {
      say("");
      clearPanel();
      return;
    }
    var shown = visibility();
    showChosen(shown);
    showChoice(shown);
  }
  ["filter-partner", "filter-phase", "filter-type"].forEach(function (id) {
    $(id).addEventListener("change", onFilter);
  });
  $("reset").addEventListener("click", function () {
    $("filter-partner").value = "";
    $("filter-phase").value = "";
    $("filter-type").value = "";
    setWhatifOptions([]);
    state.focus = null;
    setWhatif([]);
    onFilter();
    home();
    say("");
  });
  function setWhatifOptions(ids) {
    Array.prototype.forEach.call($("whatif").options, function (o) { o.selected = ids.indexOf(o.value) >= 0; });
  }
  // the partners that drop out: any number of them, in the order of the list
  function setWhatif(partners) {
    var order = Array.prototype.map.call($("whatif").options, function (o) { return o.value; });
    state.whatif = order.filter(function (p) { return partners.indexOf(p) >= 0; });
    setWhatifOptions(state.whatif);
    restyle();
    showWhatif();
  }
  $("whatif").addEventListener("change", function () {
    setWhatif(Array.prototype.filter.call($("whatif").options, function (o) { return o.selected; }).map(function (o) { return o.value; }));
  });

  // -- map buttons, hover names, clicks -------------------------------------------------------------
  $("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  var linksBox = $("show-links");
  linksBox.checked = false;
  linksBox.addEventListener("change", function () {
    state.links = linksBox.checked;
    restyle();
  });
  $("zoom-in").addEventListener("click", function () { network.moveTo({ scale: network.getScale() * 1.3 }); });
  $("zoom-out").addEventListener("click", function () { network.moveTo({ scale: network.getScale() / 1.3 }); });
  $("panel-close").addEventListener("click", function () { clearPanel(); frame.focus(); });

  network.on("click", function (params) {
    if (params.nodes.length) select(ITEM_OF[params.nodes[0]]);
    else if (!params.edges.length) clearPanel();
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) {
      select(ITEM_OF[params.nodes[0]]);
      toggleFocus(ITEM_OF[params.nodes[0]]);
    }
  });
  var tip = $("tip");
  network.on("hoverNode", function (params) {
    var item = ITEMS[ITEM_OF[params.node]];
    tip.textContent = W["kind_" + item.kind] + ": " + item.name;
    var box = container.getBoundingClientRect();
    tip.style.left = Math.round(box.left + params.pointer.DOM.x + 14) + "px";
    tip.style.top = Math.round(box.top + params.pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  // -- presentation mode ----------------------------------------------------------------------------
  var fullscreenByUs = false;
  // the slides: the overview (rendered with the page) and a clone of each phase card, whose
  // extra parts (description, flow, notes, sources, who carries each barrier) show only in
  // the full card, one key (K) away
  var slides = $("slides");
  DATA.order.forEach(function (pid, k) {
    var card = $("card-" + pid).cloneNode(true);
    card.removeAttribute("id");
    card.removeAttribute("aria-labelledby");
    Array.prototype.forEach.call(card.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
    card.classList.add("slide", "phase-slide");
    card.setAttribute("data-slide", String(k + 1));
    card.setAttribute("tabindex", "-1");
    card.hidden = true;
    slides.appendChild(card);
  });
  var SLIDES = Array.prototype.slice.call(slides.querySelectorAll("[data-slide]"));

  // the largest type at which the slide's content fits the slide without scrolling
  function fitSlide(slide) {
    var size = Math.max(14, Math.min(44, Math.floor(window.innerHeight / 28)));
    slide.style.fontSize = size + "px";
    if (slide.classList.contains("full")) return;
    while (size > 12 && (slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1)) {
      size -= 1;
      slide.style.fontSize = size + "px";
    }
  }

  function present(index) {
    var total = SLIDES.length;
    if (state.present < 0) startPresentation(index);
    state.slide = Math.max(0, Math.min(total - 1, index));
    state.present = state.slide;
    var shown = SLIDES[state.slide];
    SLIDES.forEach(function (s) {
      s.hidden = s !== shown;
      s.classList.remove("full");
    });
    $("full-card").setAttribute("aria-pressed", "false");
    $("full-card").disabled = state.slide === 0;
    shown.scrollTop = 0;
    var step = $("presenter-step");
    step.textContent = "";
    var said;
    if (state.slide === 0) {
      step.textContent = W.present_overview;
      said = W.present_overview;
    } else {
      var pid = DATA.order[state.slide - 1];
      var where = fmt(W.present_step, { n: state.slide, total: total - 1 }) + ": ";
      step.textContent = where;
      step.appendChild(modelSpan(nameOf(nid("phase", pid))));
      said = where + nameOf(nid("phase", pid));
    }
    $("prev").disabled = state.slide === 0;
    $("next").disabled = state.slide === total - 1;
    fitSlide(shown);
    restyle();
    say(said);
    return state.slide;
  }
  function toggleFullCard() {
    var shown = SLIDES[state.slide];
    if (!shown || state.slide === 0) return;
    var full = !shown.classList.contains("full");
    shown.classList.toggle("full", full);
    $("full-card").setAttribute("aria-pressed", full ? "true" : "false");
    fitSlide(shown);
    shown.focus();
  }
  function startPresentation(index) {
    // the slides start clear: a panel left open from the map would cover them
    if ($("panel").classList.contains("has-selection")) clearPanel();
    state.present = 0;
    document.body.classList.add("presenting");
    $("presenter").hidden = false;
    $("present").setAttribute("aria-pressed", "true");
    var root = document.documentElement;
    if (root.requestFullscreen && !document.fullscreenElement) {
      root.requestFullscreen().then(function () {
        fullscreenByUs = true;
        if (state.present >= 0) fitSlide(SLIDES[state.slide]);
      }, function () { fullscreenByUs = false; });
    }
    present(index || 0);
    $("presenter-title").focus();
  }
  function stopPresentation() {
    if (state.present < 0) return;
    state.present = -1;
    state.slide = -1;
    document.body.classList.remove("presenting");
    $("presenter").hidden = true;
    $("present").setAttribute("aria-pressed", "false");
    if (fullscreenByUs && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () { return null; });
    }
    fullscreenByUs = false;
    restyle();
    network.setSize("100%", "100%");
    network.redraw();
    home();
    say("");
    $("present").focus();
  }
  $("present").setAttribute("aria-pressed", "false");
  $("present").addEventListener("click", function () {
    if (state.present >= 0) stopPresentation();
    else startPresentation(0);
  });
  $("prev").addEventListener("click", function () { present(state.slide - 1); });
  $("next").addEventListener("click", function () { present(state.slide + 1); });
  $("full-card").addEventListener("click", toggleFullCard);
  $("exit").addEventListener("click", stopPresentation);
  slides.addEventListener("click", function (e) {
    var go = e.target instanceof Element ? e.target.closest("[data-go]") : null;
    if (go) present(Number(go.getAttribute("data-go")));
  });
  // touch: a swipe left or right changes the slide
  var touchStart = null;
  slides.addEventListener("touchstart", function (e) {
    if (e.touches.length === 1) touchStart = { x: e.touches[0].clientX, y: e.touches[0].clientY };
  }, { passive: true });
  slides.addEventListener("touchend", function (e) {
    if (!touchStart || !e.changedTouches.length) return;
    var dx = e.changedTouches[0].clientX - touchStart.x;
    var dy = e.changedTouches[0].clientY - touchStart.y;
    touchStart = null;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) present(state.slide + (dx < 0 ? 1 : -1));
  });
  window.addEventListener("resize", function () { if (state.present >= 0) fitSlide(SLIDES[state.slide]); });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && fullscreenByUs) {
      fullscreenByUs = false;
      stopPresentation();
    }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t instanceof Element && t.matches("input, select, textarea");
    if (state.present >= 0 && !typing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      var last = SLIDES.length - 1;
      var moves = Object.assign(dict(), { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 });
      var scrolls = Object.assign(dict(), { ArrowDown: 1, ArrowUp: -1 });
      if (e.key in moves) {
        e.preventDefault();
        e.stopPropagation();
        present(state.slide + moves[e.key]);
      } else if (e.key in scrolls) {
        // the arrows up and down scroll the slide (the full card can be long)
        e.preventDefault();
        SLIDES[state.slide].scrollBy(0, scrolls[e.key] * 60);
      } else if (e.key === "k" || e.key === "K") {
        e.preventDefault();
        toggleFullCard();
      } else if (e.key === "Home") {
        e.preventDefault();
        present(0);
      } else if (e.key === "End") {
        e.preventDefault();
        present(last);
      } else if (e.key === "Escape") {
        e.preventDefault();
        stopPresentation();
      }
      return;
    }
    if (e.key === "Escape" && !typing && state.focus) {
      toggleFocus(state.focus);
    }
  }, true);

  // -- PNG export of the current view --------------------------------------------------------------
  $("export").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var a = make("a");
    a.href = canvas.toDataURL("image/png");
    a.download = DATA.model.id + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  restyle();
  window.addEventListener("resize", function () {
    if (state.present >= 0) return;
    fitMapHeight();
    network.redraw();
  });

  window.barriersMap = {
    ready: ready,
    nodeIds: function () { return NODE_IDS.slice(); },
    select: select,
    // the same answer as barriers.analysis.whatif, and the phases left to one partner
    whatif: function (without) {
      var answer = whatif(without.slice());
      return { newly_uncovered: answer.newly_uncovered, lost_interventions: answer.lost_interventions, weakened: answer.weakened };
    },
    whatifSingle: function (without) { return whatif(without.slice()).single_partner; },
    // the nodes the filters leave on the map (wherever the view is)
    shownNodeIds: function () {
      var shown = visibility();
      return NODE_IDS.filter(function (id) { return shown[id]; });
    },
    // the nodes drawn now whose box lies wholly inside the canvas in the current view
    visibleNodeIds: function () {
      var w = container.clientWidth;
      var h = container.clientHeight;
      var shown = visibility();
      return ALL_NODES.filter(function (id) {
        if (!shown[ITEM_OF[id]]) return false;
        var b = network.getBoundingBox(id);
        var a = network.canvasToDOM({ x: b.left, y: b.top });
        var z = network.canvasToDOM({ x: b.right, y: b.bottom });
        return a.x >= 0 && a.y >= 0 && z.x <= w && z.y <= h;
      });
    },
    // the on-screen height in CSS px of a node's label text now (0 when it is not drawn)
    labelPx: labelPx,
    focusedNodeIds: function () {
      var set = focusSet();
      return set ? NODE_IDS.filter(function (id) { return set[id]; }) : NODE_IDS.slice();
    },
    label: function (id) { var n = nodes.get(id); return n ? n.label : null; },
    // the edges drawn now, and the partner links among them drawn as chosen ("link")
    visibleEdgeIds: function () {
      return DATA.edges.filter(function (e) { return appliedEdges[e.id] !== ""; }).map(function (e) { return e.id; });
    },
    chosenLinkIds: function () {
      return DATA.edges.filter(function (e) { return appliedEdges[e.id] === "link"; }).map(function (e) { return e.id; });
    },
    // show presentation slide n (0 is the overview); returns the slide shown
    present: function (n) { return present(n); },
    showTab: function (name) { showTab(name === "matrix" ? TABS[1] : TABS[0]); },
    home: home,
    readableScale: READABLE,
    phaseReadableScale: PHASE_READABLE,
    // the cards of an item: its own node and, for an intervention, its copies
    cardsOf: function (id) { return id in ITEMS ? cardsOf(id) : []; },
    network: network
  };
})();
