"""Private storage for uploaded pupil files while they wait to be checked and imported.

Kept under ``VAR_DIR/private/uploads`` (``core.private_files``: never served, random names,
mode 0600), and deleted as soon as its import finishes; ``services.housekeeping`` deletes
whatever is left after 24 hours.
"""

from reconnect.core.private_files import PrivateFiles

UPLOADS = PrivateFiles(folder="uploads", suffix=".upload")

upload_dir = UPLOADS.directory
upload_save = UPLOADS.save
upload_read = UPLOADS.read  # None when the file is gone (purged, or already processed)
upload_exists = UPLOADS.exists
upload_delete = UPLOADS.delete
uploads_older_than = UPLOADS.older_than
