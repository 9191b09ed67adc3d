"""A tiny Flask app for the shutdown experiments: /sleep?s=N answers after N seconds."""

import time

from flask import Flask, request

app = Flask(__name__)


@app.get("/ping")
def ping():
    return "pong"


@app.get("/sleep")
def sleep():
    seconds = float(request.args.get("s", "0"))
    time.sleep(seconds)
    return f"slept {seconds}"
