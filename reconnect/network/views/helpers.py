"""The Headteacher Network's helpers pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
