import os

from flask import Flask
from sqlalchemy import create_engine, text
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["shop.example.com"]
app.config["SESSION_COOKIE_SECURE"] = True

# ingress-nginx sets X-Forwarded-For, -Proto and -Host for us.
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

engine = create_engine(
    os.environ["DATABASE_URL"],
    pool_size=5,
    max_overflow=10,
    pool_pre_ping=True,
)


@app.get("/healthz")
def healthz():
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok"}


@app.get("/")
def index():
    return {"shop": "open"}
