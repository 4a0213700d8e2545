from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "reconnect.schools"
    label = "schools"
