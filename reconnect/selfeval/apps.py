from django.apps import AppConfig


class SelfEvalConfig(AppConfig):
    name = "reconnect.selfeval"
    label = "selfeval"
    verbose_name = "Self-evaluation"
