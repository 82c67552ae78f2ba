#!/usr/bin/env python3
"""Generates the textlens gRPC stubs into the textlens_client package.

Runs ``grpc_tools.protoc`` on ``<repo>/proto/textlens/v1/*.proto`` and writes
the modules under ``src/textlens_client/_gen/textlens/v1``. protoc writes
absolute imports (``from textlens.v1 import document_pb2``); they are
rewritten to point into the package so that the generated code needs no
entry on ``sys.path``. The shared gRPC service config
(``<repo>/clients/service-config.json``) is copied next to the package's
modules, where the client loads it.

Usage: python build_stubs.py [--proto-root DIR] [--service-config FILE]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PACKAGE_DIR = HERE / "src" / "textlens_client"
GEN_DIR = PACKAGE_DIR / "_gen"
GEN_PACKAGE = "textlens_client._gen"
DEFAULT_PROTO_ROOT = REPO / "proto"
DEFAULT_SERVICE_CONFIG = REPO / "clients" / "service-config.json"
PROTO_PACKAGE_DIR = Path("textlens") / "v1"

# "from textlens.v1 import x_pb2" and "import textlens.v1.x_pb2" forms.
_FROM_IMPORT = re.compile(r"^from textlens\.v1 import ", re.MULTILINE)
_PLAIN_IMPORT = re.compile(r"^import textlens\.v1\.", re.MULTILINE)


def _rewrite_imports(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    source = _FROM_IMPORT.sub(f"from {GEN_PACKAGE}.textlens.v1 import ", source)
    source = _PLAIN_IMPORT.sub(f"import {GEN_PACKAGE}.textlens.v1.", source)
    path.write_text(source, encoding="utf-8")


def generate(proto_root: Path = DEFAULT_PROTO_ROOT,
             service_config: Path = DEFAULT_SERVICE_CONFIG) -> list[Path]:
    """Regenerates the stubs and copies the service config.

    Returns the generated Python modules. Raises RuntimeError when protoc
    fails or an input is missing.
    """
    # Imported here so that importing this module (e.g. from setup.py) does
    # not need grpcio-tools until generation actually runs.
    from grpc_tools import protoc

    protos = sorted((proto_root / PROTO_PACKAGE_DIR).glob("*.proto"))
    if not protos:
        raise RuntimeError(f"no .proto files under {proto_root / PROTO_PACKAGE_DIR}")
    if not service_config.is_file():
        raise RuntimeError(f"service config not found: {service_config}")

    shutil.rmtree(GEN_DIR, ignore_errors=True)
    GEN_DIR.mkdir(parents=True)
    # The well-known types (any.proto, struct.proto) ship with grpcio-tools.
    well_known = Path(protoc.__file__).resolve().parent / "_proto"
    args = [
        "grpc_tools.protoc",
        f"--proto_path={proto_root}",
        f"--proto_path={well_known}",
        f"--python_out={GEN_DIR}",
        f"--pyi_out={GEN_DIR}",
        f"--grpc_python_out={GEN_DIR}",
        *(str(p.relative_to(proto_root)) for p in protos),
    ]
    if protoc.main(args) != 0:
        raise RuntimeError("protoc failed on " + " ".join(args[1:]))

    # Make every directory of the generated tree a regular package.
    for directory in [GEN_DIR, *(p for p in GEN_DIR.rglob("*") if p.is_dir())]:
        (directory / "__init__.py").touch()
    modules = sorted(GEN_DIR.rglob("*_pb2*.py")) + sorted(GEN_DIR.rglob("*_pb2*.pyi"))
    for module in modules:
        _rewrite_imports(module)

    shutil.copyfile(service_config, PACKAGE_DIR / "service-config.json")
    return modules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proto-root", type=Path, default=DEFAULT_PROTO_ROOT,
                        help="directory holding textlens/v1/*.proto")
    parser.add_argument("--service-config", type=Path, default=DEFAULT_SERVICE_CONFIG,
                        help="the shared gRPC service config (JSON)")
    args = parser.parse_args(argv)
    try:
        modules = generate(args.proto_root.resolve(), args.service_config.resolve())
    except RuntimeError as error:
        print(f"build_stubs: {error}", file=sys.stderr)
        return 1
    print(f"build_stubs: {len(modules)} files in {GEN_DIR.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
