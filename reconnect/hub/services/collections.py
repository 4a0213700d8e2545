"""The "Members only" document collection: files in it need a signed-in member.

Wagtail checks a collection's view restrictions whenever it serves a document, so a visitor
following a link to a file in this collection is sent to sign in, and any member (every
account is a member) gets the file. Editors choose the collection when they upload.
"""

from django.db import transaction
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

MEMBERS_ONLY_COLLECTION = "Members only"


@transaction.atomic
def members_only_collection_ensure() -> Collection:
    """Create the collection and its sign-in restriction if missing. Idempotent.

    Found by name among the root's children, so a coordinator who renames it creates a new
    one on the next migrate rather than losing the restriction; a restriction an
    administrator removed by hand is put back.
    """
    root = Collection.get_first_root_node()
    if root is None:
        root = Collection.add_root(name="Root")
    collection = root.get_children().filter(name=MEMBERS_ONLY_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=MEMBERS_ONLY_COLLECTION)
    CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    )
    return collection
