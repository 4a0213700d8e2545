from django.apps import AppConfig


class LabConfig(AppConfig):
    name = "reconnect.lab"
    label = "lab"
    verbose_name = "Innovation Lab"
