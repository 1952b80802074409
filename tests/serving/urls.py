"""Probe views for the page-cache tests: each shows how many times it really ran."""
import itertools
import threading

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from serving.pagecache import page_cache_query
from serving.tags import add as add_tags

runs = itertools.count(1)


def counted(request):
    add_tags(request, "probe")  # a reader page names what it shows; one that names nothing is not cached
    return HttpResponse(f"run {next(runs)} {request.GET.urlencode()}")


def untagged(request):
    return HttpResponse(f"run {next(runs)}")


def sets_cookie(request):
    response = counted(request)
    response.set_cookie("seen", "1")
    return response


def with_form(request):
    template = engines["django"].from_string("<form method=post>{% csrf_token %}</form> run {{ run }}")
    return HttpResponse(template.render({"run": next(runs)}, request))


class HeldRenders:
    """What makes `slow` slow: a test may hold its renders until the other readers have arrived
    (tests/serving/test_coalescing.py), rather than give them a fixed while and hope. Not held, it renders at once."""

    def __init__(self):
        self.arrived = threading.Semaphore(0)  # one release per render started (and per reader the test counts)
        self.released = threading.Event()
        self.released.set()

    def hold(self):
        self.__init__()
        self.released.clear()


held = HeldRenders()


def slow(request):
    """A page that takes a while to render, as a heavy one does under load: until the test lets it finish."""
    held.arrived.release()
    assert held.released.wait(30), "the test never let the render finish"
    return counted(request)


def slow_with_cookie(request):
    response = slow(request)
    response.set_cookie("seen", "1")
    return response


def broken(request):
    raise RuntimeError("the page failed to render")


def varies_on_cookie(request):
    response = counted(request)
    patch_vary_headers(response, ["Cookie"])
    return response


reader_pages = ([
    path("plain/", csrf_exempt(page_cache_query("a", "b", "page", "z")(counted)), name="plain"),
    path("no-query/", counted, name="no-query"),  # reads no query parameter
    path("slow/", slow, name="slow"),
    path("slow-cookie/", slow_with_cookie, name="slow-cookie"),
    path("broken/", broken, name="broken"),
    path("cookie/", sets_cookie, name="cookie"),
    path("form/", with_form, name="form"),
    path("private/", never_cache(counted), name="private"),
    path("vary/", varies_on_cookie, name="vary"),
    path("untagged/", untagged, name="untagged"),
], "probe")  # the tests add this namespace to PAGE_CACHE_NAMESPACES

urlpatterns = [
    path("reader/", include(reader_pages)),
    path("elsewhere/", counted, name="elsewhere"),
    path("", include("serving.urls")),
    path("", include("articles.urls")),
]
