"""Demo domains for `seed_demo`: a primary, three mirrors and a TV-app link (reserved example host names)."""
from domains.models import Domain, PlatformLink, SiteSettings

DEMO_DOMAINS = [  # (hostname, label, is_primary, position)
    ("newsroom.example", "Main site", True, 0),
    ("mirror1.newsroom.example", "Mirror for readers where the main site is blocked", False, 1),
    ("mirror2.newsroom.example", "Second mirror", False, 2),
    ("mirror3.newsroom.example", "Third mirror", False, 3),
]


def seed_domains() -> None:
    """Create the demo domains and platform link once; a newsroom that has its own is left alone."""
    if not Domain.objects.exists():
        for hostname, label, is_primary, position in DEMO_DOMAINS:
            Domain.objects.create(hostname=hostname, label=label, is_primary=is_primary, position=position)
    site_settings = SiteSettings.load()
    if not site_settings.platform_links.exists():
        PlatformLink.objects.create(site=site_settings, label="Newsroom TV app", url="https://tv.newsroom.example/")
