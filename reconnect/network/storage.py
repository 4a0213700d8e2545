"""Private storage for files attached to posts.

Kept under ``VAR_DIR/private/network`` (``core.private_files``: never served, random names,
mode 0600); the only way out is ``network:attachment``, which checks that the reader may
read the post's thread first.
"""

from reconnect.core.private_files import PrivateFiles

ATTACHMENTS = PrivateFiles(folder="network", suffix=".attachment")
