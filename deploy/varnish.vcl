# Varnish in front of Newsroom (Debian's varnish 7.1 + varnish-modules 0.20 for xkey).
# `make serve-varnish` runs it through deploy/run-varnish, which copies this file with the app's
# address put into the two `.host`/`.port` pairs below (BACKEND=host:port, default 127.0.0.1:8000)
# and the app servers into `acl purgers` (VARNISH_PURGERS, default loopback).
#
# What the app promises (Cache-Control, xkey, PURGE) is in the README, "Front cache (Varnish)".
#   - Looked up and stored: anonymous GET/HEAD only. Passed: other methods, Authorization, a
#     `sessionid` cookie, a preview link's `newsroom_preview` (sent to /photos/ only: its holder
#     sees the story's photos before they are public). Every other cookie (a reader's stray
#     csrftoken) is dropped from a lookup.
#   - Stored only when the app says so: a positive `s-maxage`, no Set-Cookie, no private /
#     no-store / no-cache. TTL = s-maxage, grace = stale-while-revalidate (never Varnish's default).
#     One exception: hashed static files (/static/, `immutable`) are kept a day.
#   - stale-if-error, as far as Varnish 7.1 goes (it has no such feature of its own): an object is
#     kept for max(stale-while-revalidate, stale-if-error) past its TTL. Within
#     stale-while-revalidate it is served while one background fetch refreshes it. Past that it
#     is served only (a) while the health probe (/healthz, every 5 s) says the app is sick, or
#     (b) when the fetch made to replace it fails (a connection error, a timeout or a 5xx): the
#     request restarts and gets the stale copy. So a dead app costs a reader the stale page, not an
#     error, until stale-if-error runs out; nothing is ever served past max(W, E), which the app caps
#     at the next scheduled publication or expiry.
#   - Purges: `PURGE` from `acl purgers` with `xkey-purge: tag tag ...`; `xkey-soft: 1` makes it soft.
vcl 4.1;

import std;
import xkey;

# The app (gunicorn). deploy/run-varnish rewrites the .host and .port lines of both backends.
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 35s;  # gunicorn kills a request at 30 s (GUNICORN_TIMEOUT)
    .between_bytes_timeout = 10s;
}

# The same app, polled for its health only. Fetches never go through this backend, so a failing
# probe never stops a fetch; it only lets a stale object be served for its stale-if-error window.
backend app_health {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = {
        # The app refuses a host it does not serve (400). Varnish would send the backend's address, which a
        # production DEV_HOSTS leaves out; localhost is kept for health checks (the README's recipe).
        .request = "GET /healthz HTTP/1.1"
                   "Host: localhost"
                   "Connection: close";
        .interval = 5s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 3;  # healthy from the start
    }
}

# Who may purge: the app servers. deploy/run-varnish writes VARNISH_PURGERS here; by default this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

# Who may say a request's scheme and host (X-Forwarded-Proto, X-Forwarded-Host): the TLS-terminating balancer in
# front, if any. deploy/run-varnish writes VARNISH_FORWARDERS here; by default nobody, so that under
# TRUSTED_PROXY the app never takes a reader's own for its links, cookies or host check.
acl forwarders {
}

sub vcl_recv {
    if (req.method == "PURGE") {
        call purge_tags;
    }
    if (req.restarts == 0) {
        # Flags of our own (see vcl_hit and vcl_synth); a client cannot set them.
        unset req.http.X-Newsroom-Refresh;
        unset req.http.X-Newsroom-Stale-Ok;
    }
    if (client.ip !~ forwarders) {
        unset req.http.X-Forwarded-Proto;
        unset req.http.X-Forwarded-Host;
        # Its own address only: what it wrote in front of it aimed the app's per-address lockout at anyone.
        set req.http.X-Forwarded-For = client.ip;
    }
    set req.backend_hint = app;
    if (req.http.host) {
        set req.http.host = std.tolower(req.http.host);
    } elsif (req.proto == "HTTP/1.1") {
        return (synth(400));
    }
    if (req.method == "PRI") {
        return (synth(405));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);  # POSTs and the rest reach the app with their cookies
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*(sessionid|newsroom_preview)=") {
        return (pass);  # staff and previews: never looked up, never stored
    }
    unset req.http.Cookie;  # a reader's other cookies (csrftoken) change nothing the app sends
    call normalise_url;
    if (req.http.X-Newsroom-Refresh) {
        set req.grace = 0s;  # vcl_hit asked for a fresh copy: a stale one is no hit
    } else {
        set req.grace = 1y;  # no limit but each object's own grace (a restart keeps req.grace)
    }
    return (hash);
}

# Tracking parameters are dropped (the app never reads them, and drops them too) and the rest
# sorted, so `?b=1&a=2&utm_source=x` and `?a=2&b=1` are one object. The app sees the same URL.
sub normalise_url {
    set req.url = regsub(req.url, "#.*$", "");
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url,
            "(?i)(?<=[?&])(utm_[^=&]*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|ref_src)(=[^&]*)?(&|$)",
            "");
        set req.url = std.querysort(req.url);
        set req.url = regsub(req.url, "[?&]+$", "");
    }
}

