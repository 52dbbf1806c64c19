"""The API token page: an employer's organisation tokens or a staff user's own; create (shown once), revoke."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api import services
from applications import access
from audit.otp import second_factor_url


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("用途说明"),
        max_length=100,
        help_text=gettext_lazy("例如“人事系统批量申报”。令牌只显示一次，请立即保存到对方系统中。"),
    )


def _page(request, *, form, issued=None, status=200):
    kind = services.token_kind_for(request.user)
    if kind is None:
        raise Http404
    context = {
        "form": form,
        "issued": issued,
        "kind": kind,
        "tokens": services.tokens_visible_to(request.user),
    }
    # The view is never_cache (no-store): the page that shows a new secret must not be kept anywhere.
    return render(request, "api/tokens.html", context, status=status)


@login_required
@never_cache
def tokens(request):
    if services.token_kind_for(request.user) == "staff" and access.staff_verification_missing(request):
        # A staff token opens people's files without a second factor of its own: issue it only after one.
        return redirect(second_factor_url(request.get_full_path()))
    if request.method != "POST":
        return _page(request, form=TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        issued = services.token_create(user=request.user, name=form.cleaned_data["name"], request=request)
    except services.TokenRefused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, form=form, status=403 if refusal.code == "forbidden" else 400)
    return _page(request, form=TokenForm(), issued=issued, status=201)


@login_required
@require_POST
def revoke(request, pk):
    token = get_object_or_404(services.tokens_visible_to(request.user), pk=pk)
    services.token_revoke(token=token, by=request.user, request=request)
    messages.success(request, _("令牌 %(prefix)s 已吊销，使用它的系统将无法再访问。") % {"prefix": token.prefix})
    return redirect("api:tokens")
