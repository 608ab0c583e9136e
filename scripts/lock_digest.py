"""Print a digest of pyproject.toml's dependency lists: what the lock files were made from.

scripts/lock.sh writes it into requirements*.txt; scripts/setup.sh compares it with the digest of
the pyproject.toml it finds, so a lock made from other dependency lists is noticed (and made
again) however the files came together: an edit, a merge, a rebase.
"""

import hashlib
import json
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text())[
    "project"
]
spec = {
    "requires-python": project.get("requires-python"),
    "dependencies": sorted(project.get("dependencies", [])),
    "optional-dependencies": {
        name: sorted(deps) for name, deps in project.get("optional-dependencies", {}).items()
    },
}
print(hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16])
