"""Pagination for every list page: a fixed page size, two queries a page (count + rows) whatever the page.

The last pages cost as little as the first: a page in the second half of the list is read with the ordering
reversed (OFFSET from the end), so "last page" of 100,000 rows skips a handful of rows, not 99,950.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


class BothEndsPaginator(Paginator):
    """A Paginator over an ordered QuerySet that reads pages past the middle from the far end."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        queryset = self.object_list
        if bottom > self.count // 2 and hasattr(queryset, "reverse") and getattr(queryset, "ordered", False):
            rows = list(queryset.reverse()[self.count - top : self.count - bottom])
            rows.reverse()
            return Page(rows, number, self)
        return self._get_page(queryset[bottom:top], number, self)


@dataclass(frozen=True)
class Paged:
    page: Page
    param: str
    query: str  # the request's other GET parameters, url-encoded, to keep filters across pages


def paginate(request, queryset, *, per_page: int = PAGE_SIZE, param: str = "page") -> Paged:
    """The requested page of `queryset` (a number past the end gives the last page, garbage the first)."""
    page = BothEndsPaginator(queryset, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return Paged(page=page, param=param, query=query.urlencode())
