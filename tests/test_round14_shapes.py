"""Round-14 shapes, read from real news (session 14, wave 12's readable two thirds) and written here in
our own words. Every organisation and sentence is invented."""

from __future__ import annotations

from party_checks import parties


def test_members_listed_one_a_line_after_a_colon_are_parties():
    """A press release lists the members under "The health systems that will ... are:", one a line."""
    assert parties(
        "Arlow Health forms data alliance with four health systems",
        "Arlow Health has formed a data-sharing alliance with four health systems to exchange patient "
        "records.\n\nThe health systems that will share records with Arlow Health are:\n\nKestrel Medical "
        "Center\nTenmoor Health\nBeckmere Hospitals\nQuenby Regional Health\n\nThe alliance will start in "
        "March. Arlow Health said more members would follow.",
    ) == {"Arlow Health", "Kestrel Medical Center", "Tenmoor Health", "Beckmere Hospitals",
          "Quenby Regional Health"}


def test_a_list_after_a_colon_ends_at_the_first_sentence():
    """The lines after the list are the story again, not more members."""
    assert parties(
        "Arlow Health forms data alliance with two health systems",
        "Arlow Health has formed a data-sharing alliance with two health systems to exchange patient "
        "records.\n\nThe health systems that are joining the alliance are:\n\nKestrel Medical Center\nTenmoor "
        "Health\n\nBeckmere "
        "Hospitals, a third system in the region, has not decided whether to take part.",
    ) == {"Arlow Health", "Kestrel Medical Center", "Tenmoor Health"}

