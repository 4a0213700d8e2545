from django.apps import AppConfig


class LabConfig(AppConfig):
    name = "reconnect.lab"
    label = "lab"
    verbose_name = "Innovation Lab"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from reconnect.lab import audit_actions
        from reconnect.lab.templatetags import lab_nav

        audit_actions.register()

        # The header's "Lab" item is worked out once at sign-in and kept in the session, so
        # no page pays a query for it.
        user_logged_in.connect(lab_nav.remember_on_sign_in, dispatch_uid="lab-nav-on-sign-in")
