"""Rebuild tasks/extract/data/given_names.tsv from the nomquamgender package (MIT, Ian Van Buskirk).

Run by hand (`pip install nomquamgender` first). The product reads only the derived file: the
package's 22 MB JSON takes ~4.5 s to parse, too slow to load in every worker process.
Kept: alphabetic ASCII given names seen at least MIN_COUNT times whose share of one gender is at
least 1 - MAX_UNCERTAIN (p(female) <= 0.15 -> m, >= 0.85 -> f); every other name stays unknown.
"""

from __future__ import annotations

import importlib.resources
import json
import sys
from pathlib import Path

MIN_COUNT = 200
MAX_UNCERTAIN = 0.15
OUT = Path(__file__).resolve().parent.parent / "tasks" / "extract" / "data" / "given_names.tsv"
HEADER = (
    "# Given names with a clear gender, derived from nomquamgender 0.1.4 (MIT License,\n"
    "# Copyright (c) 2022 Ian Van Buskirk) by bench/build_given_names.py: name<TAB>m|f\n"
)


def main() -> int:
    data = json.loads(importlib.resources.files("nomquamgender").joinpath("name_data.json").read_text())
    rows = []
    for name, (_sources, count, p_female, *_rest) in data.items():
        if count < MIN_COUNT or not (name.isascii() and name.isalpha()):
            continue
        if p_female >= 1 - MAX_UNCERTAIN:
            rows.append(f"{name}\tf")
        elif p_female <= MAX_UNCERTAIN:
            rows.append(f"{name}\tm")
    OUT.write_text(HEADER + "\n".join(sorted(rows)) + "\n")
    print(f"{len(rows)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
