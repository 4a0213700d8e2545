"""Private storage for the files a learning trio shares in its workspace.

Kept under ``VAR_DIR/private/lab`` (``core.private_files``: never served, random names,
mode 0600); the only way out is the workspace's download view, which checks access first.
"""

from reconnect.core.private_files import PrivateFiles

TRIO_FILES = PrivateFiles(folder="lab", suffix=".file")

lab_file_dir = TRIO_FILES.directory
lab_file_path = TRIO_FILES.path
lab_file_save = TRIO_FILES.save
lab_file_exists = TRIO_FILES.exists
lab_file_delete = TRIO_FILES.delete
