"""The Lab's evaluation pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
