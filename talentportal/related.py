"""Rows a page has already read for an instance, so that the helpers it calls do not read them again."""


def prefetched(instance, name: str):
    """The rows of `name` that were prefetched on `instance` (prefetch_related), or None when they were not."""
    return getattr(instance, "_prefetched_objects_cache", {}).get(name)
