from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom (`seed_demo`, `make run`): no runtime module imports this app."""

    name = "demo"
    verbose_name = "Demo newsroom"
