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
  // (``cardsOnly``: a group chip chose, to see its cards: see showCards)
  function onFilter(cardsOnly) {
    keptNote = false;
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
    showChosen(shown, cardsOnly === true);
    showChoice(shown);
  }
  ["filter-partner", "filter-phase", "filter-type"].forEach(function (id) {
    $(id).addEventListener("change", function () { onFilter(false); });
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
  // the drop-out question: a checkbox per partner in a fold-out list, the chosen ones as chips
  var whatifBoxes = Array.prototype.slice.call($("whatif").querySelectorAll("input[name='whatif']"));
  var whatifMenu = $("whatif-menu");
  function setWhatifOptions(ids) {
    whatifBoxes.forEach(function (b) { b.checked = ids.indexOf(b.value) >= 0; });
  }
  function drawChips() {
    var chips = whatifChips;
    chips.textContent = "";
    state.whatif.forEach(function (p) {
      var name = nameOf(nid("partner", p));
      var li = make("li");
      var b = make("button", "chip");
      b.type = "button";
      b.setAttribute("data-partner", p);
      b.setAttribute("aria-label", fmt(W.whatif_remove, { name: name }));
      b.appendChild(modelSpan(name));
      b.appendChild(make("span", "x", " ✕"));
      b.lastChild.setAttribute("aria-hidden", "true");
      li.appendChild(b);
      chips.appendChild(li);
    });
    $("whatif-count").textContent = state.whatif.length ? "(" + state.whatif.length + ")" : "";
  }
  // the partners that drop out: any number of them, in the order of the list
  function setWhatif(partners) {
    var order = whatifBoxes.map(function (b) { return b.value; });
    state.whatif = order.filter(function (p) { return partners.indexOf(p) >= 0; });
    setWhatifOptions(state.whatif);
    drawChips();
    restyle();
    showWhatif();
    showLost();
  }
  $("whatif").addEventListener("change", function () {
    setWhatif(whatifBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
  });
  whatifChips.addEventListener("click", function (e) {
    var b = e.target instanceof Element ? e.target.closest(".chip") : null;
    if (!b) return;
    var p = b.getAttribute("data-partner");
    var next = state.whatif.filter(function (q) { return q !== p; });
    setWhatif(next);
    // focus stays in the chips (the next one, or the list's own button when none is left)
    var chips = whatifChips.querySelectorAll(".chip");
    if (chips.length) chips[Math.min(chips.length - 1, next.length ? next.length - 1 : 0)].focus();
    else whatifMenu.querySelector("summary").focus();
  });
  // the fold-out list closes on Escape (back to its button) and on a click outside it
  whatifMenu.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !whatifMenu.open) return;
    e.preventDefault();
    whatifMenu.open = false;
    whatifMenu.querySelector("summary").focus();
  });
  document.addEventListener("pointerdown", function (e) {
    if (whatifMenu.open && !(e.target instanceof Node && whatifMenu.contains(e.target))) whatifMenu.open = false;
  });
  // pan and zoom to what the drop-out costs: the cards of the lost barriers, by phase, with
  // their phases (when nothing is lost, the view stays)
  function showLost() {
    if (!state.whatif.length) return;
    var lost = dict();
    whatif(state.whatif).lost_interventions.forEach(function (i) { lost[nid("intervention", i)] = true; });
    var groups = [];
    DATA.order.forEach(function (pid) {
      var here = ITEMS[nid("phase", pid)].interventions.map(function (i) { return nid("intervention", i); })
        .filter(function (i) { return lost[i]; });
      if (here.length) groups.push({ phase: nid("phase", pid), cards: here.map(function (i) { return cardUnder(i, pid); }) });
    });
    showCards(groups);
  }

  // -- map buttons, hover names, clicks -------------------------------------------------------------
  // "Hele kaart": the whole map where it stays at the cards' level; else (the general
  // model's cards would be tiny) the whole process at the overview level: the phases and
  // their chips, readable, the partner band left out (it is listed beside the map). A
  // choice made with the filters or a chip stays (the chips count it); the status says so,
  // and "Alles tonen" clears it.
  $("fit").addEventListener("click", function () {
    var whole = { left: 0, top: 0, right: DATA.size.width, bottom: DATA.size.height };
    if (GROUPS.length && chipsAt(fitScale(whole))) showView(overviewView());
    else network.fit({ animation: false });
    keptNote = Boolean(state.partner || state.phase || state.type);
    restyle();
  });
  var linksBox = $("show-links");
  linksBox.checked = false;
  linksBox.addEventListener("change", function () {
    state.links = linksBox.checked;
    restyle();
  });
  $("zoom-in").addEventListener("click", function () { network.moveTo({ scale: network.getScale() * 1.3 }); });
  $("zoom-out").addEventListener("click", function () { network.moveTo({ scale: network.getScale() / 1.3 }); });
  $("panel-close").addEventListener("click", function () { clearPanel(); frame.focus(); });

  // a group chip chooses its phase and its type, as the filters do (the partner chosen, if any,
  // stays): the panel lists those barriers and the map zooms in to their cards, named
  function selectGroup(id) {
    var g = GROUP[id];
    if (!g) return false;
    $("filter-phase").value = g.phase;
    $("filter-type").value = g.type === null ? "-" : g.type;
    onFilter(true);
    return true;
  }
  network.on("click", function (params) {
    if (params.nodes.length && GROUP[params.nodes[0]]) selectGroup(params.nodes[0]);
    else if (params.nodes.length) select(ITEM_OF[params.nodes[0]]);
    else if (!params.edges.length) clearPanel();
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && !GROUP[params.nodes[0]]) {
      select(ITEM_OF[params.nodes[0]]);
      toggleFocus(ITEM_OF[params.nodes[0]]);
    }
  });
  var tip = $("tip");
  function tipText(id) {
    var g = GROUP[id];
    if (g) return fmt(W.group_tip, { type: g.name, phase: nameOf(nid("phase", g.phase)), n: countWords(g.members.length) });
    var item = ITEMS[ITEM_OF[id]];
    return W["kind_" + item.kind] + ": " + item.name;
  }
  network.on("hoverNode", function (params) {
    tip.textContent = tipText(params.node);
    var box = container.getBoundingClientRect();
    tip.style.left = Math.round(box.left + params.pointer.DOM.x + 14) + "px";
    tip.style.top = Math.round(box.top + params.pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

