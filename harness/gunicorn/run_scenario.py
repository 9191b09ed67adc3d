"""Run one shutdown scenario against a real Gunicorn and print what each client saw.

Input (JSON on stdin):
  {"workers": 1, "worker_class": "sync", "threads": 1, "graceful_timeout": 10,
   "signal": "TERM", "signal_at": 0.6, "kill_after": null,
   "pid1": "direct" | "exec-form" | "shell-form-dash" | "shell-form-exec",
   "requests": [{"at": 0.02, "seconds": 3}, ...]}

Output (JSON on stdout): every request's outcome ("completed" = HTTP 200, "error-500" = HTTP
500, "reset" =
ECONNRESET, "killed" = EOF with no bytes, "refused" = ECONNREFUSED) and end time, plus when
the signalled process exited and its return code. Times are seconds from t0, the moment the
first scheduled client could start. Everything binds to 127.0.0.1.

"direct" sends the signal to the Gunicorn master. The other pid1 modes start Gunicorn in a new
PID namespace (`unshare --pid --fork --mount-proc`, which needs root), as a container runtime
does, send the signal to the namespace's PID 1 from outside, and SIGKILL it `kill_after`
seconds later, as `docker stop -t` does.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's Python by default; FDL_GUNICORN_PYTHON (with PYTHONPATH) runs another Gunicorn.
PYTHON = os.environ.get("FDL_GUNICORN_PYTHON", "/usr/bin/python3")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_argv(cfg, port):
    argv = [
        PYTHON, "-m", "gunicorn",
        "--bind", f"127.0.0.1:{port}",
        "--chdir", HERE,
        "--workers", str(cfg.get("workers", 1)),
        "--worker-class", cfg.get("worker_class", "sync"),
        "--threads", str(cfg.get("threads", 1)),
        "--graceful-timeout", str(cfg.get("graceful_timeout", 10)),
        "--timeout", "120",
        "--log-level", "info",
        "app:app",
    ]
    return argv


def start(cfg, port):
    argv = gunicorn_argv(cfg, port)
    mode = cfg.get("pid1", "direct")
    if mode == "direct":
        cmd = argv
    else:
        line = " ".join(argv)
        ns = ["unshare", "--pid", "--fork", "--mount-proc"]
        if mode == "exec-form":
            cmd = ns + argv
        elif mode == "shell-form-dash":
            cmd = ns + ["/bin/dash", "-c", line]
        elif mode == "shell-form-exec":
            cmd = ns + ["/bin/dash", "-c", "exec " + line]
        else:
            raise SystemExit(f"unknown pid1 mode {mode}")
    return subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def namespace_init(proc):
    """The host pid of the namespace's PID 1: the child that unshare forked."""
    path = f"/proc/{proc.pid}/task/{proc.pid}/children"
    for _ in range(200):
        try:
            with open(path) as f:
                kids = f.read().split()
            if kids:
                return int(kids[0])
        except FileNotFoundError:
            pass
        time.sleep(0.01)
    raise SystemExit("unshare never forked a child")


class NotReady(Exception):
    pass


def wait_ready(proc, port, workers):
    booted = 0
    lines = []
    deadline = time.time() + 20
    while booted < workers:
        line = proc.stderr.readline()
        if not line:
            raise NotReady("gunicorn exited early:\n" + "".join(lines))
        lines.append(line)
        if "fdl-app-loaded" in line:
            booted += 1
        if time.time() > deadline:
            raise SystemExit("gunicorn did not boot:\n" + "".join(lines))
    # keep draining stderr so Gunicorn never blocks on a full pipe
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(b"GET /ping HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    break
        except OSError:
            time.sleep(0.05)
    time.sleep(0.3)  # let every worker settle back into accept()


def client(t0, req, port, out):
    delay = t0 + req["at"] - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    record = {"at": req["at"], "seconds": req["seconds"]}
    data = b""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        record["connected"] = round(time.monotonic() - t0, 3)
        path = f"/sleep?s={req['seconds']}"
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode())
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        if data.startswith(b"HTTP/1.1 200"):
            record["outcome"] = "completed"
        elif data.startswith(b"HTTP/1.1 500"):
            record["outcome"] = "error-500"
        else:
            record["outcome"] = "killed" if not data else "other"
    except ConnectionRefusedError:
        record["outcome"] = "refused"
    except ConnectionResetError:
        record["outcome"] = "reset" if not data else "other"
    except socket.timeout:
        record["outcome"] = "timeout"
    record["end"] = round(time.monotonic() - t0, 3)
    out.append(record)


def main():
    cfg = json.load(sys.stdin)
    # Timings are compared to 0.5 s; on a busy shared machine a higher priority for these
    # mostly-sleeping processes keeps scheduler delays out of the measurement. Best effort.
    try:
        os.nice(-10)
    except OSError:
        pass
    # Another run may grab the same free port between our probe and Gunicorn's bind: retry.
    for attempt in range(3):
        port = free_port()
        proc = start(cfg, port)
        target = proc.pid if cfg.get("pid1", "direct") == "direct" else namespace_init(proc)
        try:
            wait_ready(proc, port, cfg.get("workers", 1))
            break
        except NotReady as error:
            if target != proc.pid:
                os.kill(target, signal.SIGKILL)  # ends the whole PID namespace
            proc.kill()
            proc.wait()
            if attempt == 2:
                raise SystemExit(str(error))
    t0 = time.monotonic() + 0.05
    results = []
    threads = [threading.Thread(target=client, args=(t0, r, port, results)) for r in cfg["requests"]]
    for t in threads:
        t.start()
    time.sleep(max(0, t0 + cfg["signal_at"] - time.monotonic()))
    os.kill(target, getattr(signal, "SIG" + cfg.get("signal", "TERM")))
    signal_sent = round(time.monotonic() - t0, 3)
    kill_after = cfg.get("kill_after")
    sigkill_sent = None
    try:
        rc = proc.wait(timeout=None if kill_after is None else kill_after)
    except subprocess.TimeoutExpired:
        os.kill(target, signal.SIGKILL)
        sigkill_sent = round(time.monotonic() - t0, 3)
        rc = proc.wait(timeout=10)
    exited = round(time.monotonic() - t0, 3)
    for t in threads:
        t.join(timeout=35)
    results.sort(key=lambda r: r["at"])
    json.dump(
        {
            "signal_sent": signal_sent,
            "sigkill_sent": sigkill_sent,
            "exited": exited,
            "rc": rc,
            "requests": results,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
