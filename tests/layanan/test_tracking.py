"""Tracking numbers: random, readable, and a mistyped character never names another application."""

from __future__ import annotations

import pytest

from plugins.layanan.tracking import ALPHABET, PREFIX, new_tracking_number, normalise


def test_a_tracking_number_has_a_prefix_ten_random_characters_and_a_check_character():
    numbers = {new_tracking_number() for _ in range(2000)}
    assert len(numbers) == 2000
    for number in numbers:
        prefix, first, second, check = number.split("-")
        assert prefix == PREFIX and len(first) == len(second) == 5 and len(check) == 1
        assert set(first + second + check) <= set(ALPHABET)
        assert normalise(number) == number


@pytest.mark.parametrize("number", [new_tracking_number() for _ in range(50)])
def test_every_single_mistyped_character_is_caught(number):
    compact = number.replace("-", "")[len(PREFIX) :]
    for position in range(len(compact)):
        for wrong in ALPHABET:
            if wrong == compact[position]:
                continue
            typo = compact[:position] + wrong + compact[position + 1 :]
            assert normalise(typo) is None, (number, typo)


def test_typing_is_forgiving_as_crockford_intends():
    number = new_tracking_number()
    assert normalise(number.lower()) == number
    assert normalise(" ".join(number.replace("-", ""))) == number
    assert normalise(number.replace(PREFIX + "-", "")) == number
    assert normalise(number.replace("0", "o").replace("1", "I")) == number
    for bad in ("", "LYN", "LYN-12345-67890", number + "0", "LYN-UUUUU-UUUUU-U", "LYN-12345-6789*-0"):
        assert normalise(bad) is None
