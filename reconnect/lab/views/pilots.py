"""The Lab's pilots pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
