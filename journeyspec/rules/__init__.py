"""The rule registry: every rule module, listed explicitly, in the order of the reference.

Groups follow the rule catalogue: structure, stages and steps, emotions, pain points
and opportunities, KPIs and evidence, governance.
"""

from __future__ import annotations

from journeyspec.rules import (
    blueprint_no_backstage,
    emotion_score_out_of_scale,
    emotion_steep_drop_without_pain_point,
    emotion_trough_no_opportunity,
    emotion_without_evidence,
    evidence_stale,
    future_state_without_current_state,
    gap_unaddressed,
    item_unused,
    journey_no_customer_evidence,
    journey_no_kpis,
    journey_no_moment_of_truth,
    journey_no_owner,
    journey_no_persona_evidence,
    journey_no_quick_wins,
    journey_objective_missing,
    journey_persona_generic,
    journey_pre_purchase_only,
    journey_review_overdue,
    journey_scope_missing,
    journey_status_policy,
    journey_too_complex,
    kpi_measurement_stale,
    kpi_no_baseline_or_target,
    kpi_off_target,
    kpi_vanity_metric,
    opportunity_addresses_nothing,
    opportunity_no_due_date,
    opportunity_no_kpi,
    opportunity_no_owner,
    opportunity_overdue,
    opportunity_unrated,
    pain_point_no_evidence,
    pain_point_no_severity,
    pain_point_unanchored,
    pain_point_without_opportunity,
    path_without_exit,
    persona_placeholder,
    question_without_touchpoint,
    stage_handoff_undefined,
    stage_no_actions,
    stage_no_emotion_or_thoughts,
    stage_no_kpi,
    stage_no_owner,
    stage_no_touchpoints,
    step_actor_undeclared,
    step_unreachable,
    template_placeholder,
)
from journeyspec.rules.base import Rule

RULES: tuple[Rule, ...] = (
    # structure
    journey_persona_generic,
    journey_objective_missing,
    journey_scope_missing,
    journey_pre_purchase_only,
    journey_too_complex,
    # stages and steps
    stage_no_touchpoints,
    stage_no_owner,
    stage_no_actions,
    stage_no_emotion_or_thoughts,
    stage_no_kpi,
    stage_handoff_undefined,
    question_without_touchpoint,
    gap_unaddressed,
    # the flow: steps no path reaches, paths that never end, who acts
    step_unreachable,
    path_without_exit,
    step_actor_undeclared,
    # emotions
    emotion_steep_drop_without_pain_point,
    emotion_score_out_of_scale,
    emotion_trough_no_opportunity,
    emotion_without_evidence,
    # pain points, opportunities, moments of truth
    pain_point_no_evidence,
    pain_point_no_severity,
    pain_point_unanchored,
    pain_point_without_opportunity,
    opportunity_addresses_nothing,
    opportunity_no_owner,
    opportunity_no_due_date,
    opportunity_unrated,
    opportunity_overdue,
    opportunity_no_kpi,
    journey_no_quick_wins,
    journey_no_moment_of_truth,
    # KPIs and evidence
    journey_no_kpis,
    kpi_no_baseline_or_target,
    kpi_measurement_stale,
    kpi_off_target,
    kpi_vanity_metric,
    journey_no_customer_evidence,
    evidence_stale,
    journey_no_persona_evidence,
    future_state_without_current_state,
    item_unused,
    # governance
    journey_no_owner,
    journey_review_overdue,
    journey_status_policy,
    template_placeholder,
    persona_placeholder,
    blueprint_no_backstage,
)


def rule_by_id(rule_id: str) -> Rule | None:
    return next((rule for rule in RULES if rule_id == rule.ID), None)
