"""Vulnerability spectrum views: data_settings (see the brief's URL table)."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
