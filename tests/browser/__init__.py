"""Browser tests (marker ``browser``): the built site in Debian's Chromium through Playwright."""
