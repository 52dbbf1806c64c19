from regulations.precheck import precheck  # noqa: F401  (the web pre-check page lives in its own module)
