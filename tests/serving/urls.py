"""Probe views for the page-cache tests: each shows how many times it really ran."""
import itertools

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from serving.pagecache import no_page_cache, page_cache

runs = itertools.count(1)


def counted(request):
    return HttpResponse(f"run {next(runs)} {request.GET.urlencode()}")


def sets_cookie(request):
    response = counted(request)
    response.set_cookie("seen", "1")
    return response


def with_form(request):
    template = engines["django"].from_string("<form method=post>{% csrf_token %}</form> run {{ run }}")
    return HttpResponse(template.render({"run": next(runs)}, request))


def varies_on_cookie(request):
    response = counted(request)
    patch_vary_headers(response, ["Cookie"])
    return response


reader_pages = ([
    path("plain/", csrf_exempt(counted), name="plain"),
    path("cookie/", sets_cookie, name="cookie"),
    path("form/", with_form, name="form"),
    path("private/", never_cache(counted), name="private"),
    path("vary/", varies_on_cookie, name="vary"),
    path("opted-out/", no_page_cache(counted), name="opted-out"),
], "probe")  # the tests add this namespace to PAGE_CACHE_NAMESPACES

urlpatterns = [
    path("reader/", include(reader_pages)),
    path("decorated/", page_cache(counted), name="decorated"),
    path("elsewhere/", counted, name="elsewhere"),
    path("", include("serving.urls")),
    path("", include("articles.urls")),
]
