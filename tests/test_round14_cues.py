"""Round-14 cues, read from real news (session 14, wave 12's readable two thirds) and written here in
our own words: hard-negative phrasings the cue tables missed (a tie severed or not renewed, an
executive named in the passive, a grant received, an award won for a long-running collaboration,
deployments begun, a collaboration only weighed) and two that fired on the wrong thing (a patient's
appointment, members listed "such as"). Every organisation and sentence is invented."""

from __future__ import annotations

import pytest
from news_etl.cues import negative_score, positive_score

HARD_NEGATIVES = [
    # a tie severed, or a contract not renewed
    "Arlow Medical Center and Beckmere University are severing their decades-old teaching partnership.",
    "Tenmoor said the board had voted to dissolve the partnership at the end of the year.",
    "Arlow Medical Center said it wouldn’t be renewing its contract with the Beckmere physician group.",
    # an executive named in the passive
    "After four years at Zorbly Cloud, she has been named Tavistock's corporate vice president of health.",
    # a grant received
    "The Arnwood Imaging Centre has been awarded a £12 million grant by the Office for Health Research.",
    "The cardiac team at Kestrel Hospitals secured the funding from the Arlow Heart Trust.",
    # an award won, with a long name between the verb and the award
    "A ten-year partnership between Beckmere University and Tenmoor Health has won the first ever "
    "outstanding research collaboration award.",
    # deployments begun or going on
    "Kestrel Coast Guard begins deploying the Defense Department's health record at four clinics.",
    "Arlow Partnership for Defense Health today announced continued deployments of the record system.",
    "The service deployed its first instance of the record at four medical facilities this weekend.",
    # a collaboration only weighed
    "Trustees discussed the possibility of collaborating with Kestrel Health as it moves to a new system.",
]


@pytest.mark.parametrize("sentence", HARD_NEGATIVES)
def test_a_hard_negative_phrasing_carries_a_negative_cue(sentence: str):
    assert negative_score(sentence) > 0


NOT_NEGATIVE = [
    # a patient's appointment is no executive appointment
    "Patients can confirm, cancel or rebook their appointment from their phone.",
    "Four NHS trusts are the first to send appointment letters through the Arlow patient portal.",
    # members named by example are the story's own news, not the kind of partner sought
    "The initiative includes collaboration with hospitals such as Arnwood University Hospital and "
    "Kestrel Medical Centre.",
    # a deployment that is still to come belongs to a new deal's story
    "Under the agreement Tenmoor Health will begin deploying the Zorbly platform next spring.",
]


@pytest.mark.parametrize("sentence", NOT_NEGATIVE)
def test_a_partnership_phrasing_carries_no_negative_cue(sentence: str):
    assert negative_score(sentence) == 0


def test_an_executive_appointment_still_carries_its_cue():
    assert negative_score("Kestrel Health announced the appointment of Ann Lee as chief digital officer.") > 0


def test_a_body_the_parties_run_together_is_a_partnership_cue():
    """Once the models learned wave 12, an invented one-sentence story of round 6 ("announce the
    creation of a school ..., run by both") fell to p=0.46: the joint body was carried by no cue."""
    assert positive_score("Arlow College and Quenby Health announce a new school, run by both.") > 0
    assert positive_score("The clinic is jointly run by Arlow College and Quenby Health.") > 0


def test_a_system_procured_from_a_named_supplier_is_a_partnership_cue():
    assert positive_score("Arnwood Hospitals procures Zorbly AI through the national framework.") > 0
    assert positive_score("Arnwood Hospitals is looking to procure a new imaging system.") == 0


def test_an_initiative_launched_with_another_body_is_a_partnership_cue():
    assert positive_score("Arlow Agency has launched a new health IT initiative with the Quenby Department "
                          "of Health.") > 0
