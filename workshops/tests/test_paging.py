from django.core.paginator import Paginator

from workshops.templatetags.paging import nearby_pages


def _page(number: int, pages: int):
    return Paginator(range(pages * 10), 10).page(number)


def test_a_pager_shows_the_first_the_last_and_two_either_side():
    assert nearby_pages(_page(1, 1)) == [1]
    assert nearby_pages(_page(1, 3)) == [1, 2, 3]
    assert nearby_pages(_page(5, 25)) == [1, 3, 4, 5, 6, 7, 25]
    assert nearby_pages(_page(25, 25)) == [1, 23, 24, 25]
