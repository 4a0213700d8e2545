"""Private storage for the files a group's members share.

Kept under ``VAR_DIR/private/network-groups`` (``core.private_files``: never served, random
names, mode 0600); the only way out is the group's download view, which checks membership
first.
"""

from reconnect.core.private_files import PrivateFiles

GROUP_FILES = PrivateFiles(folder="network-groups", suffix=".file")
