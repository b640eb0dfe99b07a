"""Debug aid: ``python -m unlint.readers FILE [FORMAT]`` prints the canonical text and the refs."""

import sys
from pathlib import Path

from unlint.readers import read
from unlint.source import decode

path = sys.argv[1]
source = decode(path, Path(path).read_bytes())
reading = read(source, sys.argv[2] if len(sys.argv) > 2 else None)
print(f"# format: {reading.format}  meta: {reading.meta}")
print(reading.text.text)
print("# refs:")
for ref in reading.refs:
    line, col = source.position(ref.start)
    before = reading.text.text[max(0, ref.pos - 30) : ref.pos].replace("\n", "|")
    print(f"#  [{ref.label}] at {line}:{col} after {before!r}")
for message, start, _ in reading.problems:
    print("# problem: %s:%s: %s" % (*source.position(start), message))
