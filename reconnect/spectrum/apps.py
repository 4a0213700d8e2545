from django.apps import AppConfig


class SpectrumConfig(AppConfig):
    name = "reconnect.spectrum"
    label = "spectrum"
    verbose_name = "Vulnerability spectrum"
