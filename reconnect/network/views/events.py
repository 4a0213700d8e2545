"""The Headteacher Network's events pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
