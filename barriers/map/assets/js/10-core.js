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
  var LOST = { background: DATA.palette.paper, border: UNCOVERED.background };
  // partner -> barrier links: hidden, drawn for what is chosen, or all when asked for
  var LINK = { color: DATA.palette.chosen_link, width: 2.5 };
  var FAINT = { color: DATA.palette.link, width: 1 };
  // the first view, presentation and reset never zoom out below the scale at which the
  // smallest label is READABLE_PX pixels high
  var READABLE_PX = 11;
  var PHASE_PX = 12.2;
  var CARD_PX = 12.5;
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
  // the scale at which a barrier card's label is CARD_PX high (filters zoom to it)
  var cardFont = DATA.nodes.reduce(function (m, n) {
    return ITEMS[ITEM_OF[n.id]] && ITEMS[ITEM_OF[n.id]].kind === "intervention" ? Math.min(m, n.font.size) : m;
  }, Infinity);
  var CARD_READABLE = cardFont === Infinity ? READABLE : Math.min(MAX_SCALE, CARD_PX / cardFont);
  var PHASE_READABLE = phaseFont === Infinity ? READABLE : Math.min(MAX_SCALE, PHASE_PX / phaseFont);

  // -- state (what is chosen), and what other scripts of the page add to it ------------------------
  var state = {
    partner: "", phase: "", type: "", whatif: [], focus: null, hover: null, present: -1, slide: -1, selected: null, links: false
  };
  // what another script of the page (60-session.js) adds: a label line, a filter, panel rows,
  // and group(members): what a group chip says of the local state of its barriers (or null)
  var EXT = { label: null, shows: null, panel: null, group: null };

  // -- group chips: the overview level of the map ---------------------------------------------------
  // Zoomed out, where a card's label would be drawn under DATA.overview.label_px, each phase
  // shows a chip per barrier type instead of its cards (render.py's _groups: the type and the
  // number of its barriers, a barrier on several phases counted in each). The map draws the
  // chips or the cards, never both, and swaps them only when the zoom crosses that scale
  // (as a frame starts). Presenting and showing all partner links keep the cards; in the
  // session mode a chip counts its barriers in place here (EXT.group).
  var GROUPS = DATA.groups;
  var GROUP = dict();
  GROUPS.forEach(function (g) { GROUP[g.id] = g; });
  var GROUP_IDS = GROUPS.map(function (g) { return g.id; });
  var IS_CARD = dict();
  ALL_NODES.forEach(function (id) { if (ITEMS[ITEM_OF[id]].kind === "intervention") IS_CARD[id] = true; });
  var CHIP_SCALE = cardFont === Infinity ? 0 : DATA.overview.label_px / cardFont;
  // presenting, and "Alle partnerlijnen tonen" (the links end at the cards), keep the cards
  function keepCards() { return state.present >= 0 || state.links; }
  function chipsAt(scale) { return GROUPS.length > 0 && !keepCards() && scale < CHIP_SCALE; }
  var chipsShown = false;  // the level drawn now: chips (true) or cards
  var hiddenNow = dict();  // the nodes drawn hidden now (filtered out, or not of this level)
  function countWords(n) { return n + " " + (n === 1 ? W.count_barrier : W.count_barriers); }
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
  chipsShown = chipsAt(homeView().scale);
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    hiddenNow[n.id] = chipsShown && Boolean(IS_CARD[n.id]);
    return Object.assign({}, n, { hidden: hiddenNow[n.id] });
  }).concat(GROUPS.map(function (g) {
    hiddenNow[g.id] = !chipsShown;
    return Object.assign({}, g.node, { hidden: hiddenNow[g.id] });
  })));
  var edges = new vis.DataSet(DATA.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);

  // Show a box of the canvas: whole when that keeps the labels readable (at ``least``, the
  // smallest label's readable scale by default); otherwise at that scale (or wider, to fit
  // the box's width), from the box's top left.
  // the scale at which the whole of a box fits the canvas
  function fitScale(box) {
    var bw = Math.max(box.right - box.left, 1);
    var bh = Math.max(box.bottom - box.top, 1);
    return Math.min((container.clientWidth - 2 * VIEW_PAD) / bw, (container.clientHeight - 2 * VIEW_PAD) / bh);
  }
  // the view showBox moves to; ``most`` caps the scale (MAX_SCALE by default)
  function viewOf(box, least, most) {
    var readable = least || READABLE;
    var top = Math.min(most || MAX_SCALE, MAX_SCALE);
    var w = container.clientWidth;
    var h = container.clientHeight;
    var bw = Math.max(box.right - box.left, 1);
    var bh = Math.max(box.bottom - box.top, 1);
    var fitWidth = (w - 2 * VIEW_PAD) / bw;
    var fit = Math.min(fitWidth, (h - 2 * VIEW_PAD) / bh);
    var scale = Math.min(fit, top);
    var cx = (box.left + box.right) / 2;
    var cy = (box.top + box.bottom) / 2;
    if (fit < readable) {
      scale = Math.max(readable, Math.min(fitWidth, top));
      if (bw * scale > w - 2 * VIEW_PAD) cx = box.left + (w / 2 - VIEW_PAD) / scale;
      if (bh * scale > h - 2 * VIEW_PAD) cy = box.top + (h / 2 - VIEW_PAD) / scale;
    }
    return { position: { x: cx, y: cy }, scale: scale };
  }
  function showBox(box, least) { showView(viewOf(box, least)); }
  function showView(view) { network.moveTo({ position: view.position, scale: view.scale, animation: false }); }
  // the box of some nodes where they are now (a card a filter has just moved is drawn there
  // only with the next frame: its size is the drawn box's, its place the node's)
  function boxOf(ids) {
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      var node = network.body.nodes[id];
      if (!b || !node) return;
      var hw = (b.right - b.left) / 2;
      var hh = (b.bottom - b.top) / 2;
      box.left = Math.min(box.left, node.x - hw);
      box.top = Math.min(box.top, node.y - hh);
      box.right = Math.max(box.right, node.x + hw);
      box.bottom = Math.max(box.bottom, node.y + hh);
    });
    return box;
  }
  // the level of the whole process: the phases and their group chips, the partner band left
  // out (the partners are listed beside the map), as large as fits below the chips' level
  function overviewView() {
    var overview = { left: 0, top: 0, right: DATA.size.width, bottom: DATA.overview.bottom };
    return chipsView(overview);
  }
  // a box of phases and chips at the overview level, with room below it for the zoom hint
  // (at the canvas's bottom left), so that the hint covers none of them where that fits
  var HINT_ROOM = 44;
  function chipsView(box) {
    var view = viewOf(box, PHASE_READABLE, CHIP_SCALE * 0.99);
    var roomy = Object.assign({}, box, { bottom: box.bottom + HINT_ROOM / view.scale });
    return fitScale(roomy) >= PHASE_READABLE ? viewOf(roomy, PHASE_READABLE, CHIP_SCALE * 0.99) : view;
  }
  // the first view: the whole row of phases, their names and counts readable, and under them
  // their cards with readable names when those fit the width; else (the cards' names would be
  // too small) the phases' group chips, the whole of them as large as fits below the chips'
  // level (the phases and the chips stay readable: they are drawn as large as the phases)
  function homeView() {
    var whole = viewOf({ left: 0, top: 0, right: DATA.size.width, bottom: DATA.size.height }, PHASE_READABLE);
    return chipsAt(whole.scale) ? overviewView() : whole;
  }
  function home() { showView(homeView()); }
  home();
  // the level follows the zoom: checked as each frame starts, redrawn only when it changes
  network.on("initRedraw", function () {
    if (chipsAt(network.getScale()) !== chipsShown) restyle();
  });
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

  // -- the one function that draws the state --------------------------------------------------------
  // what each node looks like now, so restyle() only updates what changes (the nodes start
  // as the page's data draws them)
  // (whether a node is drawn is kept apart, in hiddenNow: see setHidden)
  function styleKey(label, opacity, width, dashes, background) {
    return [label, opacity, width, JSON.stringify(dashes || false), background].join("|");
  }
  var applied = dict();
  DATA.nodes.concat(GROUPS.map(function (g) { return g.node; })).forEach(function (n) {
    var dashes = n.shapeProperties ? n.shapeProperties.borderDashes : false;
    applied[n.id] = styleKey(n.label, 1, n.borderWidth, dashes, n.color.background);
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
    var filtering = Boolean(state.partner || state.phase || state.type || EXT.shows);
    var shown = dict();
    var partnersShown = dict();
    NODE_IDS.forEach(function (id) {
      var item = ITEMS[id];
      if (item.kind === "intervention") {
        var ok = !filtering || ((!(state.partner || state.phase || state.type) || interventionMatches(item)) && (!EXT.shows || EXT.shows(item)));
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

  // A filter packs each phase's column: the cards it leaves move up under their phase, in
  // the layout's order and files, so what it chose is seen together under the phase's name
  // (not scattered down a column of hidden cards); with no filter every card is back where
  // the layout put it. Cards move only when what is shown changes, never on a zoom.
  var FILES = dict();  // phase id -> its files of cards (the cards at one x), top to bottom
  DATA.order.forEach(function (pid) {
    var byX = dict();
    var xs = [];
    ITEMS[nid("phase", pid)].interventions.forEach(function (i) {
      var card = cardUnder(nid("intervention", i), pid);
      if (!BASE[card]) return;
      var x = String(BASE[card].x);
      if (!(x in byX)) { byX[x] = []; xs.push(x); }
      byX[x].push(card);
    });
    FILES[pid] = xs.map(function (x) {
      return byX[x].sort(function (a, b) { return BASE[a].y - BASE[b].y; });
    });
  });
  // the phase each card is drawn under; a phase filter draws only that phase's cards (not a
  // chosen barrier's copies under other phases)
  var PHASE_OF = dict();
  Object.keys(FILES).forEach(function (pid) {
    FILES[pid].forEach(function (file) { file.forEach(function (card) { PHASE_OF[card] = pid; }); });
  });
  function cardShown(card, shown) {
    return Boolean(shown[ITEM_OF[card]]) && !(state.phase && PHASE_OF[card] && PHASE_OF[card] !== state.phase);
  }
  var packedFor = "";
  function pack(shown, filtering) {
    var key = filtering ? state.phase + ":" + NODE_IDS.filter(function (id) { return IS_CARD[id] && shown[id]; }).join(" ") : "";
    if (key === packedFor) return;
    packedFor = key;
    var body = network.body.nodes;
    Object.keys(FILES).forEach(function (pid) {
      FILES[pid].forEach(function (file) {
        var top = BASE[file[0]].y - height(file[0]) / 2;
        file.forEach(function (card) {
          var node = body[card];
          if (!node) return;
          var y = BASE[card].y;
          if (filtering && cardShown(card, shown)) {
            y = top + height(card) / 2;
            top += height(card) + DATA.overview.row_gap;
          }
          node.y = y;
        });
      });
    });
    network.body.emitter.emit("_requestRedraw");
  }
  function height(id) {
    var b = network.getBoundingBox(id);
    return b ? b.bottom - b.top : 0;
  }

  function restyle() {
    var before = chipsShown;
    chipsShown = chipsAt(network.getScale());
    var shown = visibility();
    pack(shown, Boolean(state.partner || state.phase || state.type || EXT.shows));
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
    var toggles = [];  // nodes whose style stays and only whether they are drawn changes
    ALL_NODES.forEach(function (id) {
      var base = BASE[id];
      var item = ITEM_OF[id];
      var label = base.label;
      if (EXT.label) label = EXT.label(ITEMS[item], label);
      var color = base.color;
      var dashes = base.shapeProperties ? base.shapeProperties.borderDashes : false;
      var width = base.borderWidth;
      if (lost[item] || gone[item]) {
        // crossed out in its label, and (readable as a chip too) white with a thick dashed
        // border in the warning colour
        label = "✕ " + label;
        dashes = [6, 4];
        width = 4;
        color = Object.assign({}, color, LOST, { highlight: LOST, hover: LOST });
      }
      if (weaker[item]) label = label + "\n" + weaker[item];
      if (uncovered[item]) {
        label = label + "\n⚠ " + W.uncovered;
        color = Object.assign({}, color, UNCOVERED, { highlight: UNCOVERED, hover: UNCOVERED });
        dashes = [8, 5];
        width = 4;
      }
      var opacity = focus && !focus[item] ? DIM : 1;
      var hidden = (IS_CARD[id] ? !cardShown(id, shown) : !shown[item]) || (chipsShown && Boolean(IS_CARD[id]));
      var was = hiddenNow[id];
      hiddenNow[id] = hidden;
      var key = styleKey(label, opacity, width, dashes, color.background);
      if (applied[id] === key) {
        if (was !== hidden) toggles.push(id);
        return;
      }
      applied[id] = key;
      updates.push({
        id: id, label: label, hidden: hidden, opacity: opacity, color: color, borderWidth: width,
        shapeProperties: Object.assign({}, base.shapeProperties, { borderDashes: dashes || false })
      });
    });
    GROUPS.forEach(function (g) {
      var look = groupLook(g, shown, focus, lost);
      var base = g.node;
      var color = look.lostAll ? Object.assign({}, base.color, LOST, { highlight: LOST, hover: LOST }) : base.color;
      var dashes = look.lost ? [6, 4] : false;
      var width = look.lost ? 4 : base.borderWidth;
      if (look.lost && !look.lostAll) color = Object.assign({}, color, { border: LOST.border });
      var opacity = look.dim ? DIM : 1;
      var was = hiddenNow[g.id];
      hiddenNow[g.id] = !chipsShown;
      var key = styleKey(look.label, opacity, width, dashes, color.background + color.border);
      if (applied[g.id] === key) {
        if (was !== hiddenNow[g.id]) toggles.push(g.id);
        return;
      }
      applied[g.id] = key;
      updates.push({
        id: g.id, label: look.label, hidden: hiddenNow[g.id], opacity: opacity, color: color, borderWidth: width,
        shapeProperties: Object.assign({}, base.shapeProperties, { borderDashes: dashes })
      });
    });
    if (updates.length) nodes.update(updates);
    if (toggles.length) setHidden(toggles, chipsShown !== before);
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
    var choosing = Boolean(state.partner || state.phase || state.type);
    if (choosing) say(fmt(W.filter_status, { shown: visible, total: total }) + (keptNote ? " · " + W.fit_keeps_choice : ""));
    showEmpty(choosing && visible === 0);
  }

  // Whether nodes are drawn. A filter changes it through the DataSet; the swap of levels
  // (``swap``) hides or shows every card at once, where a DataSet update costs about a tenth
  // of a millisecond a node (all its options are read again), a second on the 5,000-node map:
  // then vis-network 9.1's own nodes take the flag and its index of drawn nodes is rebuilt
  // once. The DataSet's ``hidden`` of a card may then lag (what is drawn is hiddenNow, and
  // every full update restyle() makes carries it); without that method, the DataSet it is.
  function setHidden(ids, swap) {
    var body = network.body;
    if (!swap || typeof network._updateVisibleIndices !== "function") {
      nodes.update(ids.map(function (id) { return { id: id, hidden: hiddenNow[id] }; }));
      return;
    }
    ids.forEach(function (id) { if (body.nodes[id]) body.nodes[id].options.hidden = hiddenNow[id]; });
    network._updateVisibleIndices();
    body.emitter.emit("_requestRedraw");
  }

  // what a group chip says and how it looks, so that it never contradicts the cards it
  // stands for: under a filter (or the session's) "2 van 6" of its barriers are shown, dim
  // when none is; with partners dropping out, "✕ 2 van 6" are lost (a warning border; white
  // when all are); with the local state shown, "✔ 2 van 6" are in place here; with a focus,
  // dim when none of its barriers is in it
  function groupLook(g, shown, focus, lost) {
    var filtering = Boolean(state.partner || state.phase || state.type || EXT.shows);
    var total = g.members.length;
    var seen = 0;
    var gone = 0;
    var near = false;
    var here = !state.phase || g.phase === state.phase;
    g.members.forEach(function (m) {
      if (shown[m] && here) seen += 1;
      if (lost[m]) gone += 1;
      if (focus && focus[m]) near = true;
    });
    var local = !filtering && !gone && EXT.group ? EXT.group(g.members) : null;
    var line = filtering ? fmt(W.group_shown, { shown: seen, total: total })
      : gone ? fmt(W.group_lost, { lost: gone, total: total })
      : local ? fmt(W.group_local, { mark: local.mark, n: local.n, total: total }) : countWords(total);
    return {
      label: g.name + "\n" + line,
      total: total,
      shown: seen,
      lost: gone,
      lostAll: gone > 0 && gone === total,
      dim: (filtering && !seen) || Boolean(focus && !near)
    };
  }

  function labelPx(id) {
    var body = network.body.nodes[id];
    if (!body || applied[id] === undefined || hiddenNow[id]) return 0;
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
  // the drop-out answer, at the top of the details panel: one neutral heading ("What happens
  // if ... drop out") and under it the phases left without a barrier, the phases that lose
  // barriers, those left to one partner and the barriers lost
  // the partners chosen to drop out, as chips that take them out again (30-views.js draws them)
  var whatifChips = asWords(make("ul", "dropout-chips plain"));
  whatifChips.id = "whatif-chips";
  whatifChips.setAttribute("aria-label", W.whatif_names);
  function showWhatif() {
    var box = $("whatif-result");
    box.textContent = "";
    $("panel").classList.toggle("has-whatif", state.whatif.length > 0);
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
    box.appendChild(whatifChips);
    box.appendChild(make("h3", null, W.whatif_none_left + " (" + answer.newly_uncovered.length + ")"));
    if (answer.newly_uncovered.length) {
      box.appendChild(phaseList(answer.newly_uncovered.map(function (p) { return [p, ""]; }), "whatif-uncovered"));
    } else {
      box.appendChild(make("p", "whatif-none", W.whatif_result_none));
    }
    if (answer.weakened.length) {
      box.appendChild(make("h3", null, W.whatif_weakened + " (" + answer.weakened.length + ")"));
      box.appendChild(phaseList(answer.weakened.map(function (w) {
        return [w.id, "(" + w.before + " → " + w.after + " " + W.count_barriers + ")"];
      }), "whatif-weakened"));
    }
    if (answer.single_partner.length) {
      box.appendChild(make("h3", null, W.whatif_single + " (" + answer.single_partner.length + ")"));
      box.appendChild(phaseList(answer.single_partner.map(function (p) { return [p, ""]; }), "whatif-single"));
    }
    if (answer.lost_interventions.length) {
      box.appendChild(make("h3", null, W.whatif_lost + " (" + answer.lost_interventions.length + ")"));
      box.appendChild(listOf(answer.lost_interventions.map(function (i) { return nid("intervention", i); }), "whatif-lost"));
    }
    box.hidden = false;
    $("panel").scrollTop = 0;
  }

  // on the canvas, while the barriers are drawn without their names (as group chips, or as
  // cards too small for their labels, which vis-network draws from a threshold less one px):
  // how to read them
  // It sits at the canvas's bottom left, where the views keep no phase (they show the row of
  // phases at the top).
  var zoomHint = make("p", "zoom-hint", W.zoom_hint);
  zoomHint.id = "zoom-hint";
  zoomHint.hidden = true;
  container.parentNode.insertBefore(zoomHint, container);
  var labelFrom = DATA.overview.label_px - 1;
  function placeHint() {
    if (zoomHint.hidden) return;
    zoomHint.style.left = container.offsetLeft + "px";
    zoomHint.style.top = Math.max(container.offsetTop, container.offsetTop + container.offsetHeight - zoomHint.offsetHeight - 12) + "px";
  }
  network.on("afterDrawing", function () {
    var text = chipsShown ? W.zoom_hint_groups : W.zoom_hint;
    var hide = !emptyNote.hidden || (!chipsShown && (cardFont === Infinity || network.getScale() * cardFont >= labelFrom));
    var changed = zoomHint.textContent !== text || zoomHint.hidden !== hide;
    if (zoomHint.textContent !== text) zoomHint.textContent = text;
    if (zoomHint.hidden !== hide) zoomHint.hidden = hide;
    if (changed) placeHint();
  });
  window.addEventListener("resize", placeHint);
  // a filter that leaves no barrier says so on the map (the phases stay in view above it)
  var emptyNote = make("p", "map-empty", W.map_empty);
  emptyNote.id = "map-empty";
  emptyNote.setAttribute("role", "status");
  emptyNote.hidden = true;
  container.parentNode.insertBefore(emptyNote, container);
  function showEmpty(on) {
    if (emptyNote.hidden !== !on) emptyNote.hidden = !on;
  }
  // under the row of phases as the view shows them now
  function placeEmpty() {
    var row = boxOf(DATA.order.map(function (p) { return nid("phase", p); }));
    var below = network.canvasToDOM({ x: row.left, y: row.bottom }).y;
    emptyNote.style.top = Math.round(container.offsetTop + Math.min(Math.max(below, 0) + 24, container.offsetHeight - 60)) + "px";
  }
  // "Hele kaart" keeps a choice; the status line says so until the choice changes
  var keptNote = false;
