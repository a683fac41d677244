"""Synthetic, valid barrier models of any size, for the benchmark and for tests.

The models look like the bundled ones, only bigger: a phase sequence with branches (a DAG
written with ``next``), partners that each work around a few neighbouring phases, and
interventions that carry every field the format knows (descriptions as folded blocks,
legal bases, techniques, target groups, sources). A few phases are left without any
intervention so that ``gaps`` has something to report. The same arguments always give the
same text.

    python tests/bench/generate.py --interventions 20000 --partners 2000 --phases 40 \\
        --seed 1 -o /tmp/big.yaml

From Python: ``generate_model(interventions=2000, partners=200, phases=40, seed=1)``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from barriers.techniques import TECHNIQUE_IDS

# Words with no special meaning to YAML 1.1 (no yes/no/on/off/null...), so plain scalars are safe.
_VOCABULARY = (
    "jongeren ouders school gemeente politie zorg wijkteam horeca hotel taxi bank platform "
    "melding signalering toezicht voorlichting training netwerk overleg casus aanpak "
    "slachtoffer dader ronselen contact vertrouwen afhankelijkheid isolatie vervoer locatie "
    "advertentie geld betaling controle vergunning opvang nazorg hulpverlening weerbaarheid "
    "sociale media chat telefoon verlof instelling jeugdzorg leerplicht straat uitgaansleven "
    "huisvesting verhuur registratie screening camera ketenpartners samenwerking regie"
)
_WORDS = tuple(_VOCABULARY.split())
_SECTORS = ("overheid", "zorg", "onderwijs", "veiligheid", "private sector", "maatschappelijk")
_TYPES = ("preventie", "zorg", "bestuurlijk", "strafrechtelijk", "financieel", "toezicht")
_STATUSES = ("regular", "example", "pilot", "promising")
_LAWS = (
    "art. 273f Sr",
    "Wet Bibob",
    "Jeugdwet",
    "Wet maatschappelijke ondersteuning 2015",
    "Wwft",
    "Algemene Plaatselijke Verordening",
    "Gemeentewet art. 174",
    "Wet op het voortgezet onderwijs",
)
_ABOUT = ("victim", "offender", "other")
_AWARENESS = ("knowing", "unknowing", "both")
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()/-]*[A-Za-z0-9.)]$")


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else single-quoted."""
    if _PLAIN.match(text) and ": " not in text and " #" not in text:
        return text
    return "'" + text.replace("'", "''") + "'"


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 6, high: int = 14) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def folded(self, indent: str, key: str, sentences: int) -> None:
        """A ``key: >-`` block of a few sentences wrapped at about 90 columns."""
        text = " ".join(self.sentence() for _ in range(sentences))
        self.add(f"{indent}{key}: >-")
        line = ""
        for word in text.split():
            if line and len(line) + 1 + len(word) > 90:
                self.add(f"{indent}  {line}")
                line = word
            else:
                line = f"{line} {word}" if line else word
        if line:
            self.add(f"{indent}  {line}")


def _phase_successors(rng: random.Random, count: int) -> list[list[int] | None]:
    """Per phase, its explicit successors (``None``: the next in the list, implicitly).

    Every edge points forward in the file, so the sequence is acyclic. Some phases branch
    to two or three later phases, and a few are end phases in the middle of the list (the
    phase after such an end starts a route of its own).
    """
    result: list[list[int] | None] = []
    for i in range(count):
        if i == count - 1:
            result.append([] if rng.random() < 0.5 else None)
        elif i > 0 and i < count - 2 and rng.random() < 0.04:
            result.append([])
        elif i + 2 < count and rng.random() < 0.3:
            later = range(i + 2, min(count, i + 5))
            extra = rng.sample(later, k=min(rng.randint(1, 2), len(later)))
            result.append(sorted({i + 1, *extra}))
        else:
            result.append(None)
    return result


