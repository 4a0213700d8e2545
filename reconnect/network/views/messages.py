"""The Headteacher Network's messages pages."""

from django.urls import URLPattern

URLS: list[URLPattern] = []
