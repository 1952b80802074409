from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`make bench`: `seed_bench`, and the bare ceiling view when settings.BENCH. No runtime module imports it."""

    name = "bench"
    verbose_name = "Benchmarks"