def generate_model(
    interventions: int = 2000,
    partners: int = 200,
    phases: int = 40,
    *,
    seed: int = 1,
    model_id: str | None = None,
    uncovered: int | None = None,
    text: bool = True,
) -> str:
    """The YAML text of a valid synthetic model with the given numbers of items.

    ``uncovered`` phases (default: one in twenty, at least one when there are three or more
    phases) get no intervention. Every partner raises an intervention when there are at
    least as many interventions as partners, and every source is cited. With ``text=False``
    the model is text-light: ids, names and links only (no descriptions, signals, legal
    bases, target groups or sources), so that reading it costs little beside the analyses.

    >>> text = generate_model(interventions=30, partners=5, phases=6, seed=3)
    >>> text == generate_model(interventions=30, partners=5, phases=6, seed=3)
    True
    """
    if phases < 1 or partners < 1 or interventions < 0:
        raise ValueError("a model needs at least one phase and one partner")
    rng = random.Random(seed)
    w = _Writer(rng)
    mid = model_id or f"synthetic-{interventions}-{partners}-{phases}-s{seed}"
    n_sources = max(3, min(400, interventions // 50))
    if uncovered is None:
        uncovered = max(1, phases // 20) if phases >= 3 else 0
    uncovered = min(uncovered, max(0, phases - 1))
    phase_ids = [f"fase-{i + 1:03d}" for i in range(phases)]
    partner_ids = [f"partner-{i + 1:05d}" for i in range(partners)]
    source_ids = [f"bron-{i + 1:03d}" for i in range(n_sources)]
    empty = set(rng.sample(range(1, phases), uncovered)) if uncovered else set()
    covered = [i for i in range(phases) if i not in empty]

    w.add("# Synthetic barrier model for the benchmark (tests/bench/generate.py); not real data.")
    w.add(f"id: {mid}")
    w.add(f"title: Synthetisch model met {interventions} barrières")
    w.add("variant: general")
    w.folded("", "description", 2)
    w.add("language: nl")
    w.add("version: '1.0'")
    w.add("authors: [barriers benchmark]")
    w.add("license: CC0-1.0")
    w.add("region: Nergensland")
    w.add("")
    if not text:
        source_ids = []
    w.add("sources:" if source_ids else "sources: []")
    for i, sid in enumerate(source_ids):
        w.add(f"  - id: {sid}")
        w.add(f"    title: {_scalar(w.sentence(3, 8))}")
        w.add(f"    publisher: {_scalar(w.words(1, 3).title())}")
        w.add(f"    year: {2005 + i % 20}")
        w.add(f"    url: https://example.org/bron/{i + 1}")
        if i % 3 == 0:
            w.add("    accessed: '2026-11'")
    w.add("")

    successors = _phase_successors(rng, phases)
    cited = iter(source_ids)  # the first sources are cited by phases and partners, in turn
    w.add("phases:")
    for i, pid in enumerate(phase_ids):
        w.add(f"  - id: {pid}")
        w.add(f"    name: {_scalar(f'Stap {i + 1}: {w.words(1, 3)}')}")
        if text:
            w.folded("    ", "description", rng.randint(1, 3))
        nxt = successors[i]
        if nxt is not None:
            w.add(f"    next: [{', '.join(phase_ids[j] for j in nxt)}]")
        if not text:
            continue
        for group, extra in (
            ("signals", _ABOUT),
            ("opportunities", None),
            ("facilitators", _AWARENESS),
        ):
            w.add(f"    {group}:")
            for _ in range(rng.randint(1, 3)):
                text = w.sentence(4, 10)
                if rng.random() < 0.5:
                    w.add(f"      - {_scalar(text)}")
                    continue
                w.add(f"      - text: {_scalar(text)}")
                if extra is not None:
                    field = "about" if group == "signals" else "awareness"
                    w.add(f"        {field}: {rng.choice(extra)}")
                w.add(f"        sources: [{rng.choice(source_ids)}]")
        w.add(f"    sources: [{next(cited, rng.choice(source_ids))}]")
    w.add("")

    # Each partner works around a home phase; its interventions act on phases near it.
    home = [covered[(p * len(covered)) // partners] for p in range(partners)] if covered else []
    w.add("partners:")
    for p, partner_id in enumerate(partner_ids):
        w.add(f"  - id: {partner_id}")
        w.add(f"    name: {_scalar(f'{w.words(1, 2).capitalize()} {p + 1}')}")
        if not text:
            continue
        w.add(f"    sector: {_scalar(rng.choice(_SECTORS))}")
        if rng.random() < 0.4:
            w.add(f"    description: {_scalar(w.sentence())}")
        if rng.random() < 0.3:
            w.add(f"    url: https://example.org/partner/{p + 1}")
        w.add(f"    sources: [{next(cited, rng.choice(source_ids))}]")
    w.add("")

    w.add("interventions:" if interventions else "interventions: []")
    position = {phase: k for k, phase in enumerate(covered)}
    for k in range(interventions):
        first = k if k < partners else rng.randrange(partners)
        chosen = [first]
        for _ in range(rng.choices((0, 1, 2), weights=(6, 3, 1))[0]):
            other = rng.randrange(partners)
            if other not in chosen:
                chosen.append(other)
        centre = position[home[first]]
        acts = {covered[centre]}
        for _ in range(rng.choices((0, 1, 2), weights=(7, 2, 1))[0]):
            step = centre + rng.randint(-2, 2)
            acts.add(covered[min(max(step, 0), len(covered) - 1)])
        w.add(f"  - id: barriere-{k + 1:05d}")
        w.add(f"    name: {_scalar(f'{w.words(2, 5).capitalize()} ({k + 1})')}")
        w.add(f"    phases: [{', '.join(phase_ids[i] for i in sorted(acts))}]")
        w.add(f"    partners: [{', '.join(partner_ids[p] for p in chosen)}]")
        w.add(f"    type: {rng.choice(_TYPES)}")
        if not text:
            continue
        if rng.random() < 0.6:
            w.folded("    ", "description", rng.randint(1, 3))
        laws = rng.sample(_LAWS, rng.randint(0, 2))
        if len(laws) == 1:
            w.add(f"    legal_basis: {_scalar(laws[0])}")
        elif laws:
            w.add("    legal_basis:")
            w.lines.extend(f"      - {_scalar(law)}" for law in laws)
        w.add(f"    status: {rng.choice(_STATUSES)}")
        if rng.random() < 0.7:
            w.add(f"    technique: {rng.choice(TECHNIQUE_IDS)}")
        if rng.random() < 0.4:
            w.add(f"    target_group: [{w.words(1, 2)}, {w.words(1, 2)}]")
        if rng.random() < 0.2:
            w.add(f"    url: https://example.org/barriere/{k + 1}")
        cite = source_ids[k] if k < n_sources else rng.choice(source_ids)
        w.add(f"    sources: [{cite}]")
    return "\n".join(w.lines) + "\n"


def generate_chain(phases: int, interventions: int, partners: int = 1) -> str:
    """A straight chain of ``phases`` (one route), text-light: barrier ``k`` acts on the two
    phases at ``2k`` and ``2k + 1`` (so ``phases // 2`` barriers cover the chain once), and
    its partner is ``k`` modulo ``partners``. Issue 10's worst case for ``routes`` and
    ``report``: 40,000 phases, 20,000 barriers, one partner.

    >>> generate_chain(3, 1).count("{id: ")
    5
    """
    lines = [
        "# Synthetic chain for the benchmark (tests/bench/generate.py); not real data.",
        f"id: keten-{phases}",
        f"title: Keten van {phases} fasen",
        "phases:",
    ]
    lines += [f"  - {{id: f{i}, name: Fase {i}}}" for i in range(phases)]
    lines.append("partners:")
    lines += [f"  - {{id: p{i}, name: Partner {i}}}" for i in range(partners)]
    lines.append("interventions:" if interventions else "interventions: []")
    for k in range(interventions):
        acts = sorted({(2 * k) % phases, (2 * k + 1) % phases})
        lines.append(
            f"  - {{id: b{k}, name: Barriere {k}, phases: [{', '.join(f'f{i}' for i in acts)}], "
            f"partners: [p{k % partners}]}}"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interventions", type=int, default=2000)
    parser.add_argument("--partners", type=int, default=200)
    parser.add_argument("--phases", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--id", dest="model_id", default=None, help="model id (default: derived)")
    parser.add_argument("-o", "--output", default="-", help="file to write; '-' for stdout")
    parser.add_argument("--text-light", action="store_true", help="ids, names and links only")
    parser.add_argument("--chain", action="store_true", help="a straight chain of phases")
    args = parser.parse_args(argv)
    if args.chain:
        text = generate_chain(args.phases, args.interventions, args.partners)
    else:
        text = generate_model(
            args.interventions,
            args.partners,
            args.phases,
            seed=args.seed,
            model_id=args.model_id,
            text=not args.text_light,
        )
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
