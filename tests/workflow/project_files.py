"""A small project in two versions, for the diff tests: what a pull request would change."""

from __future__ import annotations

from tests.conftest import MINIMAL_FILES

CONFIG = """\
    journeyspec: 1
    name: Diff test
    lint:
      extends: minimal
    """

BASE_JOURNEY = """\
    journeyspec: 1
    id: trial
    title: Software trial
    persona: budi
    owner: marketing
    objective: Why do trial users not convert?
    stages:
      - id: awareness
        name: Awareness
        owner: marketing
        steps:
          - id: searches
            name: Searches for software
            touchpoints: [search-ad]
            emotion: {score: -1}
          - id: reads-reviews
            name: Reads reviews
            touchpoints: [search-ad]
      - id: trial
        name: Trial
        steps:
          - id: signs-up
            name: Signs up
            touchpoints: [welcome-email]
            emotion: {score: 1}
    touchpoints:
      - id: search-ad
        name: Search ad
        channel: web
      - id: welcome-email
        name: Welcome email
        channel: email
    pain_points:
      - id: card-required
        title: "Sign-up asks for a credit card"
        step: signs-up
        severity: workaround
    opportunities:
      - id: no-card-trial
        title: Trial without a credit card
        addresses: [card-required]
        status: idea
    kpis:
      - id: trial-conversion
        name: Trial conversion
        stage: trial
        baseline: 12
        target: 20
    """

HEAD_JOURNEY = """\
    journeyspec: 1
    id: trial
    title: Software trial
    persona: budi
    owner: customer-success
    objective: Why do trial users not convert?
    stages:
      - id: awareness
        name: Awareness
        owner: marketing
        steps:
          - id: reads-reviews
            name: Compares reviews
            touchpoints: [search-ad]
          - id: searches
            name: Searches for software
            touchpoints: [search-ad]
            emotion: {score: 1}
      - id: trial
        name: Trial
        owner: customer-success
        steps:
          - id: signs-up
            name: Signs up
            touchpoints: [welcome-email]
            emotion: {score: -1}
      - id: renewal
        name: Renewal
        owner: customer-success
        steps:
          - id: renews
            name: Renews the plan
    touchpoints:
      - id: search-ad
        name: Search ad
        channel: web
      - id: welcome-email
        name: Welcome email
        channel: web
    pain_points:
      - id: confusing-pricing
        title: Plans are hard to compare
        step: signs-up
    opportunities:
      - id: no-card-trial
        title: Trial without a credit card
        status: done
    kpis:
      - id: trial-conversion
        name: Trial conversion
        stage: trial
        baseline: 15
        target: 20
    """

BASE = {
    **{k: v for k, v in MINIMAL_FILES.items() if not k.startswith("journeys/")},
    "journeyspec.yaml": CONFIG,
    "journeys/trial.yaml": BASE_JOURNEY,
}
HEAD = {"journeys/trial.yaml": HEAD_JOURNEY}
