from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = True
app.config["TRUSTED_HOSTS"] = ["shop.example.com", "localhost"]

# nginx is the only proxy in front of Gunicorn.
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/whoami")
def whoami():
    return {"ip": request.remote_addr, "scheme": request.scheme}
