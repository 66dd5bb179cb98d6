"""Cross-cutting web tests: the authorization matrix over every URL, security headers and pages,
the OpenAPI contract (schemathesis) and the browser scenarios (Playwright in Debian's Chromium)."""
