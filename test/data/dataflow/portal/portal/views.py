"""Flask views of the portal."""
import html
from urllib.parse import urlparse

from flask import make_response, redirect, render_template, render_template_string, request
from markupsafe import Markup, escape

from portal import feeds, services, settings


def greet():
    name = request.args.get("name", "guest")
    return make_response(services.greeting_html(name))


def greet_escaped():
    name = request.args.get("name", "guest")
    return make_response(services.greeting_html(escape(name)))


def results():
    query = request.args.get("q", "")
    response = make_response(render_template("results.html", query=query))
    response.headers["Cache-Control"] = "no-store"
    return response


def banner():
    text = request.form["banner"]
    return Markup(services.bold(text))


def banner_escaped():
    text = request.form["banner"]
    return Markup(services.bold(html.escape(text)))


def banner_default():
    text = request.form.get("banner")
    text = settings.DEFAULT_BANNER
    return Markup(services.bold(text))


def headline():
    title = request.args.get("title", "")
    return Markup("<h1>{}</h1>").format(title)


def preview_email():
    subject = request.form.get("subject", "")
    return render_template_string(services.email_template(subject), user="you")


def preview_email_safely():
    subject = request.form.get("subject", "")
    return render_template_string(settings.EMAIL_TEMPLATE, subject=subject, user="you")


def card():
    return services.render_card(request.args["title"])


def card_safely():
    return services.render_card_safely(request.args["title"])


def preview():
    link = request.args["url"]
    return services.fetch_preview(link)


def link_card():
    summary = services.fetch_preview(settings.STATUS_URL)
    return Markup("<div class='preview'>" + summary + "</div>")


def status():
    url = request.args.get("url", settings.STATUS_URL)
    url = settings.STATUS_URL
    return services.fetch_preview(url)


def weather():
    return services.weather_for(request.args.get("city", "Paris"))


def subscribe():
    payload = request.json
    services.audit(payload["callback"])
    return str(services.post_webhook(payload["callback"], {"subscribed": True}))


def ping_api():
    return services.call_api(request.method, "/v1/ping")


def mirror():
    return services.mirror(request.args["path"])


def login():
    target = request.args.get("next", "")
    if urlparse(target).netloc:
        return redirect(settings.HOME_URL)
    return redirect(target)


def import_feed():
    return {"titles": feeds.feed_titles(request.data)}


def import_outline():
    return {"titles": feeds.outline_titles(request.files["outline"])}


def sample_feed():
    return {"titles": feeds.sample_titles(request.args.get("tag", "title"))}


def preview_api():
    # request.get_json() on the imported request: an attribute load and a plain call
    payload = request.get_json()
    return services.fetch_preview(payload["url"])
