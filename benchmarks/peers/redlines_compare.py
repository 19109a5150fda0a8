"""python-redlines' 2-way compare of a base and one answer, timed, in its own process (so the
caller can give up on it: the package's own call has no time limit).

    python redlines_compare.py TARGET ENGINE BASE.docx ANSWER.docx AUTHOR OUT.docx

TARGET is the `pip install --target` folder holding python-redlines[all]; ENGINE is one of its
engine classes (DocxodusEngine, XmlPowerToolsEngine), whose binary is unpacked next to TARGET.
Prints one JSON line: the seconds spent in the compare call (it starts the engine's process).
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path


def main() -> None:
    target, engine_name, base, answer, author, out = sys.argv[1:7]
    # Appended, not prepended: the folder's copies of shared packages must not shadow ours.
    sys.path.append(target)
    import python_redlines

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # XmlPowerToolsEngine is deprecated
        binaries = Path(target).parent / "redlines-bin" / engine_name
        engine = getattr(python_redlines, engine_name)(target_path=str(binaries))
    t0 = time.perf_counter()
    redline, _stdout, _stderr = engine.run_redline(author, Path(base), Path(answer))
    seconds = time.perf_counter() - t0
    Path(out).write_bytes(redline)
    print(json.dumps({"seconds": seconds, "version": python_redlines.__version__}))


if __name__ == "__main__":
    main()
