"""The Headteacher Network's groups pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
