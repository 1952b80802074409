from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """django-axes' backend, letting through authenticate() calls that carry no request.

    Every login over the web passes its request (the admin, LoginView, AuthenticationForm), so it is
    counted and throttled. Without a request there is no address to count and no attacker on the other
    end: the test client's login(), shell scripts. Axes would raise there and break them.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
