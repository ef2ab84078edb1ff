#!/usr/bin/env python3
"""Independent check of a Mutual proof (JSON from `mutual prove ... --json`, or a C2SP tlog-proof).

usage: check_proof.py inclusion LOG_VKEY PROOF_FILE [LINE_FILE]
       check_proof.py consistency LOG_VKEY PROOF_FILE OLD_CHECKPOINT_FILE
exit 0 verified, 1 the proof fails, 65 malformed input."""

import json
import sys

from tlogcheck import (CheckFailed, Malformed, b64, check_consistency, inclusion_root, leaf_hash,
                       parse_checkpoint, parse_vkey, split_note, verify_note)


def opened(note, log):
    text, _ = split_note(note)
    origin, size, root = parse_checkpoint(text)
    if origin != log["name"] or not verify_note(note, log):
        raise CheckFailed("checkpoint not signed by the log key for its origin")
    return size, root


def read_inclusion(data):
    if data.startswith(b"c2sp.org/tlog-proof@v1\n"):
        head, _, note = data.partition(b"\n\n")
        lines = head.decode().split("\n")[1:]
        if lines and lines[0].startswith("extra "):
            lines = lines[1:]
        if not lines or not lines[0].startswith("index "):
            raise Malformed("no index line")
        return int(lines[0][6:]), None, None, [b64(h) for h in lines[1:]], note
    try:
        proof = json.loads(data)
        leaf = b64(proof["leafHash"]) if "leafHash" in proof else None
        return proof["index"], proof["size"], leaf, [b64(h) for h in proof["hashes"]], proof["checkpoint"].encode()
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise Malformed(f"not a proof: {error}") from error


def inclusion(log, data, line):
    index, size, leaf, path, note = read_inclusion(data)
    cp_size, root = opened(note, log)
    if size is not None and size != cp_size:
        raise CheckFailed("proof size is not the checkpoint's")
    if line is not None:
        computed = leaf_hash(line[:-1] if line.endswith(b"\n") else line)
        if leaf is not None and leaf != computed:
            raise CheckFailed("the line is not the proof's leaf")
        leaf = computed
    if leaf is None:
        raise Malformed("a tlog-proof needs the line")
    if inclusion_root(index, cp_size, leaf, path) != root:
        raise CheckFailed("inclusion proof does not lead to the checkpoint's root")
    return f"ok inclusion {index} {cp_size}"


def consistency(log, data, old):
    try:
        proof = json.loads(data)
        first, second, path, note = proof["from"], proof["to"], [b64(h) for h in proof["hashes"]], proof["checkpoint"].encode()
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise Malformed(f"not a proof: {error}") from error
    new_size, new_root = opened(note, log)
    old_size, old_root = opened(old, log)
    if (old_size, new_size) != (first, second):
        raise CheckFailed("proof sizes are not the checkpoints'")
    check_consistency(first, second, old_root, new_root, path)
    return f"ok consistency {first} {second}"


def main(argv):
    if len(argv) < 4 or argv[1] not in ("inclusion", "consistency"):
        print(__doc__, file=sys.stderr)
        return 64
    try:
        log = parse_vkey(argv[2])
        with open(argv[3], "rb") as handle:
            data = handle.read()
        extra = None
        if len(argv) > 4:
            with open(argv[4], "rb") as handle:
                extra = handle.read()
        if argv[1] == "inclusion":
            print(inclusion(log, data, extra))
        else:
            if extra is None:
                raise Malformed("give the old checkpoint")
            print(consistency(log, data, extra))
    except Malformed as error:
        print(f"check_proof: malformed: {error}", file=sys.stderr)
        return 65
    except CheckFailed as error:
        print(f"check_proof: FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
