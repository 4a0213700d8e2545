"""The Headteacher Network's board pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
