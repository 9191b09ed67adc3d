"""A tiny Flask app for the keep-alive experiments.

GET or POST / answers "ok" after FDL_SERVICE_SECONDS (0.3 by default), so a response always
ends well clear of a turn of gthread's one-second main loop.
"""

import os
import sys
import time

from flask import Flask

SERVICE_SECONDS = float(os.environ.get("FDL_SERVICE_SECONDS", "0.3"))

app = Flask(__name__)

# The harness waits for this line so no request is sent while the worker is loading Flask.
print(f"fdl-app-loaded pid={os.getpid()}", file=sys.stderr, flush=True)


@app.route("/", methods=["GET", "POST"])
def index():
    time.sleep(SERVICE_SECONDS)
    return "ok"
