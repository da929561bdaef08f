"""Per-document language detection restricted to the languages kg supports."""

from __future__ import annotations

from functools import lru_cache

SUPPORTED_LANGUAGES = ("en", "it")


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(SUPPORTED_LANGUAGES))
    return ident


def detect_language(text: str, default: str = "en") -> str:
    """Return ``"en"`` or ``"it"`` for ``text`` (``default`` when there is nothing to judge)."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 3:
        return default
    lang, _prob = _identifier().classify(sample)
    return lang if lang in SUPPORTED_LANGUAGES else default
