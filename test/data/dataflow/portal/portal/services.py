"""The service layer: HTML fragments, templates, outgoing HTTP calls."""
from urllib.request import Request, urlopen

import httpx
import requests
from jinja2 import Template

from portal import settings


def greeting_html(name):
    return f"<p>Hello, {name}!</p>"


def bold(text):
    return "<b>{}</b>".format(text)


def profile_card(username, bio):
    return "<div class='card'><h2>" + username + "</h2><p>" + bio + "</p></div>"


def notice_html(message):
    return "<div class='notice'>%s</div>" % message


def email_template(subject):
    return "<h1>%s</h1><p>Hello {{ user }},</p>" % subject


def render_card(title):
    return Template("<div class='card'>" + title + "</div>").render()


def render_card_safely(title):
    return Template(settings.CARD_TEMPLATE).render(title=title)


def fetch_preview(url):
    response = requests.get(url, timeout=5)
    return response.text[:200]


def weather_for(city):
    return requests.get(settings.WEATHER_URL, params={"q": city}).json()


def audit(event):
    requests.post(settings.AUDIT_URL, json={"event": event}, timeout=2)


def post_webhook(hook_url, payload):
    return httpx.post(hook_url, json=payload, timeout=5).status_code


def call_api(method, endpoint):
    return requests.request(method, settings.API_BASE + endpoint, timeout=5).json()


def mirror(path):
    req = Request(settings.MIRROR_BASE + path, headers={"User-Agent": "portal-mirror"})
    with urlopen(req, timeout=10) as fh:
        return fh.read()


def after_login(next_url):
    return next_url or settings.HOME_URL
