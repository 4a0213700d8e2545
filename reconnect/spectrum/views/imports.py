"""Vulnerability spectrum views: imports (see the brief's URL table)."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
