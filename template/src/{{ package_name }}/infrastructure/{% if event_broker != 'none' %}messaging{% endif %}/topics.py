"""Topic patterns in the AMQP style: ``*`` is exactly one word, ``#`` zero or more words."""

from dataclasses import dataclass
from functools import lru_cache

from ...kernel.messages import ErrorMessages, format_message

ONE_WORD = "*"
ANY_WORDS = "#"


def _words(text: str, *, kind: str, wildcards: bool) -> tuple[str, ...]:
    words = tuple(text.split("."))
    reserved = set() if wildcards else {ONE_WORD, ANY_WORDS}
    if not all(words) or any(
        word in reserved or (len(word) > 1 and (ONE_WORD in word or ANY_WORDS in word))
        for word in words
    ):
        raise ValueError(
            format_message(
                ErrorMessages.MESSAGING.INVALID_TOPIC,
                topic=text,
                kind=kind,
                wildcards="; '*' and '#' stand alone as whole words" if wildcards else "",
            )
        )
    return words


def topic_words(topic: str) -> tuple[str, ...]:
    """Split a concrete topic into its words, refusing empty words and wildcards."""
    return _words(topic, kind="topic", wildcards=False)


@dataclass(frozen=True, slots=True)
class TopicPattern:
    """A subscription pattern: a topic, or one with ``*`` / ``#`` words.

    ``catalog.*.created`` matches ``catalog.product.created`` only; ``catalog.#``
    matches ``catalog`` and every topic below it; ``#`` matches everything.
    """

    words: tuple[str, ...]

    @classmethod
    def parse(cls, pattern: str) -> "TopicPattern":
        """Validate and split ``pattern``."""
        return cls(_words(pattern, kind="topic pattern", wildcards=True))

    def matches(self, topic: tuple[str, ...]) -> bool:
        """Tell whether the topic (as its words) is one this pattern selects."""
        return _match(self.words, topic)


@lru_cache(maxsize=4096)
def _match(pattern: tuple[str, ...], topic: tuple[str, ...]) -> bool:
    if not pattern:
        return not topic
    head, rest = pattern[0], pattern[1:]
    if head == ANY_WORDS:
        # Either '#' stands for no word, or it swallows one more word and stays.
        return _match(rest, topic) or (bool(topic) and _match(pattern, topic[1:]))
    if not topic:
        return False
    return (head in {ONE_WORD, topic[0]}) and _match(rest, topic[1:])
