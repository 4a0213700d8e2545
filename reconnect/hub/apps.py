from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "reconnect.hub"
    label = "hub"
