import factory

from domains.models import Domain, PlatformLink, SiteSettings


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ["hostname"]

    hostname = factory.Sequence(lambda n: f"mirror{n}.newsroom.example")
    position = factory.Sequence(lambda n: n)


class PlatformLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformLink

    site = factory.LazyFunction(SiteSettings.load)
    label = "TV app"
    url = "https://tv.newsroom.example/"
