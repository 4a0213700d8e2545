"""The Lab's cohorts pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
