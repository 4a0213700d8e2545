"""The Headteacher Network's search pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
