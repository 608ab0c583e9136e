from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    return render(request, "search/index.html", {"query": query, "results": []})
