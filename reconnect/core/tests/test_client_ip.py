"""The audit log's "from where" believes X-Forwarded-For only as far as the declared proxies."""

from django.test import RequestFactory

from reconnect.core.audit import client_ip

FORWARDED = "198.51.100.7, 203.0.113.9"  # a forged first entry, then what our proxy saw


def _request():
    return RequestFactory().get("/", HTTP_X_FORWARDED_FOR=FORWARDED, REMOTE_ADDR="10.0.0.2")


def test_without_declared_proxies_the_socket_address_is_used(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0

    assert client_ip(_request()) == "10.0.0.2"


def test_behind_one_declared_proxy_the_address_it_saw_is_used(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    assert client_ip(_request()) == "203.0.113.9"


def test_fewer_hops_than_declared_records_no_address_rather_than_a_forged_one(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 3

    assert client_ip(_request()) is None


def test_no_request_means_no_address():
    assert client_ip(None) is None
