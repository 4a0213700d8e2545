"""The Headteacher Network's polls pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
