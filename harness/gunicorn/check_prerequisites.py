"""Exit 0 if Debian's Gunicorn and Flask are importable here; print what is missing otherwise."""

import sys

missing = []
for name in ("gunicorn", "flask"):
    try:
        __import__(name)
    except ImportError:
        missing.append(name)
if missing:
    print("missing Python modules: " + ", ".join(missing))
    sys.exit(1)
import gunicorn  # noqa: E402

print(gunicorn.__version__)
