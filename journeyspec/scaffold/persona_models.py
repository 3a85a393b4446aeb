"""Persona models for ``journeyspec new persona --template``: the fields a new persona
starts from, each text a prompt marked as a placeholder until the team writes its own."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonaModel:
    """What a kind of persona is described by; every text is rendered after ``TODO:``."""

    summary: str
    role: str
    segment: str = ""
    goals: tuple[str, ...] = ()
    motivations: tuple[str, ...] = ()
    pain_points: tuple[str, ...] = ()
    current_solutions: tuple[str, ...] = ()
    decision_criteria: tuple[str, ...] = ()
    expectations: tuple[str, ...] = ()
    quote: str = ""

    def lists(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The list fields that have prompts, in the order of the file."""
        fields = (
            ("goals", self.goals),
            ("motivations", self.motivations),
            ("pain_points", self.pain_points),
            ("current_solutions", self.current_solutions),
            ("decision_criteria", self.decision_criteria),
            ("expectations", self.expectations),
        )
        return tuple((key, items) for key, items in fields if items)


GENERIC = PersonaModel(
    summary="A persona, defined once and shared by every journey mapped for it.",
    role="Role or segment of {name}",
    goals=("What {name} wants to achieve",),
    pain_points=("What gets in {name}'s way today",),
)

MODELS: dict[str, PersonaModel] = {
    "b2b-buyer": PersonaModel(
        summary="A business buyer: one member of a buying group, choosing for a company.",
        role="Job title and part in the purchase (user, evaluator, budget holder)",
        segment="Company size and industry",
        goals=(
            "What success looks like for their team after the purchase",
            "What they must justify to whoever approves the budget",
        ),
        motivations=("Why they started looking now (a trigger: growth, an audit, a failure)",),
        pain_points=("What slows the purchase: approvals, security review, unclear pricing",),
        current_solutions=("What they use today, and why it no longer fits",),
        decision_criteria=(
            "The criteria the buying group compares vendors on (price, integrations, support)",
        ),
        quote="Something they said in an interview, in their words",
    ),
    "consumer": PersonaModel(
        summary="A consumer: a person buying or using something for themselves or their family.",
        role="Life situation that shapes the journey (a student renting a first flat)",
        goals=("What they want from the product in their own terms",),
        motivations=("What makes them act now, and what makes them put it off",),
        pain_points=("What frustrates them with the options they have today",),
        current_solutions=("How they manage today, including workarounds",),
        decision_criteria=("What they compare before choosing (price, reviews, convenience)",),
        quote="Something they said in an interview, in their words",
    ),
    "employee": PersonaModel(
        summary="An employee: a person whose working day the journey (or service) is about.",
        role="Job and team, and how long they have been in it",
        goals=("What a good working day looks like for them",),
        pain_points=("Where the tools, processes or hand-offs get in their way",),
        current_solutions=("The tools and workarounds they use today",),
        expectations=("What they expect from the employer or the internal service",),
        quote="Something they said in an interview, in their words",
    ),
}
