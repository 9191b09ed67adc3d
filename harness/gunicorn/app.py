"""A tiny Flask app for the shutdown experiments: /sleep?s=N answers after N seconds."""

import os
import sys
import time

from flask import Flask, request

app = Flask(__name__)

# Each worker imports this module after it boots; the harness waits for one line per worker so
# no scenario starts while a worker is still loading Flask.
print(f"fdl-app-loaded pid={os.getpid()}", file=sys.stderr, flush=True)


@app.get("/ping")
def ping():
    return "pong"


@app.get("/sleep")
def sleep():
    seconds = float(request.args.get("s", "0"))
    time.sleep(seconds)
    return f"slept {seconds}"
