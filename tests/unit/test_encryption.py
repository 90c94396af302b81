"""Unit tests for tempest_orm.encryption: Fernet tokens keyed from SIGNING_KEY."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tempest_orm import encryption
from tempest_orm.encryption import (
    DecryptionFailed,
    EncryptionError,
    EncryptionKeyMissing,
    decrypt,
    encrypt,
    is_encrypted,
    rotate,
)

CURRENT = "current-signing-key-3f9a1c7e"
OLD = "old-signing-key-0b2d4e6f"
OLDER = "older-signing-key-9c8b7a65"
SECRET = "my very secret api token"


@pytest.fixture(autouse=True)
def signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNING_KEY", CURRENT)
    monkeypatch.delenv("SIGNING_KEY_PREVIOUS", raising=False)


def use_keys(
    monkeypatch: pytest.MonkeyPatch, current: str, previous: str | None = None
) -> None:
    monkeypatch.setenv("SIGNING_KEY", current)
    if previous is None:
        monkeypatch.delenv("SIGNING_KEY_PREVIOUS", raising=False)
    else:
        monkeypatch.setenv("SIGNING_KEY_PREVIOUS", previous)


def documented_fernet(key: str) -> Fernet:
    kdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"tempest_orm.encryption",
        info=b"fernet-key-v1",
    )
    return Fernet(base64.urlsafe_b64encode(kdf.derive(key.encode("utf-8"))))


@pytest.mark.parametrize("plain", [SECRET, "", "ünïcødé 🔐", "x" * 10_000, "a\x00b"])
def test_round_trip(plain: str) -> None:
    assert decrypt(encrypt(plain)) == plain


def test_token_does_not_contain_the_plain_text() -> None:
    token = encrypt(SECRET)
    assert SECRET not in token
    assert "secret" not in token
    encoded = base64.urlsafe_b64encode(SECRET.encode()).decode()
    assert encoded[:12] not in token


def test_tokens_differ_for_the_same_plain_text() -> None:
    assert encrypt(SECRET) != encrypt(SECRET)


def test_token_is_a_bare_fernet_token_under_the_documented_key() -> None:
    token = encrypt(SECRET)
    assert isinstance(token, str)
    assert documented_fernet(CURRENT).decrypt(token.encode()) == SECRET.encode()


def test_tokens_from_plain_fernet_under_the_derived_key_decrypt() -> None:
    token = documented_fernet(CURRENT).encrypt(b"made elsewhere").decode()
    assert decrypt(token) == "made elsewhere"


def test_surrounding_whitespace_of_the_key_is_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = encrypt(SECRET)
    use_keys(monkeypatch, f"  {CURRENT}\n")
    assert decrypt(token) == SECRET


def test_the_key_is_read_at_each_use(monkeypatch: pytest.MonkeyPatch) -> None:
    first = encrypt(SECRET)
    use_keys(monkeypatch, OLD)
    second = encrypt(SECRET)

    with pytest.raises(DecryptionFailed):
        decrypt(first)
    assert decrypt(second) == SECRET


# is_encrypted


def test_tokens_are_recognised() -> None:
    for plain in ["", "short", "x" * 100]:
        assert is_encrypted(encrypt(plain))


def test_tokens_of_an_unknown_key_are_still_recognised() -> None:
    assert is_encrypted(Fernet(Fernet.generate_key()).encrypt(b"other app").decode())


def test_an_encrypted_value_is_not_encrypted_twice() -> None:
    token = encrypt(SECRET)
    stored = token if is_encrypted(token) else encrypt(token)
    assert stored == token
    assert decrypt(stored) == SECRET


@pytest.mark.parametrize(
    "value",
    [
        "",
        SECRET,
        "gAAAAA",
        "gAAAAABrEaOf5tDhtlJK7_FMgFFNewoPVIsTXl7NCQgXrhRS",
        base64.urlsafe_b64encode(b"\x00" * 73).decode(),
        base64.urlsafe_b64encode(b"\x80" * 74).decode(),
        base64.urlsafe_b64encode(b"\x80" * 57).decode(),
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwiA",
        "g" * 100,
    ],
)
def test_other_values_are_not_taken_for_tokens(value: str) -> None:
    assert not is_encrypted(value)


def test_damaged_tokens_are_not_taken_for_tokens() -> None:
    token = encrypt(SECRET)
    assert not is_encrypted(token.rstrip("="))
    assert not is_encrypted(token[:-8])
    assert not is_encrypted(token + " ")
    assert not is_encrypted(" " + token)
    assert not is_encrypted(token.replace("-", "+").replace("_", "/") + "!")
    assert not is_encrypted(token[:10] + "é" + token[11:])


def test_non_strings_are_not_tokens() -> None:
    token = encrypt(SECRET)
    assert not is_encrypted(token.encode())  # type: ignore[arg-type]
    assert not is_encrypted(None)  # type: ignore[arg-type]


def test_is_encrypted_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    token = encrypt(SECRET)
    monkeypatch.delenv("SIGNING_KEY")
    assert is_encrypted(token)
    assert not is_encrypted(SECRET)


# key rotation


def test_previous_keys_decrypt_old_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    use_keys(monkeypatch, OLD)
    old_token = encrypt(SECRET)

    use_keys(monkeypatch, CURRENT, previous=OLD)
    assert decrypt(old_token) == SECRET


def test_old_tokens_fail_once_the_old_key_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_keys(monkeypatch, OLD)
    old_token = encrypt(SECRET)

    use_keys(monkeypatch, CURRENT)
    with pytest.raises(DecryptionFailed):
        decrypt(old_token)


def test_several_previous_keys_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    use_keys(monkeypatch, OLDER)
    older_token = encrypt("older")
    use_keys(monkeypatch, OLD)
    old_token = encrypt("old")

    use_keys(monkeypatch, CURRENT, previous=f" {OLD} ,, {OLDER},")
    assert decrypt(older_token) == "older"
    assert decrypt(old_token) == "old"
    assert decrypt(encrypt("new")) == "new"


def test_encryption_always_uses_the_current_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_keys(monkeypatch, CURRENT, previous=OLD)
    token = encrypt(SECRET)

    assert documented_fernet(CURRENT).decrypt(token.encode()) == SECRET.encode()
    use_keys(monkeypatch, OLD)
    with pytest.raises(DecryptionFailed):
        decrypt(token)


def test_rotate_yields_a_token_the_new_key_alone_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_keys(monkeypatch, OLD)
    old_token = encrypt(SECRET)

    use_keys(monkeypatch, CURRENT, previous=OLD)
    rotated = rotate(old_token)
    assert rotated != old_token
    assert is_encrypted(rotated)

    use_keys(monkeypatch, CURRENT)
    assert decrypt(rotated) == SECRET
    use_keys(monkeypatch, OLD)
    with pytest.raises(DecryptionFailed):
        decrypt(rotated)


def test_rotate_keeps_a_current_token_readable() -> None:
    token = encrypt(SECRET)
    assert decrypt(rotate(token)) == SECRET


def test_rotate_refuses_a_token_no_key_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    use_keys(monkeypatch, OLDER)
    token = encrypt(SECRET)
    use_keys(monkeypatch, CURRENT, previous=OLD)
    with pytest.raises(DecryptionFailed) as caught:
        rotate(token)
    assert token not in str(caught.value)


# missing key


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_key_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    token = encrypt(SECRET)
    if value is None:
        monkeypatch.delenv("SIGNING_KEY")
    else:
        monkeypatch.setenv("SIGNING_KEY", value)

    attempts: list[Callable[[], str]] = [
        lambda: encrypt(SECRET),
        lambda: decrypt(token),
        lambda: rotate(token),
    ]
    for attempt in attempts:
        with pytest.raises(EncryptionKeyMissing) as caught:
            attempt()
        assert "SIGNING_KEY" in str(caught.value)
        assert SECRET not in str(caught.value)


def test_previous_keys_do_not_replace_a_missing_current_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = encrypt(SECRET)
    monkeypatch.delenv("SIGNING_KEY")
    monkeypatch.setenv("SIGNING_KEY_PREVIOUS", CURRENT)
    with pytest.raises(EncryptionKeyMissing):
        encrypt(SECRET)
    with pytest.raises(EncryptionKeyMissing):
        decrypt(token)


# wrong key and damaged tokens


def test_a_wrong_key_fails_without_revealing_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = encrypt(SECRET)
    use_keys(monkeypatch, "a-different-key")
    with pytest.raises(DecryptionFailed) as caught:
        decrypt(token)

    error = caught.value
    assert "SIGNING_KEY" in str(error)
    for leak in (token, SECRET, CURRENT, "a-different-key"):
        assert leak not in str(error)
        assert leak not in repr(error.args)
    assert error.__cause__ is None
    assert error.__suppress_context__


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t[:50] + ("B" if t[50] == "A" else "A") + t[51:],
        lambda t: t[:20],
        lambda t: "not a token at all",
        lambda t: "",
        lambda t: t[:10] + "é" + t[11:],
    ],
)
def test_damaged_tokens_fail_to_decrypt(damage: object) -> None:
    token = damage(encrypt(SECRET))  # type: ignore[operator]
    with pytest.raises(DecryptionFailed) as caught:
        decrypt(token)
    assert SECRET not in str(caught.value)
    assert caught.value.__cause__ is None


def test_a_token_holding_bytes_that_are_not_text_fails() -> None:
    token = documented_fernet(CURRENT).encrypt(b"\xff\xfe secret bytes").decode()
    with pytest.raises(DecryptionFailed) as caught:
        decrypt(token)
    assert "secret bytes" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        encrypt(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        decrypt(None)  # type: ignore[arg-type]


# error tree and speed


def test_errors_share_one_root() -> None:
    assert issubclass(EncryptionKeyMissing, EncryptionError)
    assert issubclass(DecryptionFailed, EncryptionError)
    assert issubclass(EncryptionError, Exception)
    assert not issubclass(EncryptionKeyMissing, DecryptionFailed)


def test_derived_keys_are_cached_per_key(monkeypatch: pytest.MonkeyPatch) -> None:
    derivations: list[bytes] = []
    real = HKDF.derive

    def counting(self: HKDF, material: bytes) -> bytes:
        derivations.append(material)
        return real(self, material)

    encryption._fernet.cache_clear()
    encryption._keyring.cache_clear()
    monkeypatch.setattr(HKDF, "derive", counting)

    for _ in range(25):
        decrypt(encrypt(SECRET))
    assert derivations == [CURRENT.encode()]


def test_public_names_are_exported() -> None:
    for name in encryption.__all__:
        assert hasattr(encryption, name), name
