"""The Lab's outcomes pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
