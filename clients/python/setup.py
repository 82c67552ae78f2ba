"""Generates the gRPC stubs, then hands over to setuptools.

The metadata lives in pyproject.toml. The stubs must exist before setuptools
looks at the packages (egg_info already does), so they are generated here,
before setup() runs: from <repo>/proto when building from a checkout, or
taken as they are in the source tree when building without it.
"""

import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_stubs  # noqa: E402

if build_stubs.DEFAULT_PROTO_ROOT.is_dir():
    build_stubs.generate()
elif not (build_stubs.GEN_DIR / "textlens" / "v1" / "service_pb2.py").is_file():
    sys.exit(f"no protos at {build_stubs.DEFAULT_PROTO_ROOT} and no generated stubs")

setup()
