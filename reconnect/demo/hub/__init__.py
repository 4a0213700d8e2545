"""The Knowledge Hub's demo content: plain data written by us, and the loader that publishes it.

Each content module holds one type as frozen dataclasses (no database), so the text can be
read and reviewed like a document; ``load.hub_content_load`` turns it into published
Wagtail pages. Everything here is demonstration material: the EEF figures are the public
headline figures as our domain research read them, and must be re-checked on the live EEF
site before anyone relies on them.
"""
