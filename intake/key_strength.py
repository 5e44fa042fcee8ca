"""Whether an application encryption key is random and long enough.

Free of Django, so the production settings can refuse a weak key before Django starts;
the deploy check (intake/checks.py) says the same for `check --deploy`.
"""

import math
import re
import string

MIN_KEY_ENTROPY_BITS = 256


def key_entropy_bits(key):
    """A generous estimate of a key's entropy, in bits, assuming it was made at random.

    Per character: 4 bits for a hex key, 6 for URL-safe base64 (what `secrets.token_hex`
    and `secrets.token_urlsafe` make), else the bits of the character classes it uses;
    never more than a key with that few distinct characters could hold, so "k" * 43, "ab"
    repeated or a word repeated scores low. `secrets.token_urlsafe(32)` scores 258.
    """
    distinct = len(set(key))
    if distinct < 8:  # a pattern, however long
        return 0.0
    if re.fullmatch(r"(?:[0-9a-f]{2})+|(?:[0-9A-F]{2})+", key):
        per_character = 4.0
    elif re.fullmatch(r"[A-Za-z0-9_-]+=*", key):
        per_character = 6.0
    else:
        classes = [string.ascii_lowercase, string.ascii_uppercase, string.digits]
        alphabet = sum(len(chars) for chars in classes if any(c in chars for c in key))
        if any(not any(c in chars for chars in classes) for c in key):
            alphabet += 33
        per_character = math.log2(alphabet)
    return len(key.rstrip("=")) * min(per_character, math.log2(distinct * 3))


def weak_keys(primary, fallbacks):
    """The names of the keys with less than MIN_KEY_ENTROPY_BITS of estimated entropy."""
    return [
        name
        for name, key in [("APPLICATION_ENCRYPTION_KEY", primary)]
        + [(f"APPLICATION_ENCRYPTION_KEY_FALLBACKS[{i}]", k) for i, k in enumerate(fallbacks)]
        if key_entropy_bits(key) < MIN_KEY_ENTROPY_BITS
    ]
