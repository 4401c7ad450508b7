"""Typed records that cross stage boundaries (read -> clean -> extract -> load)."""

from schemas.article import CleanArticle, ExtractedArticle, RawFile
from schemas.claim import Claim, ClaimKind, Cue, Mention, SpeakerKind

__all__ = [
    "Claim",
    "ClaimKind",
    "CleanArticle",
    "Cue",
    "ExtractedArticle",
    "Mention",
    "RawFile",
    "SpeakerKind",
]
