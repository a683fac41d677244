"""The benchmark: ratios measured in one run, so that they hold on a noisy machine.

    python tests/bench/run.py            # about 4 minutes on 2 cores; writes results.md
    python tests/bench/run.py --skip-browser --no-write

Every figure that has a target is a ratio of two timings taken in the same run, interleaved
round by round (A B A B ...), and the median of the rounds is kept. Ratios are judged on CPU
time (user + system, from the kernel's accounts of each finished child process), which other
work on a shared machine hardly moves; wall-clock ratios are shown beside them. The browser
figures are wall-clock times inside the page (``performance.now()``). What is measured:

1. start-up: ``barriers gaps`` on a small model against ``python -c "import yaml, networkx,
   click"``; and which modules the analysis commands import (never pyvis, IPython, openpyxl,
   jinja2);
2. load + validate + analyse a 20,000-intervention model (``barriers gaps``) against the bare
   ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same file: without the cache, with an
   empty cache (first run) and with a warm one; with a breakdown of where the time goes; and
   the warm run on a text-light model of the same size (ids, names, links only), where the
   analyses' own cost shows;
3. ``routes``, ``cover`` and ``whatif`` at 2k, 5k and 20k interventions, and the growth
   exponent fitted to them; ``routes`` and ``report`` on straight chains of 10k, 40k and 100k
   phases (half as many barriers, one partner): CPU time and peak memory of each run, and
   the growth exponents of both (issue 10, item 12);
4. ``barriers map`` of the 20k model against the parse; the time until the page's
   ``window.barriersMap.ready`` in headless Chromium for the bundled models and a 5,000-node
   map, beside pyvis's default physics layout of the same graph.

Nothing here touches the user's cache: every run uses its own ``BARRIERS_CACHE_DIR``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import gc
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from generate import generate_chain, generate_model  # noqa: E402

PY = sys.executable
_SCRIPT = Path(PY).parent / "barriers"
BARRIERS = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "barriers"]
SMALL_MODEL = ROOT / "tests" / "data" / "example.yaml"
FORBIDDEN = ("pyvis", "IPython", "openpyxl", "jinja2")
BASELINE_IMPORT = "import yaml, networkx, click"
BARE_PARSE = (
    "import sys, yaml; "
    "yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SIZES = (2000, 5000, 20000)  # interventions; partners a tenth of that, 40 phases
CHAIN_SIZES = (10_000, 40_000, 100_000)  # phases of a straight chain; half as many barriers


# -- results -------------------------------------------------------------------------------------


@dataclass
class Row:
    section: str
    what: str
    value: str
    target: str = ""
    verdict: str = ""  # PASS, FAIL or "" (for information)


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    breakdown: list[tuple[str, float]] = field(default_factory=list)

    def add(
        self, section: str, what: str, value: str, target: str = "", ok: bool | None = None
    ) -> None:
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        row = Row(section, what, value, target, verdict)
        self.rows.append(row)
        mark = f"  [{verdict}]" if verdict else ""
        aim = f"  (target {target})" if target else ""
        print(f"  {what}: {value}{aim}{mark}", flush=True)

    def ratio(self, section: str, what: str, num: Timing, den: Timing, limit: float) -> None:
        """A ratio judged on CPU time (what other processes do cannot inflate it), wall beside."""
        r = num.cpu / den.cpu
        value = (
            f"{r:.2f}× CPU ({num.cpu:.3f} s / {den.cpu:.3f} s); "
            f"wall {num.wall / den.wall:.2f}× ({num.wall:.3f} s / {den.wall:.3f} s)"
        )
        self.add(section, what, value, f"≤ {limit}×", r <= limit)


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system time of the process measured


def median(values: list[float]) -> float:
    return statistics.median(values)


# -- timing helpers ------------------------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(cmd: list[str], env: dict[str, str], *, expect: tuple[int, ...] = (0,)) -> Timing:
    """Wall and CPU time of a command (CPU: from the kernel's accounts of finished children)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode not in expect:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr.decode()}")
    return Timing(wall, _children_cpu() - cpu)


def interleaved(cases: dict[str, Callable[[], Timing]], rounds: int) -> dict[str, Timing]:
    """Median wall and CPU time of each case over ``rounds``, the cases taking turns."""
    times: dict[str, list[Timing]] = {name: [] for name in cases}
    names = list(cases)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:  # order rotated
            times[name].append(cases[name]())
    return {
        name: Timing(median([t.wall for t in ts]), median([t.cpu for t in ts]))
        for name, ts in times.items()
    }


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median CPU time of ``fn`` over ``repeat`` calls (garbage collector off, as timeit
    does), and its last result."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            result = fn()
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return median(times), result


def env_with(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BARRIERS_")}
    env.update(extra)
    if "BARRIERS_CACHE_DIR" in env:  # the cache's key beside it, never the user's own
        env["BARRIERS_CACHE_KEY"] = env["BARRIERS_CACHE_DIR"] + "-key/cache-key"
    return env


# -- machine -------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import networkx
    import pydantic
    import yaml

    info = {
        "CPU": cpu,
        "cores": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"),
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
        "PyYAML": f"{yaml.__version__} (libyaml: {'yes' if yaml.__with_libyaml__ else 'no'})",
        "pydantic": pydantic.VERSION,
        "networkx": networkx.__version__,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30)
        info["Chromium"] = out.stdout.strip() or "?"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
        info["barriers commit"] = commit or "?"
    return info


# -- 1. start-up ---------------------------------------------------------------------------------


def imported_modules(args: list[str], env: dict[str, str]) -> set[str] | None:
    """Top-level names of the modules ``barriers ARGS`` imports (``python -X importtime``).

    None when the command failed (e.g. it does not exist yet).
    """
    entry = ["-m", "barriers"] if BARRIERS[0] == PY else [BARRIERS[0]]
    cmd = [PY, "-X", "importtime", *entry, *args]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":
                names.add(name.split(".")[0])
    return names


def startup(res: Results, work: Path, rounds: int) -> None:
    print("\n1. start-up", flush=True)
    env = env_with(BARRIERS_CACHE_DIR=str(work / "cache-startup"))
    gaps = [*BARRIERS, "gaps", str(SMALL_MODEL)]
    run_timed(gaps, env)  # fill the cache, as a second run by a user would find it
    t = interleaved(
        {
            "gaps": lambda: run_timed(gaps, env),
            "baseline": lambda: run_timed([PY, "-c", BASELINE_IMPORT], env),
        },
        rounds,
    )
    res.ratio(
        "start-up",
        "`barriers gaps` (small model) / `import yaml, networkx, click`",
        t["gaps"],
        t["baseline"],
        1.3,
    )
    for command in (["gaps"], ["routes"], ["cover"], ["whatif", "--without", "politie"]):
        mods = imported_modules([*command, str(SMALL_MODEL)], env)
        if mods is None:
            res.add("start-up", f"`barriers {command[0]}` imports", "command failed", "", False)
            continue
        heavy = sorted(m for m in FORBIDDEN if m in mods)
        res.add(
            "start-up",
            f"`barriers {command[0]}` imports none of {', '.join(FORBIDDEN)}",
            ", ".join(heavy) if heavy else f"none ({len(mods)} top-level modules)",
            "none",
            not heavy,
        )


# -- 2. load + validate + analyse ----------------------------------------------------------------


def breakdown(res: Results, path: Path) -> Any:
    """Where the time of a cold load goes, stage by stage (in this process, one run)."""
    import yaml

    from barriers import analysis, loader
    from barriers.graph import build_graph
    from barriers.resolve import resolve_documents

    stages: list[tuple[str, float]] = []

    def stage(name: str, fn: Callable[[], Any]) -> Any:
        gc.collect()  # each stage pays for its own garbage, not for an earlier stage's
        start = time.process_time()
        value = fn()
        stages.append((name, time.process_time() - start))
        return value

    def paused(fn: Callable[[], Any]) -> Callable[[], Any]:
        def call() -> Any:
            gc.disable()
            try:
                return fn()
            finally:
                gc.enable()

        return call

    text = stage("read + decode the file", lambda: loader.read_text(path))
    stage("bare yaml.load (CSafeLoader), for comparison", lambda: yaml.load(text, yaml.CSafeLoader))
    stage(
        "  of which yaml.compose (libyaml), for comparison",
        lambda: yaml.compose(text, Loader=yaml.CSafeLoader),
    )
    stage(
        "bare yaml.load with the cyclic garbage collector paused, for comparison",
        paused(lambda: yaml.load(text, yaml.CSafeLoader)),
    )
    doc = stage("loader: compose + strict walk", lambda: loader.parse_document(text, path, "m"))
    model, _ = stage("overlay + pydantic validation + references", lambda: resolve_documents([doc]))
    graph = stage("build_graph", lambda: build_graph(model))
    stage("gaps (from the graph)", lambda: analysis.gaps(graph))
    json_text = stage("cache: model_dump_json", model.model_dump_json)
    stage("cache: model_validate_json", lambda: type(model).model_validate_json(json_text))
    res.breakdown = stages
    times = dict(stages)
    on = times["bare yaml.load (CSafeLoader), for comparison"]
    off = times["bare yaml.load with the cyclic garbage collector paused, for comparison"]
    res.notes.append(
        f"Python's cyclic garbage collector takes {100 * (on - off) / on:.0f} % of the bare "
        f"`yaml.load` of the 20k model here ({on:.2f} s CPU, {off:.2f} s with it paused): "
        "a loader that pauses it while it builds the model beats the bare parse by far."
    )
    print("\n  where a cold load goes (CPU seconds, in-process, one run):")
    for name, sec in stages:
        print(f"  {sec:8.3f}  {name}")
    return model


def load_validate(res: Results, work: Path, big: Path, rounds: int) -> Timing:
    print("\n2. load + validate + analyse, 20,000 interventions", flush=True)
    bare = [PY, "-c", BARE_PARSE, str(big)]
    gaps = [*BARRIERS, "gaps", str(big)]
    out = work / "map20k.html"
    map_cmd = [*BARRIERS, "map", str(big), "-o", str(out)]
    warm_env = env_with(BARRIERS_CACHE_DIR=str(work / "cache-warm"))
    run_timed(gaps, warm_env)  # fill it
    nocache = env_with(BARRIERS_NO_CACHE="1", BARRIERS_CACHE_DIR=str(work / "cache-off"))
    counter = iter(range(10_000))

    def cold() -> Timing:  # a fresh, empty cache each time: the first run after a change
        return run_timed(gaps, env_with(BARRIERS_CACHE_DIR=str(work / f"cold-{next(counter)}")))

    cases: dict[str, Callable[[], Timing]] = {
        "parse": lambda: run_timed(bare, nocache),
        "gaps-nocache": lambda: run_timed(gaps, nocache),
        "gaps-cold": cold,
        "gaps-warm": lambda: run_timed(gaps, warm_env),
    }
    has_map = subprocess.run([*BARRIERS, "map", "--help"], capture_output=True).returncode == 0
    if has_map:
        cases["map-nocache"] = lambda: run_timed(map_cmd, nocache)
    t = interleaved(cases, rounds)
    if has_map:
        t["map-warm"] = run_timed(map_cmd, warm_env)
    s = "load 20k"
    p = t["parse"]
    res.add(
        s,
        "bare parse: `python -c yaml.load(..., CSafeLoader)`",
        f"{p.cpu:.3f} s CPU, {p.wall:.3f} s wall",
    )
    res.ratio(s, "`barriers gaps`, cache off / bare parse", t["gaps-nocache"], t["parse"], 1.3)
    res.ratio(
        s, "`barriers gaps`, empty cache (first run) / bare parse", t["gaps-cold"], t["parse"], 1.3
    )
    res.ratio(s, "`barriers gaps`, warm cache / bare parse", t["gaps-warm"], t["parse"], 0.3)
    light_warm(res, work, rounds)
    if has_map:
        res.ratio(
            "map", "`barriers map` 20k, cache off / bare parse", t["map-nocache"], t["parse"], 3.0
        )
        r = t["map-warm"].cpu / t["parse"].cpu
        res.add("map", "`barriers map` 20k, warm cache / bare parse (one run)", f"{r:.2f}× CPU")
        res.add("map", "size of the 20k map", f"{out.stat().st_size / 1e6:.1f} MB")
    else:
        res.add("map", "`barriers map` 20k", "not measured: no `map` command yet", "≤ 3×", False)
    return t["parse"]


def light_warm(res: Results, work: Path, rounds: int) -> None:
    """Warm ``gaps`` on the text-light 20k model (ids, names, links): what is left beside the
    parse is the analyses' own cost, so this ratio shows it."""
    light = work / "synthetic-20000-light.yaml"
    light.write_text(generate_model(20000, 2000, 40, seed=1, text=False), encoding="utf-8")
    bare = [PY, "-c", BARE_PARSE, str(light)]
    gaps = [*BARRIERS, "gaps", str(light)]
    warm_env = env_with(BARRIERS_CACHE_DIR=str(work / "cache-light"))
    nocache = env_with(BARRIERS_NO_CACHE="1", BARRIERS_CACHE_DIR=str(work / "cache-off"))
    run_timed(gaps, warm_env)  # fill it
    t = interleaved(
        {"parse": lambda: run_timed(bare, nocache), "warm": lambda: run_timed(gaps, warm_env)},
        rounds,
    )
    res.ratio(
        "load 20k",
        "`barriers gaps`, warm cache / bare parse, text-light",
        t["warm"],
        t["parse"],
        0.15,
    )


# -- 3. growth of the analyses -------------------------------------------------------------------


def growth(res: Results, work: Path, models: dict[int, Any], repeat: int) -> None:
    print("\n3. routes, cover, whatif: growth with the model's size", flush=True)
    import networkx as nx

    from barriers import analysis
    from barriers.graph import build_graph

    timings: dict[str, dict[int, float]] = {"routes": {}, "cover": {}, "whatif": {}}
    reference: dict[int, float] = {}
    for n, model in models.items():
        # The reference: networkx building a DiGraph of the same nodes and edges from ready
        # lists. Its growth is what any analysis over such a graph pays at the least.
        graph = build_graph(model, fields=False)
        nodes, edges = list(graph.nodes(data=True)), list(graph.edges(data=True))

        def bare_graph(nodes: Any = nodes, edges: Any = edges) -> nx.DiGraph:
            bare = nx.DiGraph()
            bare.add_nodes_from(nodes)
            bare.add_edges_from(edges)
            return bare

        reference[n], _ = best_of(bare_graph, repeat)
        res.add(
            "growth",
            f"reference: networkx builds the graph at {n:,} interventions",
            f"{reference[n]:.3f} s CPU",
        )
        partners = [p.id for p in model.partners]
        without = partners[:: max(1, len(partners) // 5)][:5]  # five partners spread over the band
        calls: dict[str, Callable[[], Any]] = {
            "routes": functools.partial(analysis.routes, model),
            "cover": functools.partial(analysis.cover, model),
            "whatif": functools.partial(analysis.whatif, model, without),
        }
        for name, fn in calls.items():
            timings[name][n], answer = best_of(fn, repeat)
            extra = ""
            if name == "cover":
                extra = f", {len(answer['partners'])} partners, optimal={answer['optimal']}"
            if name == "routes":
                extra = f", {answer['count']} routes in all"
            res.add(
                "growth", f"{name} at {n:,} interventions", f"{timings[name][n]:.3f} s CPU{extra}"
            )
    # Near-linear: no worse than 1.2, or than networkx's own growth on this machine (its
    # graph of 20,000 interventions outgrows the CPU caches, so even it measures above 1)
    # plus 0.1.
    base = fit_exponent(reference)
    limit = max(1.2, base + 0.1)
    res.add("growth", "reference: networkx graph building, growth exponent", f"k = {base:.2f}")
    for name, by_size in timings.items():
        exponent = fit_exponent(by_size)
        res.add(
            "growth",
            f"{name}: growth exponent (time ∝ n^k), 2k→20k",
            f"k = {exponent:.2f}",
            f"≤ {limit:.2f} (max of 1.2 and networkx's k + 0.1)",
            exponent <= limit,
        )


# Runs the command given as its arguments and prints the CPU seconds and peak memory (KiB)
# of that command alone. A wrapper, because a child forked from this (big) process counts
# this process's memory in its peak until it execs; the wrapper's own child does not.
_MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(u.ru_utime + u.ru_stime, u.ru_maxrss); sys.exit(code)"
)


def run_child(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds and peak memory (MB) of one run of ``cmd``, from the kernel's accounts of
    that process alone."""
    proc = subprocess.run([PY, "-c", _MEASURE, *cmd], env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr}")
    cpu, peak = proc.stdout.split()
    return float(cpu), float(peak) / 1024


def chain_growth(res: Results, work: Path) -> None:
    """``routes`` and ``report`` on straight chains of 10k, 40k and 100k phases (half as many
    barriers, one partner; issue 10's worst case), each run once in its own process with a
    warm cache: CPU time and peak memory, and the growth exponents of both."""
    print("\n3b. routes and report on long chains", flush=True)
    env = env_with(BARRIERS_CACHE_DIR=str(work / "cache-chain"))
    cpu: dict[str, dict[int, float]] = {"routes": {}, "report": {}}
    memory: dict[str, dict[int, float]] = {"routes": {}, "report": {}}
    for n in CHAIN_SIZES:
        path = work / f"chain-{n}.yaml"
        path.write_text(generate_chain(n, n // 2, 1), encoding="utf-8")
        run_timed([*BARRIERS, "validate", str(path)], env)  # fill the cache
        for name in cpu:
            out = work / f"chain-{n}-{name}.txt"
            cpu[name][n], memory[name][n] = run_child(
                [*BARRIERS, name, str(path), "-o", str(out)], env
            )
            res.add(
                "chain",
                f"`barriers {name}`, chain of {n:,} phases, {n // 2:,} barriers, 1 partner",
                f"{cpu[name][n]:.2f} s CPU, {memory[name][n]:.0f} MB peak",
            )
    for name in cpu:
        for label, points in (("time", cpu[name]), ("peak memory", memory[name])):
            k = fit_exponent(points)
            res.add(
                "chain",
                f"{name}: growth exponent of {label} (∝ n^k), 10k→100k phases",
                f"k = {k:.2f}",
                "≤ 1.2 (linear or n log n)",
                k <= 1.2,
            )


def fit_exponent(points: dict[int, float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs = [math.log(n) for n in points]
    ys = [math.log(max(t, 1e-6)) for t in points.values()]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


# -- 4. the map in the browser -------------------------------------------------------------------

READY_HOOK = """
(() => {
  let value;
  Object.defineProperty(window, "barriersMap", {
    configurable: true,
    enumerable: true,
    get() { return value; },
    set(v) {
      value = v;
      if (v && v.ready && typeof v.ready.then === "function") {
        v.ready.then(() => { window.__benchReady = performance.now(); });
      }
    },
  });
})();
"""
# Told through the console, which reaches Python even while the page's main thread is busy
# (pyvis's physics can keep it busy for minutes: evaluating in the page would wait for it).
PYVIS_HOOK = """
["afterDrawing", "stabilizationIterationsDone", "stabilized"].forEach(function (name) {
  network.once(name, function () { console.log("__bench " + name + " " + performance.now()); });
});
"""


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def open_page(b: Any, url: str, blocked: list[str]) -> tuple[Any, Any]:
    context = b.new_context(viewport={"width": 1400, "height": 900})

    def abort(route: Any) -> None:
        blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^https?://"), abort)
    page = context.new_page()
    return context, page


def time_ready(b: Any, path: Path, cap: float) -> tuple[float | None, list[str]]:
    """Milliseconds from navigation to ``window.barriersMap.ready`` (None past ``cap``)."""
    blocked: list[str] = []
    context, page = open_page(b, path.as_uri(), blocked)
    try:
        page.add_init_script(READY_HOOK)
        page.goto(path.as_uri(), wait_until="load", timeout=cap * 1000)
        page.wait_for_function("window.__benchReady !== undefined", timeout=cap * 1000)
        return float(page.evaluate("window.__benchReady")), blocked
    except Exception as exc:  # a timeout or a page that never defines barriersMap
        print(f"    ! {path.name}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        return None, blocked
    finally:
        context.close()


def pyvis_page(model: Any, folder: Path) -> Path:
    """pyvis's default network of the model's graph, inline resources, with a timing hook."""
    from pyvis.network import Network

    from barriers.graph import build_graph

    graph = build_graph(model)
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=str(data["name"]), group=data["kind"])
    # Edges appended as pyvis's add_edge would make them, without its O(nodes) check per edge.
    net.edges.extend({"from": u, "to": v, "arrows": "to"} for u, v in graph.edges())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"pyvis-{model.id}.html"
    old = Path.cwd()
    os.chdir(folder)  # pyvis may write a lib/ folder into the working directory
    try:
        html = net.generate_html(notebook=False)
    finally:
        os.chdir(old)
    marker = "drawGraph();"
    at = html.rindex(marker) + len(marker)
    path.write_text(html[:at] + "\n" + PYVIS_HOOK + html[at:], encoding="utf-8")
    return path


def time_pyvis(b: Any, path: Path, cap: float) -> dict[str, float | None]:
    """Milliseconds to pyvis's first drawing and to 'stabilized' (None: not within ``cap``)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    blocked: list[str] = []
    seen: dict[str, float] = {}

    def record(message: Any) -> None:
        parts = message.text.split()
        if len(parts) == 3 and parts[0] == "__bench":
            seen.setdefault(parts[1], float(parts[2]))

    context, page = open_page(b, path.as_uri(), blocked)
    page.on("console", record)
    deadline = time.monotonic() + cap
    try:
        page.goto(path.as_uri(), wait_until="commit", timeout=cap * 1000)
        while "stabilized" not in seen and (left := deadline - time.monotonic()) > 0:
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_event("console", timeout=max(1.0, left * 1000))
        return {k: seen.get(k) for k in ("afterDrawing", "stabilized")}
    finally:
        context.close()


def browser_times(
    res: Results, work: Path, big_nodes: Path, repeat: int, caps: tuple[int, int]
) -> None:
    print("\n4. the map in headless Chromium", flush=True)
    from barriers import load_model
    from barriers.catalog import bundled_dir, model_paths

    maps: list[tuple[str, Path, Any]] = []
    env = env_with(BARRIERS_CACHE_DIR=str(work / "cache-maps"))
    for model_file in model_paths():
        if model_file.parent != bundled_dir():
            continue
        loaded = load_model(model_file, use_cache=False)
        out = work / "maps" / f"{loaded.model.id}.html"
        run_timed([*BARRIERS, "map", str(model_file), "-o", str(out)], env)
        maps.append((loaded.model.id, out, loaded.model))
    five = load_model(big_nodes, use_cache=False).model
    n_nodes = len(five.phases) + len(five.partners) + len(five.interventions)
    out = work / "maps" / "synthetic-5000.html"
    run_timed([*BARRIERS, "map", str(big_nodes), "-o", str(out)], env)
    maps.append((f"synthetic, {n_nodes:,} nodes", out, five))
    with browser() as b:
        for label, path, model in maps:
            big = model is five
            times, blocked = [], []
            for _ in range(repeat):
                ms, requests = time_ready(b, path, cap=60)
                blocked += requests
                if ms is not None:
                    times.append(ms)
            limit = 5000 if big else 1000
            if times:
                value = median(times)
                res.add(
                    "browser",
                    f"`barriers map` ready: {label}",
                    f"{value:.0f} ms",
                    f"≤ {limit} ms",
                    value <= limit,
                )
            else:
                res.add("browser", f"`barriers map` ready: {label}", "never ready", "", False)
            res.add(
                "browser",
                f"network requests attempted: {label}",
                str(len(blocked)),
                "0",
                not blocked,
            )
        for label, _, model in [maps[0], maps[-1]]:
            cap = caps[1] if model is five else caps[0]
            page = pyvis_page(model, work / "pyvis")
            got = time_pyvis(b, page, cap)
            drawn, settled = got["afterDrawing"], got["stabilized"]
            text = (
                f"first drawn {drawn:.0f} ms" if drawn is not None else f"not drawn within {cap} s"
            )
            text += ", " + (
                f"stabilized {settled:.0f} ms"
                if settled is not None
                else f"not stabilized within the {cap} s cap"
            )
            res.add("browser", f"pyvis default physics: {label}", text)


# -- output --------------------------------------------------------------------------------------


def markdown(res: Results, info: dict[str, str], seconds: float) -> str:
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python tests/bench/run.py` on {when} in {seconds:.0f} s. Ratios are medians "
        "of interleaved rounds taken in the same run; see the README beside this file.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        "## Figures",
        "",
        "| section | measure | value | target | result |",
        "|---|---|---|---|---|",
        *[
            f"| {r.section} | {r.what.replace('|', '/')} | {r.value} | {r.target} | {r.verdict} |"
            for r in res.rows
        ],
    ]
    if res.breakdown:
        lines += [
            "",
            "## Where a cold load of the 20k model goes (one run, in-process)",
            "",
            "| stage | CPU seconds |",
            "|---|---|",
            *[f"| {name} | {sec:.3f} |" for name, sec in res.breakdown],
        ]
    if res.notes:
        lines += ["", "## Notes", "", *[f"- {n}" for n in res.notes]]
    verdicts = [r.verdict for r in res.rows if r.verdict]
    lines += [
        "",
        f"**{verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL.**",
        "",
    ]
    return "\n".join(lines)


def print_table(res: Results) -> None:
    rows = [(r.section, r.what, r.value, r.target, r.verdict) for r in res.rows]
    heads = ("section", "measure", "value", "target", "result")
    widths = [min(70, max(len(str(x)) for x in col)) for col in zip(heads, *rows, strict=False)]
    print()
    for row in (heads, *rows):
        print("  ".join(str(x)[:70].ljust(w) for x, w in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the barriers benchmark (ratios).")
    parser.add_argument("--rounds", type=int, default=3, help="rounds for the big timings")
    parser.add_argument("--startup-rounds", type=int, default=11)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-chain", action="store_true", help="no long-chain growth table")
    parser.add_argument("--pyvis-cap", type=int, default=60, help="seconds, the 5,000-node graph")
    parser.add_argument("--no-write", action="store_true", help="print only; no results.md")
    parser.add_argument("-o", "--output", default=str(HERE / "results.md"))
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    info = machine()
    print("machine: " + "; ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    res = Results()
    with tempfile.TemporaryDirectory(prefix="barriers-bench-") as tmp:
        work = Path(tmp)
        startup(res, work, args.startup_rounds)

        files = {}
        for n in SIZES:
            files[n] = work / f"synthetic-{n}.yaml"
            files[n].write_text(generate_model(n, n // 10, 40, seed=1), encoding="utf-8")
        big = files[SIZES[-1]]
        size = big.stat().st_size
        res.notes.append(
            f"The 20k model: 20,000 interventions, 2,000 partners, 40 phases, "
            f"{size / 1e6:.1f} MB of YAML (`generate.py --interventions 20000 --partners 2000 "
            "--phases 40 --seed 1`)."
        )
        load_validate(res, work, big, args.rounds)
        model20k = breakdown(res, big)
        from barriers import load_model

        models = {n: load_model(files[n], use_cache=False).model for n in SIZES[:-1]}
        models[SIZES[-1]] = model20k
        growth(res, work, models, args.rounds)
        if not args.skip_chain:
            chain_growth(res, work)

        if not args.skip_browser:
            five = work / "synthetic-5000-nodes.yaml"
            five.write_text(generate_model(4500, 460, 40, seed=2), encoding="utf-8")
            browser_times(res, work, five, args.rounds, (30, args.pyvis_cap))
    seconds = time.perf_counter() - started
    text = markdown(res, info, seconds)
    if not args.no_write:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"\nwrote {args.output}")
    print_table(res)
    failed = [r for r in res.rows if r.verdict == "FAIL"]
    print(f"\n{len(res.rows)} figures, {len(failed)} FAIL, in {seconds:.0f} s")
    return 1 if (args.check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
