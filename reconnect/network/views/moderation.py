"""The Headteacher Network's moderation pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
