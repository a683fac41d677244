
/* barriers map: the local layer and session mode. Typed and model text only ever reach the
   page through textContent and form values; the profile is written and read here, in the page,
   and nothing is sent anywhere. */
(function () {
  "use strict";

  function dict() { return Object.create(null); }
  function noProto(key, value) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      var plain = dict();
      Object.keys(value).forEach(function (k) { plain[k] = value[k]; });
      return plain;
    }
    return value;
  }
  // A number JS cannot hold as YAML reads it (a float such as 2.0, -0.0 or 0.1, a whole
  // number beyond 2^53): its YAML text, written back unchanged.
  function YamlNumber(text) { this.text = text; }
  YamlNumber.prototype.toString = function () { return this.text; };
  // JSON has no such numbers: a value goes as data with each YamlNumber's text in its place,
  // and the places (key and index paths) beside it, never as a marker a model could also hold
  function encode(value) {
    var numbers = [];
    function walk(v, path) {
      if (v instanceof YamlNumber) { numbers.push(path); return v.text; }
      if (Array.isArray(v)) return v.map(function (x, n) { return walk(x, path.concat([n])); });
      if (v !== null && typeof v === "object") {
        var out = dict();
        Object.keys(v).forEach(function (k) { out[k] = walk(v[k], path.concat([k])); });
        return out;
      }
      return v;
    }
    return { data: walk(value, []), numbers: numbers };
  }
  function decode(data, numbers) {
    (numbers || []).forEach(function (path) {
      var at = data;
      for (var n = 0; n < path.length - 1 && at !== null && typeof at === "object"; n++) at = at[path[n]];
      var last = path[path.length - 1];
      if (at !== null && typeof at === "object" && typeof at[last] === "string") at[last] = new YamlNumber(at[last]);
    });
    return data;
  }
  function snapshot(value) { var e = encode(value); return JSON.stringify([e.data, e.numbers]); }
  function clone(value) {
    var e = encode(value);
    return decode(JSON.parse(JSON.stringify(e.data), noProto), e.numbers);
  }
  var DATA = JSON.parse(document.getElementById("barriers-data").textContent, noProto);
  var S = DATA.session;
  S.keep = decode(S.keep, S.keep_numbers);
  S.actions = decode(S.actions, S.action_numbers);
  var W = S.words;
  var MAP = window.barriersMap;
  var TEXT_LANG = DATA.text_lang;
  var ID_RE = /^[a-z0-9][a-z0-9-]*$/;
  var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
  // a real date written YYYY-MM-DD (as barriers.states.check_date: no 31 February)
  function isDate(text) {
    if (!DATE_RE.test(text)) return false;
    var y = Number(text.slice(0, 4));
    var m = Number(text.slice(5, 7));
    var d = Number(text.slice(8, 10));
    var t = new Date(Date.UTC(y, m - 1, d));
    return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }
  var HERE = { "in-place": true, partial: true };
  var STORE = "barriers-session:" + S.key;
  // the form of what the browser keeps: a page that keeps its state otherwise (as version 2
  // keeps all of a profile's own file, and the numbers as text) gives it a new version
  var VERSION = 2;
  // the fields the session writes itself; a profile's other top-level fields are kept as written
  var EDITED = ["id", "title", "extends", "local", "actions", "checklist_answers"];
  var KINDS = ["sources", "phases", "partners", "interventions"];
  function namesOf(lists) {
    var names = dict();
    lists.barrier_list.forEach(function (b) { names["intervention:" + b.id] = b.name; });
    lists.partner_list.forEach(function (p) { names["partner:" + p.id] = p.name; });
    lists.phase_list.forEach(function (p) { names["phase:" + p.id] = p.name; });
    return names;
  }
  var NAMES = namesOf(S);

  function $(id) { return document.getElementById(id); }
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined && text !== null) el.textContent = text;
    return el;
  }
  function modelText(el) { if (TEXT_LANG) el.lang = TEXT_LANG; return el; }
  function blank(text) { return typeof text !== "string" || !/\S/.test(text); }

  // -- the session's state -------------------------------------------------------------------
  function initial() {
    var local = S.local || dict();
    return {
      id: S.id || "",
      title: S.title || "",
      area: local.area || "",
      date: local.date || "",
      participants: (local.participants || []).slice(),
      interventions: clone(S.interventions),
      partners: clone(S.partners),
      phases: clone(S.phases),
      actions: clone(S.actions),
      answers: clone(S.answers),
      keep: clone(S.keep),
      // the items the profile goes over are those of the model this profile's map extends
      // (another profile of it loaded here), not the map's own
      overBase: false
    };
  }
  var state = initial();
  var saved = snapshot(state);  // what the last download (or the opening) holds
  var on = false;
  var filterValue = "";

  function stateOf(iid) { var e = state.interventions[iid]; return e ? e.state : "unknown"; }
  function partnerStateOf(pid) { var e = state.partners[pid]; return e ? e.state : "unknown"; }
  // a phase the profile adds with `after: a` stands right after a, as the tool puts it (a
  // leads to it, it leads where a led): several after one phase in the order written, and a
  // phase after one that is itself placed after another follows it there
  function placeAfter(phases, written) {
    var anchor = dict();
    written.forEach(function (item) {
      if (isMap(item) && typeof item.after === "string" && item.after !== item.id) anchor[item.id] = item.after;
    });
    var order = phases.filter(function (p) { return !(p.id in anchor); });
    var byId = dict();
    phases.forEach(function (p) { byId[p.id] = p; });
    var last = dict();  // per anchor: the phase most recently put after it
    var placed = dict();
    function place(id, seen) {
      if (placed[id] || !(id in byId)) return;
      var a = anchor[id];
      if (a in anchor && !placed[a] && !seen[a]) { seen[id] = true; place(a, seen); }
      var at = -1;
      var after = last[a] || a;
      for (var k = 0; k < order.length; k++) if (order[k].id === after) at = k;
      // a chain after `after`: step over the phases already put after it
      while (at >= 0 && at + 1 < order.length && anchor[order[at + 1].id] === order[at].id && placed[order[at + 1].id]) at++;
      if (at < 0) order.push(byId[id]);
      else order.splice(at + 1, 0, byId[id]);
      placed[id] = true;
      last[a] = id;
    }
    written.forEach(function (item) { if (isMap(item) && item.id in anchor) place(item.id, dict()); });
    return order;
  }
  function localGaps() {
    var l = lists();
    return l.phaseIds.filter(function (pid) {
      return !l.phaseBarriers[pid].some(function (iid) { return HERE[stateOf(iid)]; });
    });
  }
  function unsaved() { return snapshot(state) !== saved; }

  function persist() {
    try {
      var e = encode(state);
      if (JSON.stringify([e.data, e.numbers]) !== saved) localStorage.setItem(STORE, JSON.stringify({ version: VERSION, state: e.data, numbers: e.numbers }));
      else localStorage.removeItem(STORE);
    } catch (e) { /* storage full or off: the page still works */ }
  }

  function setField(entry, key, text) {
    if (blank(text)) delete entry[key];
    else entry[key] = text;
  }
  function interventionEntry(iid) {
    if (!state.interventions[iid]) state.interventions[iid] = Object.assign(dict(), { state: "unknown" });
    return state.interventions[iid];
  }
  function partnerEntry(pid) {
    if (!state.partners[pid]) state.partners[pid] = Object.assign(dict(), { state: "unknown" });
    return state.partners[pid];
  }

  var pending = null;  // the state a profile being read becomes
  function inKeep(keep, kind, id) {
    return Boolean(keep) && (keep[kind + "s"] || []).some(function (item) { return item.id === id && "name" in item; });
  }
  function removedIn(keep, kinds) {
    var r = keep && keep.head ? keep.head.remove : null;
    return isMap(r) && Array.isArray(r[kinds]) ? r[kinds] : [];
  }
  // a profile being read (or the state's) may add items of its own and remove the model's
  function known(kind, id) {
    var s = pending || state;
    if (inKeep(s.keep, kind, id)) return true;
    return (kind + ":" + id) in under(s.overBase).names && removedIn(s.keep, kind + "s").indexOf(id) < 0;
  }
  // the items a profile goes over: the map's, or, for another profile loaded into a profile's
  // map, those of the model both extend (not the items of the profile the map was made of)
  var BASE_NAMES = S.base_lists ? namesOf(S.base_lists) : null;
  function under(overBase) {
    return overBase && S.base_lists ? { lists: S.base_lists, names: BASE_NAMES } : { lists: S, names: NAMES };
  }

  // -- what the session lists: the map's items, with what a loaded profile adds or removes ------
  // (on a profile's own map its items are the map's already: applying them again changes nothing)
  var listsOf = null;
  var listsOver = null;
  var listsNow = null;
  function lists() {
    if (listsOf === state.keep && listsOver === state.overBase) return listsNow;
    var keep = state.keep;
    var from = under(state.overBase).lists;
    var names = dict();
    function listOf(kind, base) {
      var gone = removedIn(keep, kind + "s");
      var out = [];
      var at = dict();
      function put(id, name) {
        if (id in at) out[at[id]].name = name;
        else { at[id] = out.length; out.push({ id: id, name: name }); }
        names[kind + ":" + id] = name;
      }
      base.forEach(function (x) { if (gone.indexOf(x.id) < 0) put(x.id, x.name); });
      (keep[kind + "s"] || []).forEach(function (item) { if (typeof item.name === "string") put(item.id, item.name); });
      return out;
    }
    var phases = placeAfter(listOf("phase", from.phase_list), keep.phases || []);
    var partners = listOf("partner", from.partner_list);
    var barriers = listOf("intervention", from.barrier_list).sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    var where = dict();  // the phases each barrier is on
    from.phase_order.forEach(function (pid) {
      from.phase_barriers[pid].forEach(function (iid) { (where[iid] = where[iid] || []).push(pid); });
    });
    (keep.interventions || []).forEach(function (item) {
      var ph = item.phases;
      if (Array.isArray(ph)) where[item.id] = ph.slice();
      else if (isMap(ph)) {  // a list patch, {add, remove}
        var drop = Array.isArray(ph.remove) ? ph.remove : [];
        where[item.id] = (where[item.id] || []).filter(function (p) { return drop.indexOf(p) < 0; })
          .concat(Array.isArray(ph.add) ? ph.add : []);
      }
    });
    var phaseBarriers = dict();
    phases.forEach(function (p) { phaseBarriers[p.id] = []; });
    barriers.forEach(function (b) {
      (where[b.id] || []).forEach(function (pid) {
        if (pid in phaseBarriers && phaseBarriers[pid].indexOf(b.id) < 0) phaseBarriers[pid].push(b.id);
      });
    });
    listsOf = keep;
    listsOver = state.overBase;
    listsNow = {
      phases: phases, partners: partners, barriers: barriers, names: names,
      phaseIds: phases.map(function (p) { return p.id; }), phaseBarriers: phaseBarriers
    };
    return listsNow;
  }
  function nameOf(kind, id) {
    var names = lists().names;
    return (kind + ":" + id) in names ? names[kind + ":" + id] : NAMES[kind + ":" + id] || id;
  }
  function need(ok, message) { if (!ok) throw new Error(message); }

  var api = {
    setState: function (iid, value) {
      askFirst();
      need(known("intervention", iid), W.unknown_ref + ": " + iid);
      need(S.states.indexOf(value) >= 0, W.local_state + ": " + value);
      interventionEntry(iid).state = value;
      changed();
    },
    setBarrier: function (iid, fields) {
      askFirst();
      need(known("intervention", iid), W.unknown_ref + ": " + iid);
      var entry = interventionEntry(iid);
      if ("state" in fields) api.setState(iid, fields.state);
      if ("owner" in fields) {
        need(!fields.owner || known("partner", fields.owner), W.unknown_ref + ": " + fields.owner);
        setField(entry, "owner", fields.owner);
      }
      if ("contact" in fields) setField(entry, "contact", fields.contact);
      if ("note" in fields) setField(entry, "note", fields.note);
      changed();
    },
    setPartnerState: function (pid, value) {
      askFirst();
      need(known("partner", pid), W.unknown_ref + ": " + pid);
      need(S.partner_states.indexOf(value) >= 0, W.local_state + ": " + value);
      partnerEntry(pid).state = value;
      changed();
    },
    // note(nodeId, text): a barrier's or partner's local note, a phase's note of the room
    note: function (nodeId, text) {
      askFirst();
      var at = String(nodeId).indexOf(":");
      var kind = nodeId.slice(0, at);
      var id = nodeId.slice(at + 1);
      need(known(kind, id), W.unknown_ref + ": " + nodeId);
      if (kind === "intervention") setField(interventionEntry(id), "note", text);
      else if (kind === "partner") setField(partnerEntry(id), "note", text);
      else if (blank(text)) delete state.phases[id];
      else state.phases[id] = text;
      changed();
    },
    addAction: function (fields) {
      askFirst();
      var action = cleanAction(fields, null);
      state.actions.push(action);
      changed();
      return action.id;
    },
    editAction: function (id, fields) {
      askFirst();
      var k = actionIndex(id);
      state.actions[k] = cleanAction(Object.assign({}, state.actions[k], fields), id);
      changed();
    },
    removeAction: function (id) {
      askFirst();
      state.actions.splice(actionIndex(id), 1);
      changed();
    },
    answer: function (qid, value, note) {
      askFirst();
      need(questionIds().indexOf(qid) >= 0, W.unknown_ref + ": " + qid);
      need(S.answer_values.indexOf(value) >= 0, W.answer + ": " + value);
      var entry = Object.assign(dict(), { answer: value });
      if (!blank(note)) entry.note = note;
      state.answers[qid] = entry;
      changed();
    },
    setLocal: function (fields) {
      askFirst();
      ["area", "date", "id", "title"].forEach(function (k) {
        if (k in fields) state[k] = String(fields[k]);
      });
      changed();
    },
    localGaps: localGaps,
    profileYaml: function () { askFirst(); return profileYaml(); },
    loadYaml: function (text) { askFirst(); loadProfile(text); },
    unsaved: unsaved,
    state: function () { return clone(state); },
    isOn: function () { return on; },
    start: function () { setOn(true); }
  };

  function actionIndex(id) {
    for (var k = 0; k < state.actions.length; k++) if (state.actions[k].id === id) return k;
    throw new Error(W.unknown_ref + ": " + id);
  }
  // the map's checklist, and after it what a loaded profile's own `checklist` adds: its new
  // themes, and new questions in the map's themes (so the room can answer them here too)
  function checklistThemes() {
    var themes = S.checklist.map(function (t) { return { id: t.id, name: t.name, questions: t.questions.slice() }; });
    var own = state && state.keep && state.keep.head ? state.keep.head.checklist : null;
    if (!Array.isArray(own)) return themes;
    var seen = dict();
    themes.forEach(function (t) { t.questions.forEach(function (q) { seen[q.id] = true; }); });
    own.forEach(function (t) {
      if (!isMap(t) || typeof t.id !== "string" || !Array.isArray(t.questions)) return;
      var theme = themes.filter(function (x) { return x.id === t.id; })[0];
      var added = t.questions.filter(function (q) {
        return isMap(q) && typeof q.id === "string" && typeof q.text === "string" && !seen[q.id];
      }).map(function (q) { seen[q.id] = true; return { id: q.id, text: q.text }; });
      if (theme) theme.questions = theme.questions.concat(added);
      else if (added.length) themes.push({ id: t.id, name: typeof t.name === "string" ? t.name : t.id, questions: added });
    });
    return themes;
  }
  function questionIds() {
    var ids = [];
    checklistThemes().forEach(function (t) { t.questions.forEach(function (q) { ids.push(q.id); }); });
    return ids;
  }
  function freshActionId() {
    var taken = dict();
    state.actions.forEach(function (a) { taken[a.id] = true; });
    var n = state.actions.length + 1;
    while (taken["actie-" + n]) n++;
    return "actie-" + n;
  }
  // an action as the format has it: fields in the format's order, blanks left out
  function cleanAction(fields, oldId) {
    var id = fields.id || oldId || freshActionId();
    need(ID_RE.test(id), W.bad_id + " (" + id + ")");
    state.actions.forEach(function (a) { need(a.id !== id || id === oldId, W.bad_id + " (" + id + ")"); });
    need(!blank(fields.title), W.need_title);
    var out = Object.assign(dict(), { id: id, title: fields.title });
    var barriers = (fields.interventions || []).slice();
    barriers.forEach(function (i) { need(known("intervention", i), W.unknown_ref + ": " + i); });
    if (barriers.length) out.interventions = barriers;
    var phases = (fields.phases || []).slice();
    phases.forEach(function (p) { need(known("phase", p), W.unknown_ref + ": " + p); });
    if (phases.length) out.phases = phases;
    if (!blank(fields.owner)) {
      need(known("partner", fields.owner), W.unknown_ref + ": " + fields.owner);
      out.owner = fields.owner;
    }
    if (!blank(fields.due)) {
      need(isDate(fields.due), W.bad_due);
      out.due = fields.due;
    }
    if (fields.priority !== undefined && fields.priority !== null && fields.priority !== "") {
      var given = fields.priority;
      if (given instanceof YamlNumber) {
        // a whole number the page reads otherwise than YAML (010, 0x1f, beyond 2^53): as written
        need(YAML_INT.test(given.text) && !/^-/.test(given.text), W.bad_priority);
        out.priority = given;
      } else {
        var digits = String(given).trim();
        need(/^\d+$/.test(digits) && Number(digits) >= 1, W.bad_priority);
        out.priority = Number.isSafeInteger(Number(digits)) ? Number(digits) : new YamlNumber(digits.replace(/^0+/, ""));
      }
    }
    var st = fields.state || "open";
    need(S.action_states.indexOf(st) >= 0, W.state + ": " + st);
    out.state = st;
    if (!blank(fields.note)) out.note = fields.note;
    return out;
  }

  // -- the profile as YAML: every string a double-quoted scalar with JSON-style escapes ------------
  var PLAIN_KEY = /^[a-z][a-z_]*$/;
  var YAML_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;
  function scalar(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (value instanceof YamlNumber) return value.text;
    // YAML 1.1 reads 1e-7 as text: a float's exponent form gets its point (1.0e-7)
    if (typeof value === "number") return String(value).replace(/^(-?\d+)e/, "$1.0e");
    // JSON's escapes are YAML's; YAML also breaks lines at NEL, LS and PS and refuses C1
    // controls and non-characters raw, so those are escaped too
    return JSON.stringify(String(value)).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }
  function key(k) { return PLAIN_KEY.test(k) && !YAML_WORDS.test(k) ? k : scalar(k); }
  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof YamlNumber); }
  function isScalar(v) { return v === null || typeof v !== "object" || v instanceof YamlNumber; }
  function emitMap(obj, keys, pad, out) {
    keys.forEach(function (k) { emitEntry(k, obj[k], pad, out); });
  }
  function emitEntry(k, v, pad, out) {
    if (isScalar(v)) out.push(pad + key(k) + ": " + scalar(v));
    else if (Array.isArray(v) && !v.length) out.push(pad + key(k) + ": []");
    else if (Array.isArray(v) && v.every(isScalar)) out.push(pad + key(k) + ": [" + v.map(scalar).join(", ") + "]");
    else if (isMap(v) && !Object.keys(v).length) out.push(pad + key(k) + ": {}");
    else {
      out.push(pad + key(k) + ":");
      emitValue(v, pad + "  ", out);
    }
  }
  function emitValue(v, pad, out) {
    if (isMap(v)) emitMap(v, Object.keys(v), pad, out);
    else v.forEach(function (item) {
      if (isScalar(item)) out.push(pad + "- " + scalar(item));
      else if (isMap(item) && Object.keys(item).length) {
        var sub = [];
        emitValue(item, pad + "  ", sub);
        sub[0] = pad + "- " + sub[0].slice(pad.length + 2);
        sub.forEach(function (line) { out.push(line); });
      } else if (Array.isArray(item) && item.length) {
        var inner = [];
        emitValue(item, pad + "  ", inner);
        out.push(pad + "-");
        inner.forEach(function (line) { out.push(line); });
      } else out.push(pad + "- " + (Array.isArray(item) ? "[]" : "{}"));
    });
  }

  function profileId() {
    if (!blank(state.id)) return state.id.trim();
    var slug = state.area.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    slug = slug.slice(0, 60).replace(/-+$/, "");
    return (slug ? slug : S.extends.slice(0, 60) + "-lokaal");
  }
  function profileTitle() {
    return blank(state.title) ? W.profile_title_default + " " + state.area.trim() : state.title;
  }
  function localOf(kind, id) {
    var out = dict();
    if (kind === "interventions" && state.interventions[id]) {
      var e = state.interventions[id];
      ["state", "owner", "contact", "note"].forEach(function (k) { if (k in e) out[k] = e[k]; });
    } else if (kind === "partners" && state.partners[id]) {
      var p = state.partners[id];
      ["state", "note"].forEach(function (k) { if (k in p) out[k] = p[k]; });
    } else if (kind === "phases" && id in state.phases) out.note = state.phases[id];
    return Object.keys(out).length ? out : null;
  }
  function orderOf(kind) {
    var l = lists();
    if (kind === "phases") return l.phaseIds;
    if (kind === "partners") return l.partners.map(function (p) { return p.id; });
    if (kind === "interventions") return l.barriers.map(function (b) { return b.id; });
    return [];
  }
  function items(kind) {
    var rows = [];
    var seen = dict();
    (state.keep[kind] || []).forEach(function (item) {
      var row = dict();
      Object.keys(item).forEach(function (k) { row[k] = item[k]; });
      var local = localOf(kind, item.id);
      if (local) row.local = local;
      seen[item.id] = true;
      rows.push(row);
    });
    orderOf(kind).forEach(function (id) {
      if (seen[id]) return;
      var local = localOf(kind, id);
      if (local) rows.push(Object.assign(dict(), { id: id, local: local }));
    });
    return rows;
  }
  function checkReady() {
    if (blank(state.area)) throw new Error(W.need_area);
    if (!blank(state.date) && !isDate(state.date.trim())) throw new Error(W.bad_date);
    if (!ID_RE.test(profileId()) || profileId().length > 80) throw new Error(W.bad_id + " (" + profileId() + ")");
  }
  function profileYaml() {
    checkReady();
    var out = [
      "# " + W.yaml_comment,
      "# " + W.extends_model + ": " + S.extends
    ];
    out.push("id: " + scalar(profileId()));
    out.push("title: " + scalar(profileTitle()));
    out.push("extends: " + scalar(S.extends));
    Object.keys(state.keep.head).forEach(function (k) { emitEntry(k, state.keep.head[k], "", out); });
    var local = Object.assign(dict(), { area: state.area });
    if (!blank(state.date)) local.date = state.date.trim();
    if (state.participants.length) local.participants = state.participants;
    emitEntry("local", local, "", out);
    KINDS.forEach(function (kind) {
      var rows = items(kind);
      if (rows.length) emitEntry(kind, rows, "", out);
    });
    if (state.actions.length) emitEntry("actions", state.actions, "", out);
    var qs = questionIds().filter(function (q) { return q in state.answers; });
    Object.keys(state.answers).forEach(function (q) { if (qs.indexOf(q) < 0) qs.push(q); });
    if (qs.length) {
      out.push("checklist_answers:");
      qs.forEach(function (q) {
        var a = state.answers[q];
        var entry = Object.assign(dict(), { answer: a.answer });
        if ("note" in a) entry.note = a.note;
        emitEntry(q, entry, "  ", out);
      });
    }
    return out.join("\n") + "\n";
  }

  // -- reading a profile back: a strict YAML subset --------------------------------------------------
  // PyYAML's resolver (YAML 1.1): an exponent needs its sign, a sign needs a digit before the
  // point (-.5 is text, .5 a number)
  var YAML_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
  var YAML_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$/;
  var YAML_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
  function YamlError(line, col, message) {
    this.message = W.line + " " + line + ", " + W.column + " " + col + ": " + message;
  }
  function parseYaml(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    var raw = text.split(/\r\n|\n|\r/);
    var lines = [];
    raw.forEach(function (t, k) {
      var m = /^( *)(.*)$/.exec(t);
      var body = m[2];
      if (/^\t/.test(body) && /\S/.test(body)) throw new YamlError(k + 1, m[1].length + 1, W.yaml_tab);
      if (!/\S/.test(body) || /^#/.test(body)) return;
      lines.push({ no: k + 1, indent: m[1].length, text: body, raw: t });
    });
    var at = 0;
    if (lines.length && /^---(\s|$)/.test(lines[0].text) && lines[0].indent === 0) {
      if (/\S/.test(stripComment(lines[0].text.slice(3), lines[0], 4))) throw new YamlError(lines[0].no, 4, W.yaml_unsupported);
      at = 1;
    }
    function fail(line, col, message) { throw new YamlError(line.no, col, message); }
    function stripComment(s, line, col0) {
      // s is plain text after a value: only spaces and a comment may follow
      var m = /^\s*(#.*)?$/.exec(s);
      if (!m) fail(line, col0, W.yaml_after);
      return "";
    }
    function plain(s, line, col) {
      var cut = s.search(/\s#/);
      var v = (cut >= 0 ? s.slice(0, cut) : s).replace(/\s+$/, "");
      if (/^[&*!|>%@`]/.test(v) || /^[?:-](\s|$)/.test(v)) fail(line, col, W.yaml_unsupported + " (" + v.charAt(0) + ")");
      if (/:(\s|$)/.test(v)) fail(line, col, W.yaml_colon);
      return resolvePlain(v, line, col);
    }
    function resolvePlain(v, line, col) {
      if (v === "" || v === "~" || /^(null|Null|NULL)$/.test(v)) return null;
      if (/^(yes|Yes|YES|true|True|TRUE|on|On|ON|y|Y)$/.test(v)) return true;
      if (/^(no|No|NO|false|False|FALSE|off|Off|OFF|n|N)$/.test(v)) return false;
      // numbers as YAML 1.1 (the project's loader) reads them: a whole number the page holds
      // exactly is a number; any other (2.0, 0.1, 1.0e+20, 0x1f, 1_000, 2^53 and beyond) keeps
      // its text, which the download writes back as it was
      if (/^[-+]?(0|[1-9][0-9]*)$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
      if (YAML_INT.test(v) || YAML_FLOAT.test(v)) return new YamlNumber(v);
      // infinity and not-a-number the loader refuses; digits with commas it reads as text
      if (YAML_SPECIAL.test(v) || /^[-+]?[0-9][0-9_,]*$/.test(v)) fail(line, col, W.yaml_quote);
      return v;
    }
    function quoted(s, line, col) {
      // s starts with a quote; returns [value, rest]
      if (s.charAt(0) === "'") {
        var out = "";
        for (var i = 1; i < s.length; i++) {
          var c = s.charAt(i);
          if (c === "'") {
            if (s.charAt(i + 1) === "'") { out += "'"; i++; continue; }
            return [out, s.slice(i + 1)];
          }
          out += c;
        }
        fail(line, col, W.yaml_unclosed);
      }
      var res = "";
      for (var j = 1; j < s.length; j++) {
        var ch = s.charAt(j);
        if (ch === "\"") return [res, s.slice(j + 1)];
        if (ch !== "\\") { res += ch; continue; }
        var e = s.charAt(++j);
        var simple = { "0": "\0", a: "\u0007", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\u000b", f: "\f", r: "\r", e: "\u001b", " ": " ", "\"": "\"", "/": "/", "\\": "\\", N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029" };
        if (e in simple) { res += simple[e]; continue; }
        var len = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
        var hex = s.slice(j + 1, j + 1 + len);
        if (!len || !new RegExp("^[0-9a-fA-F]{" + len + "}$").test(hex)) fail(line, col + j, W.yaml_escape);
        var code = parseInt(hex, 16);
        if (code > 0x10ffff) fail(line, col + j, W.yaml_escape);
        res += String.fromCodePoint(code);
        j += len;
      }
      fail(line, col, W.yaml_unclosed);
    }
    // a flow collection, [a, "b", {k: v}], nested as deep as it goes, on one line
    function flow(s, line, col) {
      var k = 0;
      function ws() { while (s.charAt(k) === " ") k++; }
      function plainAt() {
        var start = k;
        while (k < s.length && ",[]{}".indexOf(s.charAt(k)) < 0) {
          if (s.charAt(k) === ":" && /^(\s|$)/.test(s.slice(k + 1, k + 2))) fail(line, col + start, W.yaml_colon);
          if (s.charAt(k) === "#" && k > start && s.charAt(k - 1) === " ") fail(line, col + k, W.yaml_quote);
          k++;
        }
        var v = s.slice(start, k).trim();
        if (/^[&*!|>%@`]/.test(v) || /^[?-](\s|$)/.test(v)) fail(line, col + start, W.yaml_unsupported);
        return resolvePlain(v, line, col + start);
      }
      function value() {
        ws();
        var c = s.charAt(k);
        if (c === "[") return seq();
        if (c === "{") return map();
        if (c === "\"" || c === "'") {
          var q = quoted(s.slice(k), line, col + k);
          k = s.length - q[1].length;
          return q[0];
        }
        return plainAt();
      }
      // after an entry: a comma (and maybe the close), or the close
      function next(close) {
        ws();
        var c = s.charAt(k);
        if (k >= s.length) fail(line, col, W.yaml_flow_line);
        if (c === close) { k++; return false; }
        if (c !== ",") fail(line, col + k, W.yaml_after);
        k++;
        ws();
        if (s.charAt(k) === close) { k++; return false; }
        return true;
      }
      function seq() {
        var out = [];
        k++;
        ws();
        if (s.charAt(k) === "]") { k++; return out; }
        do {
          ws();
          if (",]".indexOf(s.charAt(k)) >= 0 && k < s.length) fail(line, col + k, W.yaml_after);
          out.push(value());
        } while (next("]"));
        return out;
      }
      function map() {
        var out = dict();
        k++;
        ws();
        if (s.charAt(k) === "}") { k++; return out; }
        do {
          ws();
          var at0 = k;
          var name;
          if (s.charAt(k) === "\"" || s.charAt(k) === "'") {
            var q = quoted(s.slice(k), line, col + k);
            k = s.length - q[1].length;
            name = q[0];
          } else {
            var m = /^([^:,"'\[\]{}#]+?)\s*(?=:(\s|$))/.exec(s.slice(k));
            if (!m) fail(line, col + k, W.yaml_key);
            name = m[1];
            k += m[0].length;
          }
          ws();
          if (s.charAt(k) !== ":") fail(line, col + k, W.yaml_key);
          k++;
          if (name in out) fail(line, col + at0, W.yaml_duplicate + " (" + name + ")");
          out[name] = value();
        } while (next("}"));
        return out;
      }
      var v = value();
      return [v, s.slice(k)];
    }
    function inline(s, line, col) {
      var c = s.charAt(0);
      if (c === "\"" || c === "'") {
        var q = quoted(s, line, col);
        stripComment(q[1], line, col + s.length - q[1].length);
        return q[0];
      }
      if (c === "[" || c === "{") {
        var f = flow(s, line, col);
        stripComment(f[1], line, col + s.length - f[1].length);
        return f[0];
      }
      return plain(s, line, col);
    }
    function blockScalar(indicator, line, parentIndent) {
      var m = /^([|>])([-+]?)\s*(#.*)?$/.exec(indicator);
      if (!m) fail(line, line.indent + 1, W.yaml_unsupported);
      // read raw lines after this one, deeper than the parent
      var start = line.no; // raw index of the next line
      var body = [];
      var indent = -1;
      var k = start;
      for (; k < raw.length; k++) {
        var t = raw[k];
        if (!/\S/.test(t)) { body.push(""); continue; }
        var ind = /^ */.exec(t)[0].length;
        if (ind <= parentIndent) break;
        if (indent < 0) indent = ind;
        if (ind < indent) fail({ no: k + 1 }, ind + 1, W.yaml_indent);
        body.push(t.slice(indent));
      }
      while (at < lines.length && lines[at].no <= k) at++;
      while (body.length && body[body.length - 1] === "") body.pop();
      var value;
      if (m[1] === "|") value = body.join("\n");
      else {
        value = "";
        body.forEach(function (b, n) {
          if (n === 0) value = b;
          else if (b === "") value += "\n";
          else if (body[n - 1] === "") value += b;
          else value += " " + b;
        });
      }
      if (m[2] !== "-" && body.length) value += "\n";
      return value;
    }
    function node(indent) {
      if (at >= lines.length) return null;
      var line = lines[at];
      if (line.indent < indent) return null;
      if (/^-(\s|$)/.test(line.text)) return sequence(line.indent);
      return mapping(line.indent);
    }
    function sequence(indent) {
      var out = [];
      while (at < lines.length && lines[at].indent === indent && /^-(\s|$)/.test(lines[at].text)) {
        var line = lines[at];
        var rest = line.text.slice(1);
        var spaces = /^ */.exec(rest)[0].length;
        rest = rest.slice(spaces);
        if (!rest) { at++; out.push(node(indent + 1)); continue; }
        if (/^-(\s|$)/.test(rest) || isKeyLine(rest)) {
          line.indent = indent + 1 + spaces;
          line.text = rest;
          out.push(node(line.indent));
          continue;
        }
        at++;
        if (/^[|>]/.test(rest)) out.push(blockScalar(rest, line, indent));
        else out.push(inline(rest, line, indent + 2 + spaces));
        continueCheck(indent);
      }
      if (at < lines.length && lines[at].indent > indent) fail(lines[at], lines[at].indent + 1, W.yaml_indent);
      return out;
    }
    function continueCheck(indent) {
      if (at < lines.length && lines[at].indent > indent) {
        fail(lines[at], lines[at].indent + 1, W.yaml_multiline);
      }
    }
    function isKeyLine(s) {
      if (s.charAt(0) === "\"" || s.charAt(0) === "'") {
        try { var q = quoted(s, { no: 0 }, 1); return /^\s*:(\s|$)/.test(q[1]); } catch (e) { return false; }
      }
      return /^[^\s#\[\]{},"'&*!|>%@`][^:#]*?:(\s|$)/.test(s) && !/^[?-](\s|$)/.test(s);
    }
    function mapping(indent) {
      var out = dict();
      var seen = dict();
      while (at < lines.length && lines[at].indent === indent) {
        var line = lines[at];
        var s = line.text;
        if (/^-(\s|$)/.test(s)) fail(line, indent + 1, W.yaml_indent);
        var k;
        var rest;
        if (s.charAt(0) === "\"" || s.charAt(0) === "'") {
          var q = quoted(s, line, indent + 1);
          k = q[0];
          var m0 = /^\s*:(\s|$)/.exec(q[1]);
          if (!m0) fail(line, indent + 1 + s.length - q[1].length, W.yaml_colon);
          rest = q[1].slice(m0[0].length);
        } else {
          var m = /^([^:#]*?)\s*:(\s|$)/.exec(s);
          if (!m || !m[1] || /^[?&*!|>%@`\[\]{},]/.test(m[1])) fail(line, indent + 1, W.yaml_key);
          k = m[1];
          rest = s.slice(m[0].length);
        }
        if (k in seen) fail(line, indent + 1, W.yaml_duplicate + " (" + k + ")");
        seen[k] = true;
        rest = rest.replace(/^\s+/, "");
        var col = line.raw.length - rest.length + 1;
        at++;
        if (!rest || /^#/.test(rest)) {
          if (at < lines.length && (lines[at].indent > indent || (lines[at].indent === indent && /^-(\s|$)/.test(lines[at].text)))) {
            out[k] = lines[at].indent === indent ? sequence(indent) : node(lines[at].indent);
          } else out[k] = null;
        } else if (/^[|>]/.test(rest)) out[k] = blockScalar(rest, line, indent);
        else {
          out[k] = inline(rest, line, col);
          continueCheck(indent);
        }
      }
      if (at < lines.length && lines[at].indent > indent) fail(lines[at], lines[at].indent + 1, W.yaml_indent);
      return out;
    }
    var doc = node(0);
    if (at < lines.length) {
      var l = lines[at];
      if (/^(---|\.\.\.)(\s|$)/.test(l.text)) fail(l, 1, W.yaml_documents);
      fail(l, l.indent + 1, W.yaml_indent);
    }
    return doc;
  }

  // a parsed profile into the session's state (refusing what the format would refuse)
  function fromProfile(doc) {
    function bad(where, what) { throw new Error(where + ": " + what); }
    function text(v, where) { if (v === null || v === undefined) return ""; if (typeof v !== "string") bad(where, W.need_text); return v; }
    if (!isMap(doc)) bad("/", W.need_mapping);
    if (doc.extends !== S.extends) {
      bad("extends", W.wrong_base + " (" + String(doc.extends) + "; " + W.extends_model + ": " + S.extends + ")");
    }
    Object.keys(doc).forEach(function (k) { if (S.fields.indexOf(k) < 0) bad(k, W.unknown_key); });
    var next = initial();
    next.interventions = dict();
    next.partners = dict();
    next.phases = dict();
    next.actions = [];
    next.answers = dict();
    next.keep = { head: dict(), sources: [], phases: [], partners: [], interventions: [] };
    next.id = text(doc.id, "id");
    next.title = text(doc.title, "title");
    var local = doc.local;
    if (!isMap(local)) bad("local", W.need_area);
    next.area = text(local.area, "local.area");
    next.date = text(local.date, "local.date");
    next.participants = Array.isArray(local.participants) ? local.participants.map(function (p, n) { return text(p, "local.participants[" + n + "]"); }) : [];
    // every other field is kept as written, in its order (remove, checklist, notes, ...)
    Object.keys(doc).forEach(function (k) {
      if (EDITED.indexOf(k) < 0 && KINDS.indexOf(k) < 0) next.keep.head[k] = doc[k];
    });
    if ("remove" in doc) {
      var r = doc.remove;
      if (!isMap(r)) bad("remove", W.need_mapping);
      Object.keys(r).forEach(function (kind) {
        if (KINDS.indexOf(kind) < 0) bad("remove." + kind, W.unknown_key);
        if (!Array.isArray(r[kind])) bad("remove." + kind, W.need_list);
        r[kind].forEach(function (id, n) { text(id, "remove." + kind + "[" + n + "]"); });
      });
    }
    // the whole document says whose items it goes over, before any item is read: on a
    // profile's map, the profile itself (its own download) goes over the map's items, another
    // profile of the same model over that model's
    next.overBase = Boolean(S.base_lists) && doc.id !== S.id;
    pending = next;
    var own = dict();
    KINDS.forEach(function (kind) {
      var list = doc[kind] || [];
      if (!Array.isArray(list)) bad(kind, W.need_list);
      list.forEach(function (item, n) {
        var where = kind + "[" + n + "]";
        if (!isMap(item) || typeof item.id !== "string") bad(where, W.need_id);
        var rest = dict();
        Object.keys(item).forEach(function (k) { if (k !== "local") rest[k] = item[k]; });
        if (Object.keys(rest).length > 1 || !("local" in item)) { next.keep[kind].push(rest); own[kind + ":" + item.id] = true; }
        var singular = kind === "phases" ? "phase" : kind === "partners" ? "partner" : "intervention";
        if (kind !== "sources" && !known(singular, item.id) && !own[kind + ":" + item.id]) bad(where, W.unknown_ref + ": " + item.id);
        var l = item.local;
        if (l === undefined || l === null) return;
        if (!isMap(l) || kind === "sources") bad(where + ".local", W.need_mapping);
        if (kind === "interventions") {
          if (S.states.indexOf(l.state) < 0) bad(where + ".local.state", W.local_state + ": " + String(l.state));
          var e = Object.assign(dict(), { state: l.state });
          ["owner", "contact", "note"].forEach(function (k) { var v = text(l[k], where + ".local." + k); if (!blank(v)) e[k] = v; });
          next.interventions[item.id] = e;
        } else if (kind === "partners") {
          if (S.partner_states.indexOf(l.state) < 0) bad(where + ".local.state", W.local_state + ": " + String(l.state));
          var pe = Object.assign(dict(), { state: l.state });
          var pn = text(l.note, where + ".local.note");
          if (!blank(pn)) pe.note = pn;
          next.partners[item.id] = pe;
        } else {
          var note = text(l.note, where + ".local.note");
          if (!blank(note)) next.phases[item.id] = note;
        }
      });
    });
    var actions = doc.actions || [];
    if (!Array.isArray(actions)) bad("actions", W.need_list);
    actions.forEach(function (a, n) {
      if (!isMap(a)) bad("actions[" + n + "]", W.need_mapping);
      Object.keys(a).forEach(function (k) {
        if (["id", "title", "interventions", "phases", "owner", "due", "priority", "state", "note"].indexOf(k) < 0) bad("actions[" + n + "]." + k, W.unknown_key);
      });
      var saveActions = state.actions;
      state.actions = next.actions;
      try { next.actions.push(cleanAction(a, a.id)); } catch (err) { bad("actions[" + n + "]", err.message); } finally { state.actions = saveActions; }
    });
    pending = null;
    var answers = doc.checklist_answers || dict();
    if (!isMap(answers)) bad("checklist_answers", W.need_mapping);
    Object.keys(answers).forEach(function (q) {
      var a = answers[q];
      if (!isMap(a)) bad("checklist_answers." + q, W.need_mapping);
      var value = a.answer === true ? "yes" : a.answer === false ? "no" : a.answer;
      if (S.answer_values.indexOf(value) < 0) bad("checklist_answers." + q + ".answer", W.answer + ": " + String(a.answer));
      var entry = Object.assign(dict(), { answer: value });
      var nt = text(a.note, "checklist_answers." + q + ".note");
      if (!blank(nt)) entry.note = nt;
      next.answers[q] = entry;
    });
    return next;
  }

  function loadProfile(text) {
    var next;
    try { next = fromProfile(parseYaml(text)); } finally { pending = null; }
    state = next;
    saved = snapshot(state);
    persist();
    render();
    changed();
  }

  // -- the map's local marks ---------------------------------------------------------------------
  function showingLocal() { return on || S.profile; }
  function markOf(value) { return S.marks[value] + " " + W.states[value]; }
  MAP.extend({
    // label(item, label): the label with the local line (a profile's cards have its room:
    // the page was drawn with the state it opened with as the last line, replaced here)
    label: function (item, label) {
      if (!item) return label;
      if (item.kind === "intervention") {
        if (S.profile && item.mark !== "removed") return label.slice(0, label.lastIndexOf("\n")) + "\n" + markOf(stateOf(item.id));
        return on ? label + "\n" + markOf(stateOf(item.id)) : label;
      }
      if (!showingLocal()) return label;
      if (item.kind === "partner") {
        var ps = partnerStateOf(item.id);
        return ps === "unknown" ? label : label + "\n" + (ps === "present" ? "✔ " : "✘ ") + W.partner_states[ps];
      }
      if (item.kind === "phase" && localGaps().indexOf(item.id) >= 0) return label + "\n⚠ " + W.local_open;
      return label;
    },
    shows: null,
    // while the local state shows, a group chip says how many of its barriers are in place
    // here (the cards, zoomed in, show each one's state): the mark and that number
    group: function (members) {
      if (!showingLocal()) return null;
      var here = members.filter(function (m) { return stateOf(m.slice(m.indexOf(":") + 1)) === "in-place"; });
      return { mark: S.marks["in-place"], n: here.length };
    },
    panel: function (item, body) {
      if (!showingLocal()) return;
      var box = make("section", "local-details");
      box.appendChild(make("h3", null, W.local_state));
      if (item.kind === "intervention") {
        var e = state.interventions[item.id] || dict();
        box.appendChild(make("p", "local-state", markOf(stateOf(item.id))));
        if (e.owner) box.appendChild(labelled(W.owner, nameOf("partner", e.owner)));
        if (e.contact) box.appendChild(labelled(W.contact, e.contact));
        if (e.note) box.appendChild(labelled(W.note, e.note));
      } else if (item.kind === "partner") {
        var p = state.partners[item.id] || dict();
        box.appendChild(make("p", "local-state", W.partner_states[partnerStateOf(item.id)]));
        if (p.note) box.appendChild(labelled(W.note, p.note));
      } else if (item.kind === "phase") {
        var open = localGaps().indexOf(item.id) >= 0;
        box.appendChild(make("p", "local-state", open ? "⚠ " + W.local_open : "✔ " + W.local_covered));
        if (state.phases[item.id]) box.appendChild(labelled(W.phase_note, state.phases[item.id]));
      }
      var concern = state.actions.filter(function (a) {
        if (item.kind === "intervention") return (a.interventions || []).indexOf(item.id) >= 0;
        if (item.kind === "phase") {
          return (a.phases || []).indexOf(item.id) >= 0 || (a.interventions || []).some(function (i) {
            var on = lists().phaseBarriers[item.id];
            return Boolean(on) && on.indexOf(i) >= 0;
          });
        }
        return a.owner === item.id;
      });
      if (concern.length) {
        box.appendChild(make("h4", null, W.actions_plan));
        var ul = make("ul", "plain");
        concern.forEach(function (a) { ul.appendChild(modelText(make("li", null, actionLine(a)))); });
        box.appendChild(ul);
      }
      if (on && item.kind in { intervention: 1, partner: 1, phase: 1 }) {
        var b = make("button", null, W.edit_in_session);
        b.type = "button";
        b.addEventListener("click", function () { goTo(item.kind, item.id); });
        box.appendChild(b);
      }
      body.appendChild(box);
    }
  });
  function labelled(name, value) {
    var p = make("p");
    p.appendChild(make("strong", null, name + ": "));
    p.appendChild(modelText(make("span", "typed", value)));
    return p;
  }
  function actionLine(a) {
    var bits = [a.title, W.action_states[a.state]];
    if (a.owner) bits.push(W.owner + ": " + nameOf("partner", a.owner));
    if (a.due) bits.push(W.due_short + " " + a.due);
    if (a.priority) bits.push("P" + a.priority);
    return bits.join(" · ");
  }

  // -- the session's controls ------------------------------------------------------------------
  var section;
  var gapsLine;
  var message;
  var tabs = [];
  var TAB_NAMES = ["barriers", "partners", "phases", "actions", "checklist", "save"];

  function control(tag, id, labelText, value) {
    var el = make(tag);
    el.id = id;
    if (tag === "textarea") el.rows = 1;
    if (value !== undefined) el.value = value;
    if (labelText) el.setAttribute("aria-label", labelText);
    return el;
  }
  function select(id, labelText, options, value) {
    var el = control("select", id, labelText);
    options.forEach(function (o) {
      var opt = make("option", null, o[1]);
      opt.value = o[0];
      el.appendChild(opt);
    });
    el.value = value;
    return el;
  }
  function partnerOptions() {
    return [["", W.nobody]].concat(lists().partners.map(function (p) { return [p.id, p.name]; }));
  }
  function field(labelText, el, cls) {
    var wrap = make("div", "s-field" + (cls ? " " + cls : ""));
    var label = make("label", null, labelText);
    label.htmlFor = el.id;
    el.removeAttribute("aria-label");
    wrap.appendChild(label);
    wrap.appendChild(el);
    return wrap;
  }

  function legend() {
    var ul = document.querySelector(".legend ul");
    if (!ul || $("legend-local")) return;
    var li = make("li", null, W.local_state + ": " + S.states.map(markOf).join(" · ") + " · ⚠ " + W.local_open);
    li.id = "legend-local";
    ul.appendChild(li);
  }
  function build() {
    if (S.profile) legend();
    var bar = document.querySelector(".toolbar");
    var toggle = make("button", null, W.session);
    toggle.type = "button";
    toggle.id = "session-toggle";
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", "session");
    toggle.addEventListener("click", function () { setOn(!on); });
    bar.insertBefore(toggle, $("present"));  // presenting stays the toolbar's last control
    var fwrap = make("div", "field local-filter");
    var flabel = make("label", null, W.filter_local);
    flabel.htmlFor = "filter-local";
    var filter = select("filter-local", null, [["", W.all]].concat(S.states.map(function (s) { return [s, markOf(s)]; })), "");
    filter.addEventListener("change", function () {
      filterValue = filter.value;
      MAP.extend({ shows: filterValue ? function (item) { return stateOf(item.id) === filterValue; } : null });
    });
    fwrap.appendChild(flabel);
    fwrap.appendChild(filter);
    fwrap.hidden = !S.profile;
    bar.insertBefore(fwrap, $("reset"));

    section = make("section", "session");
    section.id = "session";
    section.hidden = true;
    section.setAttribute("aria-labelledby", "session-title");
    var h = make("h2", null, W.session_title);
    h.id = "session-title";
    h.tabIndex = -1;
    section.appendChild(h);
    section.appendChild(make("p", "hint", W.session_hint));
    gapsLine = make("p", "session-gaps");
    gapsLine.id = "session-gaps";
    gapsLine.setAttribute("role", "status");
    section.appendChild(gapsLine);
    var list = make("div", "tabs session-tabs");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", W.sections);
    section.appendChild(list);
    TAB_NAMES.forEach(function (name, k) {
      var tab = make("button", null, W["tab_" + name]);
      tab.type = "button";
      tab.id = "s-tab-" + name;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", "s-panel-" + name);
      tab.setAttribute("aria-selected", k === 0 ? "true" : "false");
      tab.tabIndex = k === 0 ? 0 : -1;
      tab.addEventListener("click", function () { showTab(k); });
      tab.addEventListener("keydown", function (ev) {
        var to = ev.key === "ArrowRight" ? k + 1 : ev.key === "ArrowLeft" ? k - 1 : ev.key === "Home" ? 0 : ev.key === "End" ? TAB_NAMES.length - 1 : null;
        if (to === null) return;
        ev.preventDefault();
        showTab((to + TAB_NAMES.length) % TAB_NAMES.length);
        tabs[(to + TAB_NAMES.length) % TAB_NAMES.length].tab.focus();
      });
      list.appendChild(tab);
      var panel = make("div", "session-panel");
      panel.id = "s-panel-" + name;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      panel.hidden = k !== 0;
      section.appendChild(panel);
      tabs.push({ tab: tab, panel: panel });
    });
    message = make("p", "session-message");
    message.id = "session-message";
    message.setAttribute("role", "alert");
    section.appendChild(message);
    var workspace = document.querySelector(".workspace");
    workspace.parentNode.insertBefore(section, workspace);
  }
  function showTab(k) {
    current = k;
    ensure(k);
    tabs.forEach(function (t, n) {
      t.tab.setAttribute("aria-selected", n === k ? "true" : "false");
      t.tab.tabIndex = n === k ? 0 : -1;
      t.panel.hidden = n !== k;
    });
  }
  function goTo(kind, id) {
    var k = kind === "intervention" ? 0 : kind === "partner" ? 1 : 2;
    showTab(k);
    var target = $(kind === "intervention" ? "s-state-" + id : kind === "partner" ? "s-pstate-" + id : "s-phase-" + id);
    if (target) { target.scrollIntoView({ block: "center" }); target.focus(); }
  }

  function table(headers) {
    var t = make("table", "session-table");
    var tr = make("tr");
    headers.forEach(function (h) { var th = make("th", null, h); th.scope = "col"; tr.appendChild(th); });
    var thead = make("thead");
    thead.appendChild(tr);
    t.appendChild(thead);
    var body = make("tbody");
    t.appendChild(body);
    return { table: t, body: body };
  }
  function rowHead(text) { var th = modelText(make("th", null, text)); th.scope = "row"; return th; }
  function cell(el) { var td = make("td"); td.appendChild(el); return td; }

  function renderBarriers(panel) {
    var home = dict();
    var l = lists();
    l.phaseIds.forEach(function (pid) { l.phaseBarriers[pid].forEach(function (iid) { if (!home[iid]) home[iid] = pid; }); });
    l.phaseIds.forEach(function (pid) {
      var ids = l.phaseBarriers[pid].filter(function (iid) { return home[iid] === pid; });
      if (!ids.length) return;
      panel.appendChild(modelText(make("h3", null, nameOf("phase", pid))));
      var t = table([W.barrier, W.local_state, W.owner, W.contact, W.note]);
      ids.forEach(function (iid) {
        var name = nameOf("intervention", iid);
        var e = state.interventions[iid] || dict();
        var tr = make("tr");
        tr.appendChild(rowHead(name));
        var st = select("s-state-" + iid, W.local_state + ": " + name, S.states.map(function (s) { return [s, markOf(s)]; }), stateOf(iid));
        st.addEventListener("change", function () { api.setState(iid, st.value); });
        var ow = select("s-owner-" + iid, W.owner + ": " + name, partnerOptions(), e.owner || "");
        ow.addEventListener("change", function () { api.setBarrier(iid, { owner: ow.value }); });
        var co = control("textarea", "s-contact-" + iid, W.contact + ": " + name, e.contact || "");
        co.addEventListener("input", function () { api.setBarrier(iid, { contact: co.value }); });
        var no = control("textarea", "s-note-" + iid, W.note + ": " + name, e.note || "");
        no.addEventListener("input", function () { api.setBarrier(iid, { note: no.value }); });
        [st, ow, co, no].forEach(function (c) { tr.appendChild(cell(c)); });
        t.body.appendChild(tr);
      });
      panel.appendChild(t.table);
    });
  }
  function renderPartners(panel) {
    var t = table([W.partner, W.local_state, W.note]);
    lists().partners.forEach(function (p) {
      var e = state.partners[p.id] || dict();
      var tr = make("tr");
      tr.appendChild(rowHead(p.name));
      var st = select("s-pstate-" + p.id, W.local_state + ": " + p.name, S.partner_states.map(function (s) { return [s, W.partner_states[s]]; }), partnerStateOf(p.id));
      st.addEventListener("change", function () { api.setPartnerState(p.id, st.value); });
      var no = control("textarea", "s-pnote-" + p.id, W.note + ": " + p.name, e.note || "");
      no.addEventListener("input", function () { api.note("partner:" + p.id, no.value); });
      tr.appendChild(cell(st));
      tr.appendChild(cell(no));
      t.body.appendChild(tr);
    });
    panel.appendChild(t.table);
  }
  function renderPhases(panel) {
    lists().phases.forEach(function (p) {
      var ta = control("textarea", "s-phase-" + p.id, null, state.phases[p.id] || "");
      ta.rows = 2;
      ta.addEventListener("input", function () { api.note("phase:" + p.id, ta.value); });
      var wrap = field(W.phase_note + ": " + p.name, ta, "wide");
      var mark = make("p", "phase-gap");
      mark.id = "s-phase-gap-" + p.id;
      wrap.appendChild(mark);
      panel.appendChild(wrap);
    });
  }
  var editing = null;
  function renderActions(panel) {
    panel.textContent = "";
    if (!state.actions.length) panel.appendChild(make("p", "hint", W.no_actions));
    else {
      var t = table([W.action, W.state, W.owner, W.due_short, W.priority_short, W.concerns, ""]);
      state.actions.forEach(function (a) {
        var tr = make("tr");
        tr.appendChild(rowHead(a.title));
        tr.appendChild(cell(make("span", null, W.action_states[a.state])));
        tr.appendChild(cell(modelText(make("span", null, a.owner ? nameOf("partner", a.owner) : ""))));
        tr.appendChild(cell(make("span", null, a.due || "")));
        tr.appendChild(cell(make("span", null, a.priority ? String(a.priority) : "")));
        var what = (a.interventions || []).map(function (i) { return nameOf("intervention", i); })
          .concat((a.phases || []).map(function (p) { return nameOf("phase", p); }));
        tr.appendChild(cell(modelText(make("span", null, what.join("; ")))));
        var td = make("td", "row-buttons");
        var ed = make("button", null, W.edit);
        ed.type = "button";
        ed.id = "s-edit-" + a.id;
        ed.setAttribute("aria-label", W.edit + ": " + a.title);
        ed.addEventListener("click", function () { editing = a.id; renderActions(panel); $("s-a-title").focus(); });
        var rm = make("button", null, W.remove);
        rm.type = "button";
        rm.id = "s-remove-" + a.id;
        rm.setAttribute("aria-label", W.remove + ": " + a.title);
        rm.addEventListener("click", function () { api.removeAction(a.id); renderActions(panel); $("s-a-title").focus(); });
        td.appendChild(ed);
        td.appendChild(rm);
        tr.appendChild(td);
        t.body.appendChild(tr);
      });
      panel.appendChild(t.table);
    }
    var current = editing ? state.actions[actionIndex(editing)] : dict();
    var form = make("form", "action-form");
    form.id = "s-action-form";
    form.setAttribute("aria-labelledby", "s-action-form-title");
    var fh = make("h3", null, editing ? W.edit + ": " + current.title : W.add_action);
    fh.id = "s-action-form-title";
    form.appendChild(fh);
    var title = control("input", "s-a-title", null, current.title || "");
    title.type = "text";
    form.appendChild(field(W.title, title, "wide"));
    var multi = function (id, labelText, opts, chosen) {
      var el = control("select", id, null);
      el.multiple = true;
      el.size = 5;
      el.setAttribute("aria-describedby", "s-choose-many");
      opts.forEach(function (o) {
        var opt = modelText(make("option", null, o.name));
        opt.value = o.id;
        opt.selected = (chosen || []).indexOf(o.id) >= 0;
        el.appendChild(opt);
      });
      return field(labelText, el);
    };
    var row = make("div", "s-row");
    row.appendChild(multi("s-a-barriers", W.barriers, lists().barriers, current.interventions));
    row.appendChild(multi("s-a-phases", W.phases, lists().phases, current.phases));
    form.appendChild(row);
    form.appendChild(make("p", "hint", W.choose_many)).id = "s-choose-many";
    var row2 = make("div", "s-row");
    row2.appendChild(field(W.owner, select("s-a-owner", null, partnerOptions(), current.owner || "")));
    var due = control("input", "s-a-due", null, current.due || "");
    due.type = "text";
    due.setAttribute("inputmode", "numeric");
    due.placeholder = "2026-12-31";
    row2.appendChild(field(W.due, due));
    var prio = control("input", "s-a-priority", null, current.priority ? String(current.priority) : "");
    prio.type = "text";
    prio.setAttribute("inputmode", "numeric");
    row2.appendChild(field(W.priority, prio));
    row2.appendChild(field(W.state, select("s-a-state", null, S.action_states.map(function (s) { return [s, W.action_states[s]]; }), current.state || "open")));
    form.appendChild(row2);
    form.appendChild(field(W.note, control("textarea", "s-a-note", null, current.note || ""), "wide"));
    var save = make("button", null, editing ? W.save_action : W.add_action);
    save.type = "submit";
    save.id = "s-a-save";
    form.appendChild(save);
    if (editing) {
      var cancel = make("button", null, W.cancel);
      cancel.type = "button";
      cancel.addEventListener("click", function () { editing = null; renderActions(panel); $("s-a-title").focus(); });
      form.appendChild(cancel);
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      function chosen(id) { return Array.prototype.filter.call($(id).options, function (o) { return o.selected; }).map(function (o) { return o.value; }); }
      var fields = {
        title: title.value, interventions: chosen("s-a-barriers"), phases: chosen("s-a-phases"),
        owner: $("s-a-owner").value, due: due.value.trim(), priority: prio.value.trim(),
        state: $("s-a-state").value, note: $("s-a-note").value
      };
      try {
        if (editing) api.editAction(editing, fields);
        else api.addAction(fields);
      } catch (err) { say(err.message); return; }
      editing = null;
      say("");
      renderActions(panel);
      $("s-a-title").focus();
    });
    panel.appendChild(form);
  }
  function renderChecklist(panel) {
    var themes = checklistThemes();
    if (!themes.length) { panel.appendChild(make("p", "hint", W.no_checklist)); return; }
    themes.forEach(function (theme) {
      panel.appendChild(modelText(make("h3", null, theme.name)));
      var t = table([W.question, W.answer, W.note]);
      theme.questions.forEach(function (q) {
        var a = state.answers[q.id] || dict();
        var tr = make("tr");
        tr.appendChild(rowHead(q.text));
        var sel = select("s-answer-" + q.id, W.answer + ": " + q.text, S.answer_values.map(function (v) { return [v, W.answers[v]]; }), a.answer || "unknown");
        var no = control("textarea", "s-anote-" + q.id, W.note + ": " + q.text, a.note || "");
        var update = function () { api.answer(q.id, sel.value, no.value); };
        sel.addEventListener("change", update);
        no.addEventListener("input", update);
        tr.appendChild(cell(sel));
        tr.appendChild(cell(no));
        t.body.appendChild(tr);
      });
      panel.appendChild(t.table);
    });
  }
  function renderSave(panel) {
    var row = make("div", "s-row");
    var area = control("input", "s-area", null, state.area);
    area.type = "text";
    area.required = true;
    area.addEventListener("input", function () { api.setLocal({ area: area.value }); });
    row.appendChild(field(W.area, area));
    var date = control("input", "s-date", null, state.date);
    date.type = "text";
    date.placeholder = "2026-12-31";
    date.setAttribute("inputmode", "numeric");
    date.addEventListener("input", function () { api.setLocal({ date: date.value }); });
    row.appendChild(field(W.date, date));
    var pid = control("input", "s-id", null, state.id);
    pid.type = "text";
    pid.addEventListener("input", function () { api.setLocal({ id: pid.value }); });
    row.appendChild(field(W.profile_id, pid));
    var pt = control("input", "s-title", null, state.title);
    pt.type = "text";
    pt.addEventListener("input", function () { api.setLocal({ title: pt.value }); });
    row.appendChild(field(W.profile_title, pt));
    panel.appendChild(row);
    panel.appendChild(make("p", null, W.extends_model + ": " + S.extends));
    var dl = make("button", "primary", W.download);
    dl.type = "button";
    dl.id = "s-download";
    dl.addEventListener("click", download);
    panel.appendChild(dl);
    var note = make("p", "session-message");
    note.id = "s-download-note";
    note.setAttribute("role", "alert");
    panel.appendChild(note);
    var file = control("input", "s-load", null);
    file.type = "file";
    file.accept = ".yaml,.yml,text/yaml";
    file.addEventListener("change", function () {
      var f = file.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () {
        try { loadProfile(String(reader.result)); say(W.loaded + " " + f.name); } catch (err) { say(W.load_failed + " (" + f.name + "): " + err.message); }
        file.value = "";
      };
      reader.readAsText(f);
    });
    panel.appendChild(field(W.load, file, "wide"));
  }
  // a tab's controls are made when it is first shown in session mode (a map of thousands of
  // barriers opens as fast as without the session), and made again after a restore or a load
  var RENDER = [renderBarriers, renderPartners, renderPhases, renderActions, renderChecklist, renderSave];
  var made = [];
  var current = 0;
  function ensure(k) {
    if (!on || made[k]) return;
    made[k] = true;
    tabs[k].panel.textContent = "";
    RENDER[k](tabs[k].panel);
    updateGaps();
  }
  function render() {
    made = [];
    ensure(current);
  }
  function say(text) { message.textContent = text; }

  function download() {
    if (offer) { refuse($("s-download")); return; }
    var text;
    try { text = profileYaml(); } catch (err) { say(err.message); showTab(5); $(blank(state.area) ? "s-area" : "s-date").focus(); return; }
    var blob = new Blob([text], { type: "application/yaml" });
    var a = make("a");
    a.href = URL.createObjectURL(blob);
    a.download = profileId() + ".yaml";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
    saved = snapshot(state);
    persist();
    say(W.downloaded + ": " + a.download);
  }

  function updateGaps() {
    var gaps = localGaps();
    gapsLine.textContent = "";
    if (!gaps.length) gapsLine.textContent = W.local_gaps_none;
    else {
      gapsLine.appendChild(make("strong", null, W.local_gaps + " (" + gaps.length + "): "));
      gapsLine.appendChild(modelText(make("span", null, gaps.map(function (p) { return nameOf("phase", p); }).join(" · "))));
    }
    lists().phases.forEach(function (p) {
      var m = $("s-phase-gap-" + p.id);
      if (m) m.textContent = gaps.indexOf(p.id) >= 0 ? "⚠ " + W.local_open : "✔ " + W.local_covered;
    });
  }
  function changed() {
    persist();
    if (gapsLine) updateGaps();
    MAP.refresh();
  }
  function setOn(value) {
    on = value;
    if (on) { legend(); ensure(current); }
    section.hidden = !on;
    $("session-toggle").setAttribute("aria-pressed", on ? "true" : "false");
    document.querySelector(".local-filter").hidden = !(on || S.profile);
    placeOffer();
    MAP.refresh();
    if (on) (offer ? $("session-restore-yes") : $("session-title")).focus();
  }

  // -- nothing is lost: the browser keeps unsaved work; leaving asks first -------------------------
  // While the offer to restore kept work is unanswered, nothing is edited or downloaded: either
  // would write over the kept work (or download a profile without it) before the room chose.
  var offer = null;  // the offer's box, while it waits for an answer
  function askFirst() {
    if (!offer) return;
    var err = new Error(W.restore_first);
    err.offer = true;
    throw err;
  }
  // the offer stands where the facilitator works: in the session when it is open
  function placeOffer() {
    if (!offer) return;
    if (on) section.insertBefore(offer, $("session-title").nextSibling);
    else document.querySelector("header.top").appendChild(offer);
  }
  // an edit or a download tried while the offer waits: refused, said, and the offer focused
  function refuse(target) {
    render();  // the controls show the state again, not what was just typed
    var note = target && target.id === "s-download" ? $("s-download-note") : null;
    if (note) note.textContent = W.restore_first;
    else say(W.restore_first);
    $("session-restore-yes").focus();
  }
  function guardPanels() {
    function stop(ev) {
      if (!offer || !ev.target.closest || !ev.target.closest(".session-panel")) return;
      if (ev.type === "click" && !ev.target.closest("button")) return;
      ev.preventDefault();
      ev.stopPropagation();
      refuse(ev.target.closest("button") || ev.target);
    }
    ["input", "change", "submit", "click"].forEach(function (type) { section.addEventListener(type, stop, true); });
  }
  function offerRestore() {
    var stored;
    try { stored = JSON.parse(localStorage.getItem(STORE) || "null", noProto); } catch (e) { stored = null; }
    if (!isMap(stored) || !isMap(stored.state)) return;
    if (stored.version !== VERSION) {
      // kept by a page that kept its state otherwise: restored here it would write that
      // page's (older) form of the profile's own file, so it is left alone, and said
      var old = make("p", "session-restore", W.restore_old);
      old.id = "session-restore-old";
      old.setAttribute("role", "status");
      document.querySelector("header.top").appendChild(old);
      return;
    }
    var kept = decode(stored.state, stored.numbers);
    if (snapshot(kept) === saved) return;
    var box = make("div", "session-restore");
    box.id = "session-restore";
    box.setAttribute("role", "region");
    box.setAttribute("aria-labelledby", "session-restore-text");
    var p = make("p", null, W.restore_prompt);
    p.id = "session-restore-text";
    box.appendChild(p);
    var yes = make("button", "primary", W.restore);
    yes.type = "button";
    yes.id = "session-restore-yes";
    var no = make("button", null, W.discard);
    no.type = "button";
    no.id = "session-restore-no";
    box.appendChild(yes);
    box.appendChild(no);
    function answered() {
      offer = null;
      box.remove();
      var note = $("s-download-note");
      if (note) note.textContent = "";
    }
    yes.addEventListener("click", function () {
      answered();
      state = Object.assign(initial(), kept);
      render();
      changed();
      setOn(true);
      say(W.restored);
    });
    no.addEventListener("click", function () {
      answered();
      try { localStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
      say(W.discarded);
      $(on ? "session-title" : "session-toggle").focus();
    });
    offer = box;
    placeOffer();
  }
  window.addEventListener("beforeunload", function (ev) {
    if (!unsaved()) return;
    ev.preventDefault();
    ev.returnValue = "";
  });

  build();
  guardPanels();
  updateGaps();
  MAP.refresh();
  offerRestore();
  MAP.session = api;
  if (S.start) MAP.ready.then(function () { setOn(true); });
})();
