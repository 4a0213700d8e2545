import pytest

from reconnect.core.checks import check_site_url


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        ("", "SITE_URL is not set, so e-mailed links would point nowhere."),
        (
            "http://reconnect.example.org",
            "SITE_URL must be an https:// address; it is 'http://reconnect.example.org'.",
        ),
        (
            "https://elsewhere.example.net",
            "SITE_URL's host 'elsewhere.example.net' is not in ALLOWED_HOSTS.",
        ),
    ],
)
def test_a_missing_or_foreign_site_url_is_a_deploy_error(settings, site_url, message):
    settings.SITE_URL = site_url
    settings.ALLOWED_HOSTS = ["reconnect.example.org"]

    errors = check_site_url(None)

    assert [(error.id, error.msg) for error in errors] == [("reconnect.E001", message)]


def test_an_https_site_url_on_an_allowed_host_passes(settings):
    settings.SITE_URL = "https://reconnect.example.org"
    settings.ALLOWED_HOSTS = [".example.org"]

    assert check_site_url(None) == []
