"""Real-news shapes of issue 5's fifth round (measured on a real-news check set kept outside the
repo, written here in our own words): the rest of a deal's parties listed in a sentence of their
own, legal forms after a comma, and deals told as background. Every organisation, event and
sentence here is invented."""

from __future__ import annotations

from party_checks import parties as _parties

NETWORK = (
    "Seven health systems form Quenby data network",
    "Arland Health and Velorix Medical Center have formed the Quenby Data Network with five other health "
    "systems to pool de-identified records for research, the organisations said on Tuesday.\n\n"
    "The network will start with records of about nine million patients.\n\n"
    "The other founding members include Zorbly Health, Brindle Health System and Fenmoor Medical Center.\n\n"
    "Its customers include Harlow Clinic and Marsh Health, which already license its analytics.",
)


def test_a_later_sentence_listing_the_other_members_adds_them():
    parties = _parties(*NETWORK)
    assert {"Zorbly Health", "Brindle Health System", "Fenmoor Medical Center"} <= parties
    assert {"Harlow Clinic", "Marsh Health"}.isdisjoint(parties)  # customers are no members


def test_a_member_list_told_as_background_adds_no_one():
    title, text = NETWORK
    text = text.replace("Fenmoor Medical Center.",
                        "Fenmoor Medical Center, as they did in an earlier network years ago.")
    parties = _parties(title, text)
    assert {"Zorbly Health", "Brindle Health System", "Fenmoor Medical Center"}.isdisjoint(parties)


def test_a_place_of_registration_is_no_name():
    """"Irish-domiciled" describes where a company is registered, as "Boston-based" where it is."""
    parties = _parties("Arland Health picks Quenby Systems",
                       "Arland Health has signed a contract with Irish-domiciled Quenby Systems to supply its "
                       "patient portal, the health system said on Monday.")
    assert parties == {"Arland Health", "Quenby Systems"}


def test_signatories_and_their_titles_are_people_not_parties():
    """"signed by Jane Roe, Director-General of X, and John Doe, CEO of Y" names X and Y as bodies; the
    people, their titles ("General Manager") and degrees ("PhD") are no parties."""
    from news_etl.party_slots import announced_parties

    assert announced_parties("The MoU was signed by Jane Quenby Roe, Director-General of the Arland Public Health "
                             "Centre, and John Doe, General Manager, Zorbly Ireland.") == []
    assert announced_parties("The agreement was signed by Jane Roe, PhD, and Zorbly Systems.") == ["Zorbly Systems"]
    parties = _parties("Arland Public Health Centre and Zorbly Ireland sign MoU",
                       "Arland Public Health Centre and Zorbly Ireland have signed a memorandum of understanding to "
                       "build a cancer registry. The MoU was signed by Jane Quenby Roe, Director-General of the "
                       "Arland Public Health Centre, and John Doe, General Manager, Zorbly Ireland.")
    assert parties == {"Arland Public Health Centre", "Zorbly Ireland"}


def test_a_regulator_that_cleared_a_product_is_no_party():
    parties = _parties("Arland Health teams up with Zorbly",
                       "Arland Health is teaming up with imaging company Zorbly to speed up emergency care. Zorbly's "
                       "platform includes seven tools cleared by the U.S. Food and Drug Administration, which Arland "
                       "Health will use in its emergency departments.")
    assert parties == {"Arland Health", "Zorbly"}


def test_a_plural_subject_that_names_its_members_gives_them_all():
    """"Fourteen health systems, including X, Y and Z, are partnering ..." names its parties in the
    examples of its subject: every one of them, not only the first."""
    parties = _parties(None, "Fourteen health systems, including Arland Health, Quenby Health and Zorbly Health, are "
                             "partnering to create a de-identified data platform.\nThe new platform, dubbed Velorix, "
                             "will serve as a research resource.")
    assert parties == {"Arland Health", "Quenby Health", "Zorbly Health"}


def test_an_anniversary_of_an_existing_collaboration_is_no_new_agreement():
    from news_etl.cues import positive_score

    assert positive_score("Arland Medical Center marked two years of collaboration with Quenby Hospital to advance "
                          "research into AI.") == 0
    assert positive_score("Arland Health and Quenby celebrated the fifth anniversary of their partnership.") == 0
    assert positive_score("Arland Health has signed a collaboration agreement with Quenby.") > 0


def test_people_a_photo_caption_places_and_offices_named_by_their_country_are_no_parties():
    from news_etl.party_slots import announced_parties

    assert announced_parties("Jane Roe (R) and John Doe, Kenya’s Permanent Secretary in the Ministry of Health, "
                             "sign documents in Kigali.") == []


def test_leaving_a_supplier_and_buying_a_company_are_hard_negatives():
    from news_etl.cues import negative_score

    assert negative_score("The trust said it was abandoning the supplier over a lack of confidence.") > 0
    assert negative_score("Arland Health announced it will purchase app maker Zorbly.") > 0
    assert negative_score("Arland Health will purchase a patient portal from Zorbly.") == 0  # a system, not a company


def test_a_name_only_the_headline_has_is_no_party():
    """Parties are named again in the story; a title-case headline phrase read as a name is not."""
    parties = _parties("Arland Health Signs Seven-Year Master Services Agreement With Zorbly",
                       "Arland Health has signed a seven-year agreement with Zorbly Systems under which Zorbly will "
                       "run its claims processing, the health plan said on Monday.")
    assert parties == {"Arland Health", "Zorbly Systems"}
