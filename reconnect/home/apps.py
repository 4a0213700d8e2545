from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "reconnect.home"
    label = "home"
