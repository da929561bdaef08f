"""Seats the document gives a company, checked against what kg already knows of it."""

from __future__ import annotations

from kg.extract.mentions import DocMention
from kg.extract.relations import RawRelation
from kg.parallel import _drop_referred_seats_elsewhere
from kg.resolve.gazetteer import default_gazetteer


def seat(subject: DocMention, city: str) -> RawRelation:
    place = DocMention(start=9, end=10, type="Place", text=city, key=city)
    return RawRelation(subject=subject, predicate="headquarteredIn", object=place, trigger=5, sent_start=0,
                       sent_end=50, pattern="gruppo-di-luogo:self/prep:di", confidence=0.6)


def test_a_reference_read_as_a_company_seated_in_another_city_gives_no_seat():
    gaz = default_gazetteer()
    groq = DocMention(start=0, end=1, type="Organization", text="Groq", key="groq")
    reference = DocMention(start=5, end=8, type="Organization", text="il colosso", antecedent=groq)
    # "il colosso di Santa Clara" resolved to Groq, which the gazetteer seats in Mountain View
    assert _drop_referred_seats_elsewhere([seat(reference, "santa-clara")], gaz) == []
    # the city the gazetteer gives is kept, and so is a seat the text says of the name itself
    assert len(_drop_referred_seats_elsewhere([seat(reference, "mountain-view")], gaz)) == 1
    assert len(_drop_referred_seats_elsewhere([seat(groq, "santa-clara")], gaz)) == 1
