"""Random Domain entities, drawn from the declarations, survive XML and JSON."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from mapping import from_dict, from_xml, to_dict
from tests.xmlassert import to_xml
from mapping.libvirt import Domain
from tests.strategies import entities

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(entities(Domain))
def test_random_domain_survives_xml(domain):
    assert from_xml(to_xml(domain)) == domain


@SETTINGS
@given(entities(Domain))
def test_random_domain_survives_json(domain):
    assert from_dict(to_dict(domain), Domain) == domain
