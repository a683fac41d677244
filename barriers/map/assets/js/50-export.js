  // -- PNG export: the current view, or the whole map at print resolution -------------------------
  function download(url, name) {
    var a = make("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  $("export").addEventListener("click", function () {
    download(container.querySelector("canvas").toDataURL("image/png"), DATA.model.id + ".png");
  });
  // the whole map drawn at twice its own size (every label drawn, about 300 dpi on A3), by
  // making the canvas that big for one frame; the view is put back as it was
  var PRINT_SCALE = 2;
  function wholeMapPng() {
    var view = { position: network.getViewPosition(), scale: network.getScale() };
    var pad = 40;
    var w = Math.ceil((DATA.size.width + 2 * pad) * PRINT_SCALE);
    var h = Math.ceil((DATA.size.height + 2 * pad + 80) * PRINT_SCALE);
    var ratio = window.devicePixelRatio || 1;
    var style = container.getAttribute("style") || "";
    container.style.width = w / ratio + "px";
    container.style.height = h / ratio + "px";
    network.setSize(w / ratio + "px", h / ratio + "px");
    network.moveTo({
      position: { x: DATA.size.width / 2, y: (DATA.size.height - 80) / 2 },
      scale: PRINT_SCALE / ratio,
      animation: false
    });
    network.redraw();
    var url = container.querySelector("canvas").toDataURL("image/png");
    container.setAttribute("style", style);
    network.setSize("100%", "100%");
    network.redraw();
    network.moveTo({ position: view.position, scale: view.scale, animation: false });
    return url;
  }
  $("export-whole").addEventListener("click", function () {
    download(wholeMapPng(), DATA.model.id + "-kaart.png");
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
    // (the cards, or at the overview level the group chips instead)
    visibleNodeIds: function () {
      var w = container.clientWidth;
      var h = container.clientHeight;
      return ALL_NODES.concat(GROUP_IDS).filter(function (id) {
        if (hiddenNow[id]) return false;
        var b = network.getBoundingBox(id);
        var a = network.canvasToDOM({ x: b.left, y: b.top });
        var z = network.canvasToDOM({ x: b.right, y: b.bottom });
        return a.x >= 0 && a.y >= 0 && z.x <= w && z.y <= h;
      });
    },
    // the on-screen height in CSS px of a node's label text now (0 when it is not drawn);
    // a group chip's too
    labelPx: labelPx,
    // the group chips (the overview level: a chip per phase and barrier type), each with
    // its phase, its type (null: none), its barriers (node ids), what it says now, the
    // numbers it says (total, shown under the filters, lost to the drop-out question),
    // whether it is dim and whether it is drawn now (only zoomed out, never with the cards)
    groupChips: function () {
      var shown = visibility();
      var focus = focusSet();
      var lost = dict();
      if (state.whatif.length) whatif(state.whatif).lost_interventions.forEach(function (i) { lost[nid("intervention", i)] = true; });
      return GROUPS.map(function (g) {
        var look = groupLook(g, shown, focus, lost);
        return {
          id: g.id, phase: g.phase, type: g.type, members: g.members.slice(), label: look.label,
          total: look.total, shown: look.shown, lost: look.lost, dim: look.dim, drawn: !hiddenNow[g.id]
        };
      });
    },
    // whether the map shows the group chips now (else the cards)
    showsGroups: function () { return chipsShown; },
    // what a click on a group chip does
    selectGroup: selectGroup,
    // the scale below which the map shows group chips instead of cards
    groupScale: CHIP_SCALE,
    focusedNodeIds: function () {
      var set = focusSet();
      return set ? NODE_IDS.filter(function (id) { return set[id]; }) : NODE_IDS.slice();
    },
    label: function (id) { var n = nodes.get(id); return n ? n.label : null; },
    // the edges drawn now, and the partner links among them drawn as chosen ("link")
    visibleEdgeIds: function () {
      // (a link to a card the overview level hides is not drawn either)
      return DATA.edges.filter(function (e) {
        return appliedEdges[e.id] !== "" && !hiddenNow[e.from] && !hiddenNow[e.to];
      }).map(function (e) { return e.id; });
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
    network: network,
    // for 60-session.js: extend(label, shows, panel) and redraw after its state changed
    extend: function (hooks) { Object.assign(EXT, hooks); restyle(); },
    refresh: function () { restyle(); if (state.selected) showPanel(state.selected); }
  };
})();
