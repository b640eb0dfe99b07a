"""Benchmark: the spelling rules (SP001, SP002) on typing slips put into real resolutions.

    python bench/bench_spelling.py [--shared ../shared] [--docs 40] [--slips 10] [--seed 1]
    python bench/bench_spelling.py --real-words [--shared ../shared] [--seed 1]

A mutation benchmark: for each of ``--docs`` text files of ``shared/corpus`` (and the seeds),
``--slips`` words of five letters or more that the rule reads as words are each changed by
one random slip (a letter dropped, added, changed, or two neighbouring letters swapped), all
in one copy; the rule must report each changed word at its line and column. A slip that makes
another common word ("from" -> "form") cannot be found by a dictionary and is counted apart.
It prints recall (slips found / slips that are not words), findings on the unchanged documents
(each should be a real error: read them), findings on the copies that are not a slip, and the
rule's cost per document. It measures, it does not fail.

``--real-words`` measures SP002 (a slip that makes another word: "grate" for "grave") without
testing on its own data: the texts are split in two halves at random, the table of UN usage
is built from one half (as ``scripts/build_phrases.py`` builds ``rules/un-phrases.txt`` from
all), and in each text of the other half five words are each replaced by a word one slip away
that the dictionary knows (not another form or spelling of it). It prints the slips found,
the findings on the unchanged texts and the ones on the copies that are not a slip.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unlint import spelling  # noqa: E402
from unlint.engine import lint_document, load  # noqa: E402
from unlint.context import Runs  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import Source  # noqa: E402

WORD = re.compile(r"(?<![\w/.@-])[a-z]{5,}(?![\w/@-])")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def slip(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(["drop", "add", "change", "swap"])
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "add":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if kind == "change":
        return word[:i] + rng.choice(LETTERS.replace(word[i], "")) + word[i + 1:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def findings(run, name: str, text: str) -> list:
    doc = load(Source(name, text), None)
    return [d for d in lint_document(doc, run) if d.code == "SP001"]


def real_words(args) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_phrases
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from unlint import wordlist
    from unlint.rules import spelling as rules

    rng = random.Random(args.seed)
    files = build_phrases.corpus_files(args.shared)
    rng.shuffle(files)
    half = len(files) // 2
    words, pairs = build_phrases.count(files[:half])
    usage = spelling.Usage(build_phrases.render(words, pairs, half), spelling._un_phrases())
    spelling.usage.cache_clear()
    spelling.usage = lambda: usage  # the half's table, not the shipped one
    run = Runs().get(Settings(select=("SP002",)))
    common = [w for w, z in wordlist.frequencies().items() if z >= 3.0 and len(w) >= 4]
    found = total = clean = noise = 0
    for path in files[half:]:
        text = path.read_text(encoding="utf-8", errors="replace")
        before = [d for d in lint_document(load(Source(path.name, text), None), run) if d.code == "SP002"]
        clean += len(before)
        for d in before:
            print(f"  unchanged {path.name}: {d.message}")
        places = [m for m in WORD.finditer(text) if m.group() in wordlist.frequencies()]
        for m in rng.sample(places, min(5, len(places))):
            near = [c for c, dist, _ in process.extract(m.group(), common, scorer=OSA.distance,
                                                        score_cutoff=1, limit=None)
                    if dist == 1 and not rules._other_form(c, m.group()) and not rules._other_form(m.group(), c)
                    and not rules._variants(c, m.group())]
            if not near:
                continue
            new = rng.choice(near)
            mutated = text[:m.start()] + new + text[m.end():]
            after = [d for d in lint_document(load(Source(path.name, mutated), None), run) if d.code == "SP002"]
            total += 1
            hit = any(d.start == m.start() for d in after)
            found += hit
            noise += sum(1 for d in after if d.start != m.start() and d.message not in {b.message for b in before})
    print(f"{len(files) - half} texts (table from the other {half}), {total} real-word slips")
    print(f"found: {found}/{total} = {found / max(total, 1):.1%}")
    print(f"findings on the unchanged texts: {clean}; on the copies, not at the slip: {noise}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--slips", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--real-words", action="store_true", help="measure SP002 (see above)")
    args = ap.parse_args()
    if args.real_words:
        real_words(args)
        return
    rng = random.Random(args.seed)
    files = sorted((args.shared / "corpus").glob("*.txt")) + sorted((args.shared / "seeds").glob("*"))
    files = rng.sample(files, min(args.docs, len(files)))
    run = Runs().get(Settings(select=("SP",)))
    found = missed = real_word = clean_findings = noise = 0
    times = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        started = time.perf_counter()
        before = findings(run, path.name, text)
        times.append(time.perf_counter() - started)
        clean_findings += len(before)
        for d in before:
            print(f"  unchanged {path.name}: {d.message}")
        places = [m for m in WORD.finditer(text) if spelling.known(m.group())]
        chosen = sorted(rng.sample(places, min(args.slips, len(places))), key=lambda m: m.start())
        out, last, expected = [], 0, {}
        shift = 0
        for m in chosen:
            new = slip(m.group(), rng)
            out.append(text[last:m.start()])
            out.append(new)
            last = m.end()
            if spelling.known(new) and not spelling.rare(new):
                real_word += 1  # a common word ("from" -> "form"): only the context tells
            else:
                expected[m.start() + shift] = new
            shift += len(new) - len(m.group())
        mutated = "".join(out) + text[last:]
        after = findings(run, path.name, mutated)
        hits = set()
        for d in after:
            offset = d.start  # an offset in the file's text
            if offset in expected:
                hits.add(offset)
            elif not any(e.message == d.message for e in before):
                noise += 1
                print(f"  not a slip {path.name}: {d.message}")
        found += len(hits)
        missed += len(expected) - len(hits)
        for offset, new in expected.items():
            if offset not in hits:
                print(f"  missed {path.name}: {new!r}")
    total = found + missed
    print(f"{len(files)} documents, {total + real_word} slips: {real_word} made real words (not counted)")
    print(f"recall: {found}/{total} = {found / max(total, 1):.1%}")
    print(f"findings on the unchanged documents: {clean_findings}; on the copies, not at a slip: {noise}")
    print(f"cost: {statistics.median(times) * 1000:.1f} ms per document (median, every rule of SP)")


if __name__ == "__main__":
    main()
