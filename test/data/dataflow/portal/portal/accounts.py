"""Django views of the portal's account pages."""
import bleach
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal import feeds, services, settings


def profile(request):
    bio = request.POST.get("bio", "")
    return HttpResponse(services.profile_card(request.user.username, bio))


def profile_escaped(request):
    bio = request.POST.get("bio", "")
    return HttpResponse(services.profile_card(request.user.username, escape(bio)))


def notice(request):
    message = request.GET.get("msg", "")
    return HttpResponse(mark_safe(services.notice_html(message)))


def about(request):
    about = bleach.clean(request.POST["about"], tags=["b", "i", "a"])
    return HttpResponse(mark_safe(about))


def search(request):
    query = request.GET.get("q", "")
    return HttpResponse("No results.", content_type="text/plain", headers={"X-Search-Query": query})


def results(request):
    query = request.GET.get("q", "")
    return HttpResponse(render_to_string("portal/results.html", {"query": query}, request=request))


def signature(request):
    text = request.POST["signature"]
    return Template(services.email_template(text)).render(Context({"user": request.user}))


def signature_safely(request):
    text = request.POST["signature"]
    return Template(settings.SIGNATURE_TEMPLATE).render(Context({"signature": text}))


def login_done(request):
    return HttpResponseRedirect(services.after_login(request.GET.get("next")))


def switch_language(request):
    referer = request.META.get("HTTP_REFERER")
    return redirect(referer or settings.HOME_URL)


def open_profile(request):
    return redirect("portal:profile", username=request.GET.get("user", ""))


def sitemap(request):
    return HttpResponse(len(feeds.sitemap_urls(request.FILES["sitemap"].read())))
