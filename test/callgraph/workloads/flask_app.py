"""Workload for test/callgraph/project_recall.py: A Flask app (blueprints, hooks, sessions, errors, streaming, send_file, method views, the CLI runner) driven by its test client; also werkzeug's datastructures and routing."""
import os, tempfile
from flask import Flask, Blueprint, jsonify, request, session, render_template_string, abort, redirect, url_for, g, flash, get_flashed_messages, make_response, stream_with_context, send_file
from flask.views import MethodView, View
import click
app = Flask(__name__)
app.secret_key = "k"
bp = Blueprint("bp", __name__, url_prefix="/bp")
@bp.route("/x/<int:n>")
def bx(n):
    return jsonify(n=n, args=request.args.to_dict())
@app.before_request
def before():
    g.user = "u"
@app.after_request
def after(resp):
    resp.headers["X"] = "1"
    return resp
@app.teardown_request
def td(exc):
    pass
@app.errorhandler(404)
def nf(e):
    return "nf", 404
@app.route("/", methods=["GET", "POST"])
def index():
    session["a"] = session.get("a", 0) + 1
    flash("hi")
    return render_template_string("{{ g.user }}{{ url_for('index') }}{% for m in get_flashed_messages() %}{{ m }}{% endfor %}{{ request.path }}")
@app.route("/r")
def r():
    return redirect(url_for("bp.bx", n=3))
@app.route("/a")
def a():
    abort(404)
@app.route("/j", methods=["POST"])
def j():
    data = request.get_json()
    resp = make_response(jsonify(data))
    resp.set_cookie("c", "v")
    return resp
@app.route("/s")
def s():
    def gen():
        yield "a"
        yield request.args.get("q", "b")
    return app.response_class(stream_with_context(gen()))
@app.route("/f")
def f():
    fd, p = tempfile.mkstemp(); os.write(fd, b"abc"); os.close(fd)
    return send_file(p, mimetype="text/plain")
class MV(MethodView):
    def get(self):
        return "get"
    def post(self):
        return "post"
app.add_url_rule("/mv", view_func=MV.as_view("mv"))
class V(View):
    def dispatch_request(self):
        return "v"
app.add_url_rule("/v", view_func=V.as_view("v"))
app.register_blueprint(bp)
@app.cli.command("hello")
@click.option("--name", default="w")
def hello(name):
    click.echo(f"hi {name}")
@app.template_filter("rev")
def rev(s):
    return s[::-1]
c = app.test_client()
for path in ["/", "/", "/r", "/a", "/bp/x/5?z=1", "/s?q=c", "/f", "/mv", "/v", "/nope"]:
    rv = c.get(path, follow_redirects=(path == "/r"))
    print(path, rv.status_code, rv.get_data()[:40])
print(c.post("/j", json={"a": 1}).get_json())
print(c.post("/mv").data)
with app.test_request_context("/?x=1"):
    print(url_for("index", _external=True), request.args["x"])
with app.app_context():
    print(render_template_string("{{ 'abc'|rev }}"))
print(app.test_cli_runner().invoke(args=["hello", "--name", "z"]).output)
print(app.test_cli_runner().invoke(args=["routes"]).output[:80])
from werkzeug.datastructures import MultiDict, Headers
from werkzeug.utils import secure_filename
from werkzeug.security import generate_password_hash, check_password_hash
from werkzeug.routing import Map, Rule
from werkzeug.test import EnvironBuilder
md = MultiDict([("a", 1), ("a", 2)]); print(md.getlist("a"), md.to_dict(flat=False))
h = Headers(); h.add("X", "1"); print(h.get("x"), secure_filename("../a b.txt"))
ph = generate_password_hash("pw"); print(check_password_hash(ph, "pw"))
m = Map([Rule("/u/<name>", endpoint="u")]); ad = m.bind("localhost"); print(ad.match("/u/q"), ad.build("u", {"name": "w"}))
print(EnvironBuilder(path="/p", method="POST", data={"k": "v"}).get_request().form)
