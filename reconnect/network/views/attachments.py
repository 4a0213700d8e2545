"""The Headteacher Network's attachment downloads."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
