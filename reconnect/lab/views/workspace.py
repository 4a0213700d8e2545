"""The Lab's workspace pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
