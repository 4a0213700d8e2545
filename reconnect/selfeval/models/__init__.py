"""The self-evaluation tool: frameworks, reviews, scores, action plans and sharing."""

from reconnect.selfeval.models.frameworks import (
    Domain,
    Framework,
    FrameworkVersion,
    Statement,
    VersionStatus,
)
from reconnect.selfeval.models.levels import STRONG_FROM, Level
from reconnect.selfeval.models.plans import Action, ActionStatus, ReportShare, ShareKind
from reconnect.selfeval.models.reviews import (
    OVERALL,
    Answer,
    AnswerChange,
    DomainBenchmark,
    DomainScore,
    Review,
    ReviewContributor,
    ReviewStatus,
)

__all__ = [
    "OVERALL",
    "STRONG_FROM",
    "Action",
    "ActionStatus",
    "Answer",
    "AnswerChange",
    "Domain",
    "DomainBenchmark",
    "DomainScore",
    "Framework",
    "FrameworkVersion",
    "Level",
    "ReportShare",
    "Review",
    "ReviewContributor",
    "ReviewStatus",
    "ShareKind",
    "Statement",
    "VersionStatus",
]