sub purge_tags {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
        return (synth(405, "PURGE needs an xkey-purge header: this cache purges by tag only"));
    }
    if (req.http.xkey-soft == "1") {
        set req.http.X-Purged = xkey.softpurge(req.http.xkey-purge);
    } else {
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
    }
    return (synth(200, "Purged " + req.http.X-Purged));
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);  # lower-cased; each mirror domain has its own objects
    } else {
        hash_data(server.ip);
    }
    if (req.http.X-Forwarded-Proto == "https") {
        hash_data("https");  # behind a TLS terminator: http and https pages differ (absolute links)
    }
    if (req.http.X-Forwarded-Host) {
        # Under TRUSTED_PROXY the app takes the host from here: a copy made for one must not answer another.
        hash_data(std.tolower(req.http.X-Forwarded-Host));
    }
    return (lookup);
}

sub vcl_hit {
    if (obj.ttl >= 0s || req.http.X-Newsroom-Stale-Ok) {
        return (deliver);  # fresh; or stale-if-error after a failed refresh (vcl_synth)
    }
    # Stale, within max(stale-while-revalidate, stale-if-error) of its TTL.
    if (obj.ttl + std.duration(regsub(obj.http.Cache-Control,
            "^.*(?i)stale-while-revalidate=(\d+).*$", "\1s"), 0s) > 0s) {
        return (deliver);  # stale-while-revalidate: served now, refreshed in the background
    }
    if (!std.healthy(app_health)) {
        return (deliver);  # stale-if-error: the app is down
    }
    # Past stale-while-revalidate and the app is up: fetch a fresh copy before answering.
    set req.http.X-Newsroom-Refresh = "1";
    return (restart);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);  # a pass
    }
    if (beresp.status >= 500 && (bereq.is_bgfetch || bereq.http.X-Newsroom-Refresh)) {
        return (abandon);  # keep the stale copy (stale-if-error); see vcl_synth
    }
    if (bereq.url ~ "^/static/" && beresp.status == 200 && beresp.http.Cache-Control ~ "(?i)immutable"
        && beresp.http.Cache-Control !~ "(?i)(private|no-store|no-cache)" && !beresp.http.Set-Cookie) {
        # A hashed static file (WhiteNoise: `max-age=315360000, public, immutable`, no s-maxage): its
        # name changes with its content, so a copy can never be stale. The one exception to s-maxage.
        set beresp.ttl = 1d;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.ttl <= 0s  # Varnish's TTL from s-maxage (less Age), before max-age
        || beresp.http.Cache-Control !~ "(?i)(^|[ ,])s-maxage=0*[1-9]"
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*") {
        # Hit-for-miss: for 2 minutes the requests for this object go to the app, in parallel and
        # without waiting for each other, until a cacheable answer replaces this marker.
        set beresp.ttl = 120s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Grace = max(stale-while-revalidate, stale-if-error); 0 when neither is given.
    set beresp.grace = 0s;
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=\d") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            "^.*(?i)stale-while-revalidate=(\d+).*$", "\1s"), 0s);
    }
    if (beresp.http.Cache-Control ~ "(?i)stale-if-error=\d" && std.duration(regsub(beresp.http.Cache-Control,
            "^.*(?i)stale-if-error=(\d+).*$", "\1s"), 0s) > beresp.grace) {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            "^.*(?i)stale-if-error=(\d+).*$", "\1s"), 0s);
    }
    # Kept a little longer for conditional refreshes (If-None-Match); never served from keep.
    set beresp.keep = 60s;
    # The xkey vmod indexes the object under the tags of its `xkey` header.
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch || bereq.http.X-Newsroom-Refresh) {
        return (abandon);  # keep the stale copy (stale-if-error); see vcl_synth
    }
}

sub vcl_deliver {
    # The tags are for caches; clients get none of them.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";  # a pass, or an answer Varnish may not store (hit-for-miss)
    } elsif (obj.hits > 0) {
        if (obj.ttl >= 0s) {
            set resp.http.X-Cache = "HIT";
        } else {
            set resp.http.X-Cache = "HIT-STALE";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Cache-Control goes out as the app wrote it (browsers: max-age=0, must-revalidate).
    return (deliver);
}

sub vcl_synth {
    if (resp.status == 503 && req.http.X-Newsroom-Refresh && !req.http.X-Newsroom-Stale-Ok) {
        # The refresh vcl_hit asked for failed: serve the stale copy instead (stale-if-error).
        unset req.http.X-Newsroom-Refresh;
        set req.http.X-Newsroom-Stale-Ok = "1";
        return (restart);
    }
    set resp.http.Cache-Control = "no-store";
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
