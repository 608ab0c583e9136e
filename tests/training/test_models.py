"""The training models' own rules, which hold in the admin, the shell and the seed alike."""

import pytest
from django.core.exceptions import ValidationError

from tests.training.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_a_programme_may_not_take_a_path_of_the_site_as_its_slug():
    programme = ProgrammeFactory.build(slug="nominations")
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert excinfo.value.error_dict["slug"][0].code == "reserved"
    assert excinfo.value.messages == [
        "“nominations”은(는) 사이트에서 쓰는 주소입니다. 다른 주소를 정하세요."
    ]
    ProgrammeFactory.build(slug="nominations-2026").full_clean()
