"""Flask views."""
import base64
import html
import os
import pickle
import subprocess

from flask import request

from shop import config, services, util
from shop.db import db
from shop.jobs import Job, enqueue


def search():
    term = request.args.get("q", "")
    sql = "SELECT id, name FROM items WHERE name LIKE '%%%s%%'" % term
    return db.query(sql)


def profile():
    name = request.args["name"]
    return db.find_user(name)


def report():
    services.make_report(request.form.get("title", "report"))


def export():
    name = util.safe_filename(request.args.get("file"))
    with open(os.path.join(config.REPORT_DIR, name)) as fh:
        return fh.read()


def download():
    path = os.path.join(config.REPORT_DIR, request.args.get("file"))
    return open(path, "rb").read()


def calculate():
    return str(util.evaluate(request.args.get("expr", "0")))


def restore():
    state = request.cookies.get("state")
    return pickle.loads(base64.b64decode(state))


def ping():
    host = request.args.get("host", "")
    if not util.valid_host(host):
        return "bad host"
    services.ping(host)
    return "ok"


def status():
    mode = request.args.get("mode")
    if mode == "full":
        command = "uptime"
    else:
        command = "date"
    return subprocess.check_output(command, shell=True)


def greet():
    return "Hello " + html.escape(request.args.get("name", "world"))


def schedule():
    job = Job(request.form["command"])
    enqueue(job)
    return services.run_job(job)


def nightly():
    services.archive()
    enqueue(Job("vacuumdb shop"))
