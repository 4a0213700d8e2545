"""The Headteacher Network's discussions pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
