#!/usr/bin/env python3
"""Independent check of a Mutual checkpoint: its signature by the log's vkey (and, optionally,
cosignatures by witness vkeys), then its origin, size and root.

usage: check_note.py LOG_VKEY CHECKPOINT_FILE [WITNESS_VKEY ...]
exit 0 verified, 1 a signature is missing or bad, 65 malformed input."""

import sys

from tlogcheck import CheckFailed, Malformed, parse_checkpoint, parse_vkey, split_note, verify_note


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    try:
        log = parse_vkey(argv[1])
        with open(argv[2], "rb") as handle:
            data = handle.read()
        text, _ = split_note(data)
        origin, size, root = parse_checkpoint(text)
        if origin != log["name"]:
            raise CheckFailed(f"checkpoint origin {origin} is not the key's name {log['name']}")
        if not verify_note(data, log):
            raise CheckFailed("no signature by the log key")
        for witness in argv[3:]:
            if not verify_note(data, parse_vkey(witness)):
                raise CheckFailed(f"no cosignature by {witness.split('+')[0]}")
    except Malformed as error:
        print(f"check_note: malformed: {error}", file=sys.stderr)
        return 65
    except CheckFailed as error:
        print(f"check_note: FAILED: {error}", file=sys.stderr)
        return 1
    print(f"ok {origin} {size} {root.hex()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
