from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Every list: ?page=N (from 1) and ?page_size=N (1 to 100); {count, next, previous, results}.

    A page_size that is not a number is refused rather than silently replaced by the default, so that an
    integration's mistake shows at once instead of as a short list.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        from api.exceptions import ApiError

        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None:
            try:
                int(raw)
            except ValueError:
                message = _("page_size 须为 1 到 %(max)d 之间的整数。") % {"max": self.max_page_size}
                raise ApiError(message, code="invalid", fields={"page_size": [message]}) from None
        return super().get_page_size(request)
