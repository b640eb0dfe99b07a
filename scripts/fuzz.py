"""The long fuzzing run: the property tests of tests/test_properties.py with many more examples.

    python scripts/fuzz.py [--examples 2000] [--shared ../shared] [--seed N] [--minutes M]
    python scripts/fuzz.py --hostile [--scale 3] [--timeout 300] [--messages 2000] [-k NAME]

CI runs those properties with a few dozen examples each; this runs them with ``--examples``
each (about a minute per 500 on two cores), mutating the corpus documents too when
``--shared`` holds one, and with a fresh random seed unless ``--seed`` is given. ``--minutes``
repeats the run with new seeds until that much time has passed. A failure prints the smallest
input hypothesis found and how to replay it, an example slower than 10 s fails too, and a hang
prints its stack after 10 minutes; the exit status is pytest's (0: nothing found).

``--hostile`` runs the adversarial generators instead (scripts/hostile.py): runs of what each
rule looks at, PDF and Word bombs, hostile configurations, and language-server protocol noise,
``--scale`` times larger than the tests make them, each in a fresh process under a memory limit.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=2000, help="examples per property")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--seed", type=int, help="hypothesis seed (default: random, printed)")
    ap.add_argument("--minutes", type=float, default=0, help="run again with new seeds until then")
    ap.add_argument("-k", dest="keyword", help="only the properties matching this pytest -k expression")
    ap.add_argument("--hostile", action="store_true", help="run the adversarial generators instead")
    ap.add_argument("--scale", type=int, default=3, help="--hostile: times the size the tests use")
    ap.add_argument("--timeout", type=float, default=300, help="--hostile: seconds per case")
    ap.add_argument("--messages", type=int, default=2000, help="--hostile: random frames for the server")
    args = ap.parse_args(argv)
    if args.hostile:
        import hostile

        seed = args.seed if args.seed is not None else random.randrange(2**32)
        return hostile.main(args.scale, args.timeout, args.messages, seed, args.keyword)

    env = dict(os.environ, UNLINT_HYPOTHESIS_PROFILE="fuzz", UNLINT_PROPERTY_EXAMPLES=str(args.examples))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    corpus = args.shared / "corpus"
    if corpus.is_dir():
        env["UNLINT_FUZZ_CORPUS"] = str(corpus)
    deadline = time.monotonic() + args.minutes * 60
    while True:
        seed = args.seed if args.seed is not None else random.randrange(2**32)
        cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
               "-o", "faulthandler_timeout=600",  # a hang prints where it is stuck
               str(ROOT / "tests" / "test_properties.py"), f"--hypothesis-seed={seed}",
               "--hypothesis-show-statistics"]
        if args.keyword:
            cmd += ["-k", args.keyword]
        print(f"fuzz: seed {seed}, {args.examples} examples per property"
              f"{', corpus ' + str(corpus) if 'UNLINT_FUZZ_CORPUS' in env else ''}", flush=True)
        code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
        if code != 0:
            print(f"fuzz: failed with seed {seed}; replay: python scripts/fuzz.py --seed {seed} "
                  f"--examples {args.examples}", flush=True)
            return code
        if args.seed is not None or time.monotonic() >= deadline:
            return 0


if __name__ == "__main__":
    sys.exit(main())
