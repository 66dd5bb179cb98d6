"""The priority portfolios on the generated country: the classifier's suggestions, confirmed in part by an analyst.

Runs after the country is loaded (``niokr generate`` → ``country._policy_pilot``). The classifier
suggests a tag for every agreement and result that no source column tags (directly or through its
project); then the demo's policy analyst works through the review list as a person would on a
first pass: the confident suggestions are mostly confirmed a page at a time, a share of the
uncertain ones is corrected to "other" (mining and oil R&D outside the three priorities), and the
rest stays waiting for a person. Deterministic: ``random.Random(f"{seed}:portfolio")`` over rows
in primary-key order.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from niokr.accounts.choices import Role
from niokr.portfolio.choices import SubjectKind
from niokr.portfolio.models import PriorityTag
from niokr.portfolio.services import BULK_CONFIRM_MAX, bulk_confirm, confirm_tag, suggest_tags

__all__ = ["build"]

#: Confidence from which the analyst mostly confirms a suggestion as it is.
CONFIDENT = Decimal("0.55")
#: Share of the confident suggestions confirmed on the first pass; of the uncertain ones, corrected to "other".
CONFIRM_SHARE = 0.7
CORRECT_SHARE = 0.25


def _analyst():
    User = get_user_model()
    analyst = User.objects.filter(memberships__role=Role.POLICY_ANALYST, is_active=True).order_by("pk").first()
    return analyst or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def build(seed: int) -> dict[str, int]:
    """Suggest tags for the untagged agreements and results and confirm a realistic part of them.

    Returns:
        Row counts: suggestions written per kind, tags confirmed as suggested, tags corrected.
    """
    rng = random.Random(f"{seed}:portfolio")
    written = suggest_tags(kinds=[SubjectKind.AGREEMENT, SubjectKind.RESULT])
    counts = {f"portfolio.suggested_{kind}": n for kind, n in written.items()}
    analyst = _analyst()
    confirmed = corrected = 0
    if analyst is not None:
        pending = PriorityTag.objects.filter(confirmed_at__isnull=True, subject_kind__in=[SubjectKind.AGREEMENT, SubjectKind.RESULT]).exclude(suggested_direction="").order_by("subject_kind", "subject_id")
        to_confirm: list[int] = []
        for tag in pending.iterator(chunk_size=2000):
            if tag.confidence is not None and tag.confidence >= CONFIDENT:
                if rng.random() < CONFIRM_SHARE:
                    to_confirm.append(tag.pk)
            elif tag.suggested_direction != "other" and rng.random() < CORRECT_SHARE:
                confirm_tag(actor=analyst, kind=tag.subject_kind, subject_id=tag.subject_id, direction="other", sector="", note="Горно-металлургическая или нефтегазовая тематика вне трёх приоритетов")
                corrected += 1
        for start in range(0, len(to_confirm), BULK_CONFIRM_MAX):
            confirmed += bulk_confirm(actor=analyst, tag_ids=to_confirm[start : start + BULK_CONFIRM_MAX])
    counts["portfolio.confirmed"] = confirmed
    counts["portfolio.corrected"] = corrected
    return counts
