"""Vulnerability spectrum views: pupils (see the brief's URL table)."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
