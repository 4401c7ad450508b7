"""The py3langid model, loaded from an uncompressed copy kept under CLAIMS_ETL_HOME/cache.

py3langid ships its model LZMA-compressed and decompresses it (68 MB) at every load: 0.73 s of CPU
per process on this machine, in every pool worker and in every small run, against 0.21 s for the same
arrays read from an uncompressed copy. The copy is written on first use (atomically: a temporary file
renamed into place), named after the py3langid version and the packaged file's size, so an upgrade
writes a new one. Any problem with the cache (unwritable folder, a damaged copy) falls back to
py3langid's own loader: the cache only ever saves time.
"""

from __future__ import annotations

import logging
import lzma
import os
import shutil
import tempfile
from array import array
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# The arrays py3langid's model file holds (py3langid.modelio.save_model).
MODEL_KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
# stdlib array type codes by item size, as py3langid builds its DFA tables.
_TYPECODES = {2: "H", 4: "I", 8: "L"}


def load_identifier(cache_dir: Path | None) -> Any:
    """A LanguageIdentifier with normalised probabilities (py3langid's bundled model)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    packaged = MODEL_DIR / MODEL_FILE
    if cache_dir is not None:
        try:
            return _from_copy(_copy_of(packaged, cache_dir), LanguageIdentifier)
        except Exception as exc:
            log.warning("language model cache under %s not used (%s: %s)", cache_dir, type(exc).__name__, exc)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _copy_of(packaged: Path, cache_dir: Path) -> Path:
    copy = cache_dir / f"py3langid-{version('py3langid')}-{packaged.stat().st_size}.npz"
    if copy.exists():
        return copy
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".langid-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(packaged) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the home may be shared by an operators' group
        os.replace(tmp, copy)  # another process may have won the race: same bytes either way
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return copy


def _from_copy(copy: Path, identifier_class: Any) -> Any:
    with np.load(copy, allow_pickle=False) as data:
        missing = set(MODEL_KEYS).difference(data.files)
        if missing:
            raise ValueError(f"{copy.name} lacks {sorted(missing)}")
        return identifier_class(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )


def _to_array(values: np.ndarray) -> array[int]:
    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out
