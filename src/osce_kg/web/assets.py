"""Front-end libraries from the npm registry (``package.json``) into ``static/vendor/``.

``npm ci`` installs the locked versions into ``node_modules/``; the built files the pages use
are copied into the git-ignored ``static/vendor/`` so the server serves them itself (offline).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from osce_kg.errors import MissingTool

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"

# (file or directory under node_modules/, destination under vendor/)
VENDOR_FILES: tuple[tuple[str, str], ...] = (
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images", "leaflet/images"),
    # the maps' country shapes (Natural Earth 1:50m, offline) and ISO numeric -> alpha codes
    ("topojson-client/dist/topojson-client.min.js", "topojson/topojson-client.min.js"),
    ("world-atlas/countries-50m.json", "world/countries-50m.json"),
    ("i18n-iso-countries/codes.json", "world/codes.json"),
)


def install_assets(project_dir: Path, *, vendor_dir: Path = VENDOR_DIR,
                   run_npm: bool = True) -> list[Path]:
    """Run ``npm ci`` in ``project_dir`` and copy the built files; returns what was written."""
    if run_npm:
        npm = shutil.which("npm")
        if npm is None:
            raise MissingTool("npm is not installed: install Node.js's npm to get the map "
                               "libraries (pages work without them)")
        done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                              cwd=project_dir, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise MissingTool(f"npm ci failed: {done.stderr.strip()[-2000:]}")
    modules = project_dir / "node_modules"
    written = []
    for source, target in VENDOR_FILES:
        src, dst = modules / source, vendor_dir / target
        if not src.exists():
            raise MissingTool(f"{src} is missing: run `npm ci` in {project_dir}")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copyfile(src, dst)
        written.append(dst)
    return written
