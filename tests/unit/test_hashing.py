"""Unit tests for tempest_orm.hashing: argon2id PHC hashes, detection, verifying."""

from __future__ import annotations

from collections.abc import Iterator

import argon2
import pytest
from argon2.low_level import Type, hash_secret

from tempest_orm import hashing
from tempest_orm.hashing import (
    configure_hashing,
    hash_password,
    is_hash,
    needs_rehash,
    verify,
)

# A hash's parameters are all check_needs_rehash reads, so a made-up salt and digest
# of the right lengths (16 and 32 bytes) stand for a real default-cost hash.
DEFAULT_COST_HASH = "$argon2id$v=19$m=65536,t=3,p=4$" + "A" * 22 + "$" + "A" * 43


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("TEMPEST_HASH_FAST", raising=False)
    configure_hashing(time_cost=1, memory_cost=8, parallelism=1)
    yield
    configure_hashing()


def other_variant(kind: Type, version: int = 19) -> str:
    raw = hash_secret(b"secret", b"saltsaltsalt", 1, 8, 1, 16, kind, version=version)
    return raw.decode("ascii")


def test_hash_is_an_argon2id_phc_string() -> None:
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    params = argon2.extract_parameters(hashed)
    assert params.type is Type.ID
    assert "correct horse" not in hashed


def test_hashes_are_salted() -> None:
    assert hash_password("same") != hash_password("same")


def test_hash_verifies() -> None:
    hashed = hash_password("correct horse")
    assert verify(hashed, "correct horse") is True


def test_hash_verifies_with_argon2_itself() -> None:
    hashed = hash_password("correct horse")
    assert argon2.PasswordHasher().verify(hashed, "correct horse")
    with pytest.raises(argon2.exceptions.VerifyMismatchError):
        argon2.PasswordHasher().verify(hashed, "wrong horse")


def test_non_ascii_and_empty_passwords_round_trip() -> None:
    for password in ["pässwörd 🔑", "", " "]:
        assert verify(hash_password(password), password)
    assert not verify(hash_password("pässwörd"), "passwort")


def test_wrong_password_does_not_verify() -> None:
    hashed = hash_password("correct horse")
    assert verify(hashed, "Correct horse") is False
    assert verify(hashed, "") is False


@pytest.mark.parametrize(
    "malformed",
    [
        "",
        "correct horse",
        "$argon2id$",
        "$argon2id$v=19$m=8,t=1,p=1$!!!!$!!!!",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0",
        "$argon2xx$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwiA",
        "$2b$12$KIXQJ8Nw5uHjgqgJ4e8P2u8yN8mJH4bYV0QJx1Dq7b5s9Y6a6JmO2",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwi\u00e9",
    ],
)
def test_malformed_hashes_do_not_verify(malformed: str) -> None:
    assert verify(malformed, "secret") is False


def test_truncated_hash_does_not_verify() -> None:
    hashed = hash_password("secret")
    assert verify(hashed[:-5], "secret") is False


def test_non_string_hash_does_not_verify() -> None:
    assert verify(None, "secret") is False  # type: ignore[arg-type]
    assert verify(b"$argon2id$", "secret") is False  # type: ignore[arg-type]


def test_hashes_made_with_other_parameters_and_variants_verify() -> None:
    stronger = argon2.PasswordHasher(time_cost=2, memory_cost=16, parallelism=2)
    assert verify(stronger.hash("secret"), "secret")
    assert verify(other_variant(Type.I), "secret")
    assert verify(other_variant(Type.D), "secret")
    assert not verify(other_variant(Type.I), "other")


def test_own_hashes_are_detected() -> None:
    assert is_hash(hash_password("secret"))


@pytest.mark.parametrize(
    "hashed",
    [
        other_variant(Type.ID),
        other_variant(Type.I),
        other_variant(Type.D),
        other_variant(Type.I, version=16).replace("v=16$", ""),
        DEFAULT_COST_HASH,
    ],
)
def test_argon2_hashes_of_any_variant_are_detected(hashed: str) -> None:
    assert is_hash(hashed)


@pytest.mark.parametrize(
    "plain",
    [
        "",
        "secret",
        "$argon2id$",
        "$argon2id$v=19$m=8,t=1,p=1$",
        "$argon2id$v=19$m=8,t=1,p=1$short$abc",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwiA ",
        " $argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwiA",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwiA\n",
        "$argon2xd$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwiA",
        "$2b$12$KIXQJ8Nw5uHjgqgJ4e8P2u8yN8mJH4bYV0QJx1Dq7b5s9Y6a6JmO2",
        "hunter2$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$TMqaJaB0MHRSyDSQZBYwiA",
    ],
)
def test_plain_values_are_not_taken_for_hashes(plain: str) -> None:
    assert not is_hash(plain)


def test_non_strings_are_not_hashes() -> None:
    assert not is_hash(None)  # type: ignore[arg-type]
    assert not is_hash(b"$argon2id$")  # type: ignore[arg-type]


def test_an_existing_hash_is_kept_rather_than_hashed_again() -> None:
    original = hash_password("secret")
    stored = original if is_hash(original) else hash_password(original)
    assert stored == original
    assert verify(stored, "secret")

    # What keeping it prevents: a hash of the hash no longer opens with the password.
    assert not verify(hash_password(original), "secret")


def test_configured_parameters_are_used() -> None:
    configure_hashing(time_cost=2, memory_cost=16, parallelism=2)
    params = argon2.extract_parameters(hash_password("secret"))
    assert (params.time_cost, params.memory_cost, params.parallelism) == (2, 16, 2)


def test_parameters_left_out_keep_argon2_defaults() -> None:
    configure_hashing(time_cost=1)
    assert not needs_rehash(DEFAULT_COST_HASH.replace("t=3", "t=1"))


@pytest.mark.parametrize(
    "params",
    [
        {"time_cost": 0, "memory_cost": 8, "parallelism": 1},
        {"time_cost": 1, "memory_cost": 8, "parallelism": 0},
        {"time_cost": 1, "memory_cost": 15, "parallelism": 2},
        {"memory_cost": 8},
    ],
)
def test_invalid_parameters_are_refused(params: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        configure_hashing(**params)


def test_configuring_without_arguments_restores_the_defaults() -> None:
    configure_hashing()
    assert not needs_rehash(DEFAULT_COST_HASH)
    assert needs_rehash(other_variant(Type.ID))


def test_fast_environment_variable_picks_tiny_parameters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure_hashing()
    monkeypatch.setenv("TEMPEST_HASH_FAST", "1")
    assert hash_password("secret").startswith("$argon2id$v=19$m=8,t=1,p=1$")

    monkeypatch.setenv("TEMPEST_HASH_FAST", "0")
    assert not needs_rehash(DEFAULT_COST_HASH)


def test_explicit_configuration_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEMPEST_HASH_FAST", "1")
    configure_hashing(time_cost=2, memory_cost=16, parallelism=1)
    assert hash_password("secret").startswith("$argon2id$v=19$m=16,t=2,p=1$")


def test_needs_rehash() -> None:
    current = hash_password("secret")
    assert needs_rehash(current) is False

    configure_hashing(time_cost=2, memory_cost=8, parallelism=1)
    assert needs_rehash(current) is True
    assert needs_rehash(other_variant(Type.I)) is True


@pytest.mark.parametrize("broken", ["", "secret", "$argon2id$v=19$m=8"])
def test_malformed_hashes_need_rehash(broken: str) -> None:
    assert needs_rehash(broken) is True


def test_public_names_are_exported() -> None:
    for name in hashing.__all__:
        assert callable(getattr(hashing, name)), name
