"""The Headteacher Network's notifications pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
