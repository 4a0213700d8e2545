from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "reconnect.core"
    label = "core"
