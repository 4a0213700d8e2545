from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo network (``manage.py seed_demo``). It has no models of its own."""

    name = "reconnect.demo"
    label = "demo"
    verbose_name = "Demo network"
