"""The self-evaluation's part of Wagtail's admin: coordinators draft, edit and publish
framework versions (registered in ``selfeval/wagtail_hooks.py``)."""
