from django.apps import AppConfig


class SpectrumConfig(AppConfig):
    name = "reconnect.spectrum"
    label = "spectrum"
    verbose_name = "Vulnerability spectrum"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from reconnect.spectrum import audit_actions
        from reconnect.spectrum.templatetags import spectrum_nav

        audit_actions.register()

        # The header's "Pupil data" item is worked out once at sign-in and kept in the
        # session, so no page pays a query for it.
        user_logged_in.connect(
            spectrum_nav.remember_on_sign_in, dispatch_uid="spectrum-nav-on-sign-in"
        )
