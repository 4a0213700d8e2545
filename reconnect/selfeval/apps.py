from django.apps import AppConfig


class SelfEvalConfig(AppConfig):
    name = "reconnect.selfeval"
    label = "selfeval"
    verbose_name = "Self-evaluation"

    def ready(self) -> None:
        from reconnect.selfeval import audit_actions

        audit_actions.register()
