"""The Lab's calculator pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
