#!/usr/bin/env python3
"""A plain verifier of the Mutual ledger format v1 in Python, with the `cryptography` package.

BASELINE ONLY: this is what a user could write instead of running `mutual verify`; the
benchmark (Ops/bench) runs it on the same ledger in the same run to compare. It is not part of
the product and checks less than Mutual does: each line canonical (re-encoded and compared),
seq contiguous, the prev chain, event ids unique, genesis first, every signature under a key
enrolled and not revoked at that point, actor events by a steward. It does not check the
partnership rules, bodies, the Merkle tree or checkpoints (all of which Mutual's verify does).

usage: verify.py LEDGER_DIR       exit 0 valid, 1 invalid (first failure on stderr), 2 usage
needs: pip install cryptography
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

DOMAIN = b"mutual/event/v1\n"


class Invalid(Exception):
    pass


def no_floats(text):
    raise Invalid("floating-point number")


def no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise Invalid("duplicate member " + key)
        seen[key] = value
    return seen


def canonical(value):
    """RFC 8785 for the ledger's value space (no floats): sorted keys, no whitespace, minimal escapes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def key_id(raw):
    return "ed25519:" + hashlib.sha256(raw).digest()[:8].hex()


def verify(directory):
    keys = {}      # key id -> {"actor", "key", "roles", "revoked"}
    actors = {}    # actor -> [key ids]
    ids = set()
    prev = "0" * 64
    seq = 0
    with open(directory + "/events.jsonl", "rb") as log:
        for raw in log:
            if not raw.endswith(b"\n"):
                raise Invalid(f"seq {seq}: torn tail")
            line = raw[:-1]
            try:
                obj = json.loads(line, parse_float=no_floats, object_pairs_hook=no_duplicates)
            except ValueError as error:
                raise Invalid(f"seq {seq}: not JSON ({error})")
            if canonical(obj) != line:
                raise Invalid(f"seq {seq}: not canonical")
            if sorted(obj) != ["event", "prev", "seq", "sig", "v"] or obj["v"] != 1:
                raise Invalid(f"seq {seq}: bad envelope")
            if obj["seq"] != seq:
                raise Invalid(f"seq {seq}: expected seq {seq}, found {obj['seq']}")
            if obj["prev"] != prev:
                raise Invalid(f"seq {seq}: prev does not match")
            event = obj["event"]
            if event["id"] in ids:
                raise Invalid(f"seq {seq}: event id reused")
            ids.add(event["id"])
            author = event["author"]
            body = event["body"]
            if seq == 0:
                if event["type"] != "ledger.genesis":
                    raise Invalid("seq 0: not a genesis line")
                raw_key = base64.b64decode(body["stewardKey"], validate=True)
                if key_id(raw_key) != author:
                    raise Invalid("seq 0: genesis not signed by its steward key")
                public = Ed25519PublicKey.from_public_bytes(raw_key)
                keys[author] = {"actor": "genesis", "key": public, "roles": ["steward"], "revoked": None}
                actors["genesis"] = [author]
            else:
                entry = keys.get(author)
                if entry is None or entry["revoked"] is not None:
                    raise Invalid(f"seq {seq}: key {author} not enrolled or revoked")
                public = entry["key"]
                if event["type"] in ("actor.enrolled", "actor.revoked") and "steward" not in entry["roles"]:
                    raise Invalid(f"seq {seq}: actor events need a steward")
            signature = base64.b64decode(obj["sig"], validate=True)
            try:
                public.verify(signature, DOMAIN + canonical(event))
            except InvalidSignature:
                raise Invalid(f"seq {seq}: signature does not verify for key {author}")
            if event["type"] == "actor.enrolled":
                raw_key = base64.b64decode(body["publicKey"], validate=True)
                new_id = key_id(raw_key)
                if new_id in keys:
                    raise Invalid(f"seq {seq}: key enrolled twice")
                keys[new_id] = {"actor": body["actor"], "key": Ed25519PublicKey.from_public_bytes(raw_key),
                                "roles": body["roles"], "revoked": None}
                actors.setdefault(body["actor"], []).append(new_id)
            elif event["type"] == "actor.revoked":
                for revoked in actors.get(body["actor"], []):
                    keys[revoked]["revoked"] = seq
            prev = hashlib.sha256(line).hexdigest()
            seq += 1
    if seq == 0:
        raise Invalid("empty log")
    return seq


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    try:
        count = verify(argv[1])
    except (Invalid, KeyError, TypeError) as error:
        print(f"invalid: {error}", file=sys.stderr)
        return 1
    print(f"valid: {count} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
