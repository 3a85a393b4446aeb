"""Stage models for ``journeyspec new journey --template``: the stages and steps a new map
starts from, as data the journey template renders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StepSeed:
    id: str
    name: str
    does: str
    touchpoint: str
    touchpoint_name: str
    frontstage: str = ""
    backstage: str = ""


@dataclass(frozen=True)
class StageSeed:
    id: str
    name: str
    phase: str | None
    steps: tuple[StepSeed, ...]


@dataclass(frozen=True)
class StageModel:
    name: str
    summary: str
    kind: str
    objective: str
    stages: tuple[StageSeed, ...]
    narrow: bool = False


def _stage(id: str, name: str, phase: str | None, *steps: StepSeed) -> StageSeed:
    return StageSeed(id, name, phase, steps)


MODELS: dict[str, StageModel] = {
    "lifecycle-5": StageModel(
        "lifecycle-5",
        "A five-stage lifecycle: awareness, consideration, purchase, retention, advocacy.",
        "current-state",
        "Where do customers drop off between first hearing of us and recommending us?",
        (
            _stage("awareness", "Awareness", "pre-purchase", StepSeed(
                "notices-need", "Notices the need", "Realises the problem needs solving",
                "search-results", "Search results")),
            _stage("consideration", "Consideration", "pre-purchase", StepSeed(
                "compares-options", "Compares options", "Compares prices and reviews",
                "product-page", "Product page")),
            _stage("purchase", "Purchase", "purchase", StepSeed(
                "buys", "Buys", "Chooses a plan and pays", "checkout", "Checkout")),
            _stage("retention", "Retention", "post-purchase", StepSeed(
                "uses-product", "Uses the product", "Uses it for the first weeks",
                "welcome-email", "Welcome email")),
            _stage("advocacy", "Advocacy", "post-purchase", StepSeed(
                "recommends", "Recommends us", "Tells a friend or writes a review",
                "review-request", "Review request email")),
        ),
    ),
    "saas": StageModel(
        "saas",
        "A SaaS subscription: trial, purchase, onboarding, adoption and renewal.",
        "current-state",
        "Why do trial users not convert, and why do customers not renew?",
        (
            _stage("trial", "Trial", "pre-purchase", StepSeed(
                "signs-up", "Signs up for a trial", "Creates a trial account",
                "signup-form", "Sign-up form")),
            _stage("purchase", "Purchase", "purchase", StepSeed(
                "upgrades", "Upgrades to a paid plan", "Picks a plan and enters payment details",
                "billing-page", "Billing page")),
            _stage("onboarding", "Onboarding", "post-purchase", StepSeed(
                "sets-up", "Sets up the workspace", "Imports data and invites the team",
                "setup-guide", "Setup guide")),
            _stage("adoption", "Adoption", "post-purchase", StepSeed(
                "uses-weekly", "Uses it every week", "Makes the product part of the routine",
                "in-app-tips", "In-app tips")),
            _stage("renewal", "Renewal", "post-purchase", StepSeed(
                "decides-renewal", "Decides whether to renew",
                "Reviews the value before the subscription renews",
                "renewal-reminder", "Renewal reminder email")),
        ),
    ),
    "support-blueprint": StageModel(
        "support-blueprint",
        "A support case as a service blueprint: frontstage and backstage lanes per step.",
        "service-blueprint",
        "Where do support cases stall, and what happens behind the scenes at each step?",
        (
            _stage("report", "Reports the problem", "post-purchase", StepSeed(
                "contacts-support", "Contacts support", "Describes the problem to support",
                "contact-form", "Contact form", "Agent acknowledges the case",
                "Case is created and routed to a queue")),
            _stage("diagnosis", "Diagnosis", "post-purchase", StepSeed(
                "answers-questions", "Answers questions", "Gives the details the agent asks for",
                "support-chat", "Support chat", "Agent asks diagnostic questions",
                "Specialist checks logs and order history")),
            _stage("resolution", "Resolution", "post-purchase", StepSeed(
                "gets-fix", "Gets a fix", "Receives the fix or replacement",
                "resolution-email", "Resolution email", "Agent explains the fix",
                "Fix is shipped or the refund is processed")),
            _stage("follow-up", "Follow-up", "post-purchase", StepSeed(
                "rates-support", "Rates the support", "Answers the satisfaction survey",
                "csat-survey", "Satisfaction survey", "Survey is sent when the case closes",
                "Team reviews low scores every week")),
        ),
        narrow=True,
    ),
    "day-in-the-life": StageModel(
        "day-in-the-life",
        "A day in the life: the customer's day in four parts, where we fit and where we don't.",
        "day-in-the-life",
        "What does the customer's day look like, and where could we help?",
        (
            _stage("morning", "Morning", None, StepSeed(
                "plans-day", "Plans the day", "Checks messages and plans the day",
                "morning-newsletter", "Morning newsletter")),
            _stage("midday", "Midday", None, StepSeed(
                "main-task", "Does the main task", "Works on the task our product supports",
                "mobile-app", "Mobile app")),
            _stage("afternoon", "Afternoon", None, StepSeed(
                "follows-up", "Follows up", "Shares results with colleagues",
                "shared-report", "Shared report")),
            _stage("evening", "Evening", None, StepSeed(
                "winds-down", "Winds down", "Reviews the day and prepares tomorrow",
                "daily-summary", "Daily summary notification")),
        ),
        narrow=True,
    ),
}  # fmt: skip
