"""Fernet encryption for ``Encrypted`` fields, keyed from ``SIGNING_KEY``.

The Fernet key is derived from the ``SIGNING_KEY`` environment variable (read at each
use, surrounding whitespace removed) with HKDF-SHA256: salt ``tempest_orm.encryption``,
info ``fernet-key-v1``, 32 bytes, urlsafe base64. Changing either constant would make
every stored token unreadable. ``SIGNING_KEY`` should be a long random secret; HKDF
does not slow down the guessing of a weak one.

To rotate keys, put the new key in ``SIGNING_KEY`` and the old ones, comma separated,
in ``SIGNING_KEY_PREVIOUS``: tokens made with any of them still decrypt, new tokens
always use the current key, and ``rotate`` re-encrypts a token with it.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = [
    "DecryptionFailed",
    "EncryptionError",
    "EncryptionKeyMissing",
    "decrypt",
    "encrypt",
    "is_encrypted",
    "rotate",
]

KEY_ENV = "SIGNING_KEY"
PREVIOUS_KEYS_ENV = "SIGNING_KEY_PREVIOUS"

_HKDF_SALT = b"tempest_orm.encryption"
_HKDF_INFO = b"fernet-key-v1"

# A Fernet token is version (1 byte, 0x80), timestamp (8), IV (16), ciphertext (a
# positive multiple of 16) and HMAC (32), in padded urlsafe base64.
_VERSION = 0x80
_OVERHEAD = 1 + 8 + 16 + 32
_SHORTEST = _OVERHEAD + 16
_TOKEN = re.compile(r"[A-Za-z0-9_-]+={0,2}")

_NO_KEY_OPENS = f"no key in {KEY_ENV} or {PREVIOUS_KEYS_ENV} opens this value"


class EncryptionError(Exception):
    """Root of the errors raised while encrypting or decrypting a value."""


class EncryptionKeyMissing(EncryptionError):
    """``SIGNING_KEY`` is unset or empty, so no value can be encrypted or decrypted."""


class DecryptionFailed(EncryptionError):
    """No configured key opens a token, or what it holds is not text."""


def _current_key() -> str:
    key = os.environ.get(KEY_ENV, "").strip()
    if not key:
        # Refusing here is what keeps a secret from being stored as plain text.
        raise EncryptionKeyMissing(
            f"{KEY_ENV} is not set: encrypted values can be neither written nor read "
            "without it"
        )
    return key


def _all_keys() -> tuple[str, ...]:
    current = _current_key()
    keys = [current]
    for key in os.environ.get(PREVIOUS_KEYS_ENV, "").split(","):
        key = key.strip()
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


@lru_cache(maxsize=32)
def _fernet(secret: str) -> Fernet:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=_HKDF_INFO)
    return Fernet(base64.urlsafe_b64encode(kdf.derive(secret.encode("utf-8"))))


@lru_cache(maxsize=32)
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    # MultiFernet encrypts with its first key and tries them all in order to decrypt.
    return MultiFernet([_fernet(key) for key in keys])


def _token_bytes(token: str) -> bytes:
    if not isinstance(token, str):
        raise TypeError("a token must be a str")
    try:
        return token.encode("ascii")
    except UnicodeEncodeError:
        # Raised from None: the encoding error would carry the whole text along.
        raise DecryptionFailed("the value is not a Fernet token") from None


def encrypt(plain: str) -> str:
    """Encrypt ``plain`` with the current ``SIGNING_KEY``; return the bare token."""
    if not isinstance(plain, str):
        raise TypeError("only str values can be encrypted")
    token = _fernet(_current_key()).encrypt(plain.encode("utf-8"))
    return token.decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt a token made with ``SIGNING_KEY`` or one of ``SIGNING_KEY_PREVIOUS``."""
    keyring = _keyring(_all_keys())
    try:
        data = keyring.decrypt(_token_bytes(token))
    except InvalidToken:
        raise DecryptionFailed(_NO_KEY_OPENS) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Raised from None: the decoding error holds the decrypted bytes.
        raise DecryptionFailed("the decrypted value is not UTF-8 text") from None


def rotate(token: str) -> str:
    """Re-encrypt a token with the current ``SIGNING_KEY``, whichever key made it."""
    keyring = _keyring(_all_keys())
    try:
        return keyring.rotate(_token_bytes(token)).decode("ascii")
    except InvalidToken:
        raise DecryptionFailed(_NO_KEY_OPENS) from None


def is_encrypted(value: str) -> bool:
    """Tell whether ``value`` has the shape of a Fernet token, without any key.

    Only the structure is checked (alphabet, version byte, length), not the HMAC, so a
    token made with an unknown key still counts as encrypted and is never wrapped in a
    second layer.
    """
    if not isinstance(value, str) or len(value) % 4 or not _TOKEN.fullmatch(value):
        return False
    try:
        raw = base64.urlsafe_b64decode(value)
    except (binascii.Error, ValueError):
        return False
    return (
        len(raw) >= _SHORTEST
        and (len(raw) - _OVERHEAD) % 16 == 0
        and raw[0] == _VERSION
    )
