from niokr.capability.tests.world import world  # noqa: F401  (the fixture)
