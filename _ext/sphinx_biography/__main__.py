"""``python -m sphinx_biography schema``: write the data files' JSON Schema.

Editors validate and complete a data file against it once the file's first
line names it (``# yaml-language-server: $schema=<path>``); the path is
relative to the data file, so the schema is copied into the user's project.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SCHEMA = Path(__file__).with_name('data.schema.json')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m sphinx_biography')
    commands = parser.add_subparsers(dest='command', required=True)
    schema = commands.add_parser('schema', help="write the data files' JSON Schema")
    schema.add_argument('-o', '--output', type=Path, help='file to write (default: stdout)')
    args = parser.parse_args(argv)
    text = SCHEMA.read_text(encoding='utf-8')
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding='utf-8')
        print(f'wrote {args.output}; first line of a data file beside it:', file=sys.stderr)
        print(f'# yaml-language-server: $schema={args.output.name}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
